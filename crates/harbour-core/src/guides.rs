//! App guides: step-by-step privacy and safety settings for the apps and
//! devices children use, one file per guide in `content/guides/`. Every
//! confirmed step names a page on the app's own sites; anything not confirmed
//! there says so.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::rules::sentences;
use crate::links::parse_https;
use crate::dates::{add_months, is_iso_date};
use crate::vault::children::AgeBand;

include!(concat!(env!("OUT_DIR"), "/guide_files.rs"));

/// Each kind of guide, with its words.
pub const KINDS: [(&str, &str); 9] = [
    ("social", "Social media"),
    ("messaging", "Messaging"),
    ("video", "Video"),
    ("game", "Game"),
    ("console", "Games console"),
    ("device", "Phone or tablet"),
    ("computer", "Computer"),
    ("broadband", "Home broadband"),
    ("ai-chat", "AI chatbot"),
];
/// Each risk a guide can name, with its words.
pub const RISKS: [(&str, &str); 7] = [
    ("strangers", "Contact from strangers"),
    ("location", "Sharing where they are"),
    ("disappearing", "Disappearing messages"),
    ("live", "Live streaming"),
    ("spending", "Spending money"),
    ("harmful-content", "Harmful content"),
    ("ai-chat", "AI chat"),
];
/// Each platform steps can be for, with the words that head them ("all" has none).
pub const PLATFORMS: [(&str, &str); 10] = [
    ("all", ""),
    ("iphone", "On iPhone or iPad"),
    ("android", "On Android"),
    ("web", "On the website"),
    ("console", "On a games console"),
    ("windows", "On Windows"),
    ("mac", "On a Mac"),
    ("xbox", "On Xbox"),
    ("playstation", "On PlayStation"),
    ("switch", "On Nintendo Switch"),
];

/// The words for `id` in one of the lists above; empty if it is not there.
pub fn words(list: &[(&str, &'static str)], id: &str) -> &'static str {
    list.iter().find(|(i, _)| *i == id).map_or("", |(_, w)| w)
}

fn ids_of(list: &[(&'static str, &str)]) -> Vec<&'static str> {
    list.iter().map(|(id, _)| *id).collect()
}
/// Trusted sites beyond the app's own: UK safety charities, regulators and ratings.
pub const SHARED_HOSTS: [&str; 12] = [
    "saferinternet.org.uk",
    "internetmatters.org",
    "nspcc.org.uk",
    "childnet.com",
    "ceopeducation.co.uk",
    "pegi.info",
    "ofcom.org.uk",
    "hwb.gov.wales",
    "swgfl.org.uk",
    "support.apple.com",
    "support.google.com",
    "support.microsoft.com",
];
/// Sentences in steps and reasons stay short; a guide is read with a phone in the other hand.
pub const MAX_SENTENCE_WORDS: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GuideSource {
    pub id: String,
    pub title: String,
    pub url: String,
    /// When it was read, YYYY-MM-DD.
    pub read: String,
    /// Why another country's or language's copy of the page is cited, shown
    /// beside it; required for such a source (see `source_locale`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    /// None when the terms set no minimum age.
    #[serde(default)]
    pub min_age: Option<u8>,
    /// A game's rating, such as "PEGI 12".
    #[serde(default)]
    pub rating: Option<String>,
    /// What the terms say, and what happens below the age.
    pub note: String,
    pub confirmed: bool,
    #[serde(default)]
    pub unconfirmed: String,
    pub sources: Vec<String>,
}

/// The steps for one platform (or "all" where they are the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlatformSteps {
    pub platform: String,
    pub steps: Vec<String>,
    pub confirmed: bool,
    /// Only when not confirmed: what could not be checked.
    #[serde(default)]
    pub unconfirmed: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub id: String,
    /// What to set, e.g. "Only friends can message them".
    pub title: String,
    pub why: String,
    pub steps: Vec<PlatformSteps>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub schema: u32,
    pub id: String,
    pub name: String,
    pub kind: String,
    /// When the whole guide was last checked, YYYY-MM-DD.
    pub checked: String,
    /// The app's own sites; a confirmed step needs a source on one of them.
    pub hosts: Vec<String>,
    /// What it is, in two sentences.
    pub about: String,
    pub age: AgeRule,
    pub risks: Vec<String>,
    pub family_tools: Vec<String>,
    pub settings: Vec<Setting>,
    pub block_and_report: Vec<String>,
    pub talk_about: Vec<String>,
    pub sources: Vec<GuideSource>,
}

fn kebab(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn on_host(host: &str, site: &str) -> bool {
    host == site || host.ends_with(&format!(".{site}"))
}

fn short_sentences(what: &str, text: &str) -> Result<(), String> {
    match sentences(text).find(|s| s.split_whitespace().count() > MAX_SENTENCE_WORDS) {
        Some(s) => Err(format!("{what}: a sentence over {MAX_SENTENCE_WORDS} words: {s:?}")),
        None => Ok(()),
    }
}

fn count(what: &str, n: usize, range: std::ops::RangeInclusive<usize>) -> Result<(), String> {
    if range.contains(&n) { Ok(()) } else { Err(format!("{what}: {n} items, not {range:?}")) }
}

impl Guide {
    /// The youngest age the app is meant for: its terms' minimum age, or else a game's PEGI rating.
    pub fn min_age(&self) -> Option<u32> {
        self.age.min_age.map(u32::from).or_else(|| crate::apps::pegi_age(self.age.rating.as_deref()))
    }

    /// The age bands too young for the app: everyone in them is under its minimum age.
    pub fn too_young(&self) -> Vec<AgeBand> {
        let Some(min) = self.min_age() else { return Vec::new() };
        AgeBand::ALL.into_iter().filter(|b| b.years().1 < min).collect()
    }

    /// Checked more than six months before `today` (YYYY-MM-DD): the app may have changed since.
    pub fn may_be_out_of_date(&self, today: &str) -> bool {
        add_months(&self.checked, 6).is_some_and(|due| due.as_str() < today)
    }

    pub fn from_toml(stem: &str, text: &str) -> Result<Guide, String> {
        let g: Guide = toml::from_str(text).map_err(|e| format!("{stem}: {e}"))?;
        g.validate(stem).map_err(|e| format!("{stem}: {e}"))?;
        Ok(g)
    }

    fn own(&self, source_id: &str) -> bool {
        self.sources
            .iter()
            .find(|s| s.id == source_id)
            .and_then(|s| parse_https(&s.url).ok())
            .is_some_and(|u| self.hosts.iter().any(|h| on_host(u.host_str().unwrap_or(""), h)))
    }

    pub fn validate(&self, stem: &str) -> Result<(), String> {
        if self.schema != 1 {
            return Err("schema must be 1".into());
        }
        if self.id != stem || !kebab(&self.id) {
            return Err("id must be kebab-case and match the file name".into());
        }
        if self.name.trim().is_empty() || !ids_of(&KINDS).contains(&self.kind.as_str()) || !is_iso_date(&self.checked) {
            return Err(format!("needs a name, a kind from {:?} and a checked date", ids_of(&KINDS)));
        }
        if self.hosts.is_empty() || self.hosts.iter().any(|h| h.contains('/') || h.contains(':') || h.trim().is_empty()) {
            return Err("hosts must list the app's own sites as bare host names".into());
        }
        let words = self.about.split_whitespace().count();
        if !(8..=60).contains(&words) {
            return Err(format!("about should be two short sentences, not {words} words"));
        }
        let mut ids = HashSet::new();
        for s in &self.sources {
            let url = parse_https(&s.url).map_err(|e| format!("source {:?}: {e}", s.id))?;
            let host = url.host_str().unwrap_or("");
            if !ids.insert(s.id.as_str()) || !kebab(&s.id) || s.title.trim().is_empty() || !is_iso_date(&s.read) {
                return Err(format!("source {:?} is repeated or lacks a kebab id, title or read date", s.id));
            }
            if !self.hosts.iter().map(String::as_str).chain(SHARED_HOSTS).any(|h| on_host(host, h)) {
                return Err(format!("source {:?}: {host} is neither the app's own site nor a trusted one", s.id));
            }
            let noted = s.note.as_deref().is_some_and(|n| !n.trim().is_empty());
            match (crate::source_locale::foreign_locale(&url), noted) {
                (Some(locale), false) => {
                    return Err(format!("source {:?} is the {locale:?} copy of its page: cite the UK or plain-English page, or say why in `note`", s.id));
                }
                (None, true) => return Err(format!("source {:?} has a note, which is only for another country's or language's copy", s.id)),
                _ => {}
            }
        }
        count("sources", self.sources.len(), 1..=40)?;
        let known = |list: &[String], what: &str| match list.iter().find(|id| !ids.contains(id.as_str())) {
            Some(id) => Err(format!("{what} names an unknown source {id:?}")),
            None => Ok(()),
        };
        let a = &self.age;
        if a.note.trim().is_empty() || a.note.split_whitespace().count() > 45 {
            return Err("age.note must say what the terms say, in at most 45 words".into());
        }
        if a.min_age.is_some_and(|m| !(4..=18).contains(&m)) {
            return Err("age.min_age must be 4 to 18".into());
        }
        if a.sources.is_empty() || (!a.confirmed && a.unconfirmed.trim().is_empty()) {
            return Err("age needs sources, and says what is missing when not confirmed".into());
        }
        known(&a.sources, "age")?;
        count("risks", self.risks.len(), 1..=RISKS.len())?;
        if self.risks.iter().any(|r| !ids_of(&RISKS).contains(&r.as_str())) || self.risks.iter().collect::<HashSet<_>>().len() != self.risks.len() {
            return Err(format!("risks must be from {:?}, each once", ids_of(&RISKS)));
        }
        count("family_tools", self.family_tools.len(), 1..=6)?;
        count("settings", self.settings.len(), 3..=12)?;
        count("block_and_report", self.block_and_report.len(), 1..=8)?;
        count("talk_about", self.talk_about.len(), 2..=6)?;
        let mut setting_ids = HashSet::new();
        for s in &self.settings {
            let ctx = |m: &str| format!("setting {:?}: {m}", s.id);
            if !kebab(&s.id) || !setting_ids.insert(s.id.as_str()) {
                return Err(ctx("id must be kebab-case and not repeated"));
            }
            if s.title.trim().is_empty() || s.why.trim().is_empty() {
                return Err(ctx("needs what to set and why"));
            }
            short_sentences(&ctx("why"), &s.why)?;
            count(&ctx("platforms"), s.steps.len(), 1..=PLATFORMS.len())?;
            let mut platforms = HashSet::new();
            for p in &s.steps {
                let ctx = |m: &str| format!("setting {:?}, {}: {m}", s.id, p.platform);
                if !ids_of(&PLATFORMS).contains(&p.platform.as_str()) || !platforms.insert(p.platform.as_str()) {
                    return Err(ctx(&format!("platform must be one of {:?}, each once", ids_of(&PLATFORMS))));
                }
                count(&ctx("steps"), p.steps.len(), 1..=10)?;
                if p.steps.iter().any(|t| t.trim().is_empty()) {
                    return Err(ctx("an empty step"));
                }
                for t in &p.steps {
                    short_sentences(&ctx("step"), t)?;
                }
                known(&p.sources, &ctx("steps"))?;
                if p.confirmed && !p.sources.iter().any(|id| self.own(id)) {
                    return Err(ctx("confirmed steps need a source on the app's own site"));
                }
                if !p.confirmed && p.unconfirmed.trim().is_empty() {
                    return Err(ctx("say what could not be confirmed"));
                }
            }
        }
        for t in self.block_and_report.iter().chain(&self.talk_about).chain(&self.family_tools) {
            short_sentences("text", t)?;
        }
        Ok(())
    }

    pub fn steps_total(&self) -> usize {
        self.settings.len()
    }
}

/// Every guide shipped with Harbour, checked once, in name order.
pub fn builtin() -> Result<&'static [Guide], &'static String> {
    static GUIDES: OnceLock<Result<Vec<Guide>, String>> = OnceLock::new();
    GUIDES
        .get_or_init(|| {
            let mut all = GUIDE_FILES.iter().map(|(stem, text)| Guide::from_toml(stem, text)).collect::<Result<Vec<_>, _>>()?;
            all.sort_by_key(|g| g.name.to_lowercase());
            Ok(all)
        })
        .as_ref()
        .map(Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guides the issue asks for, by file name.
    const REQUIRED: [&str; 31] = [
        "youtube", "youtube-kids", "whatsapp", "tiktok", "snapchat", "instagram", "facebook", "messenger", "threads", "x",
        "discord", "twitch", "roblox", "minecraft", "fortnite", "call-of-duty", "ea-sports-fc", "among-us", "pinterest",
        "reddit", "telegram", "bereal", "steam", "xbox", "playstation", "nintendo-switch", "iphone-ipad",
        "android-family-link", "windows-family-safety", "home-broadband", "ai-chatbots",
    ];

    #[test]
    fn every_shipped_guide_is_valid_and_all_thirty_one_are_there() {
        let all = builtin().unwrap_or_else(|e| panic!("{e}"));
        assert!(all.len() >= 30, "{} guides", all.len());
        for id in REQUIRED {
            assert!(all.iter().any(|g| g.id == id), "no guide for {id}");
        }
        let confirmed = all.iter().flat_map(|g| &g.settings).flat_map(|s| &s.steps).filter(|p| p.confirmed).count();
        assert!(confirmed > 0);
    }

    const GOOD: &str = r#"
schema = 1
id = "sample"
name = "Sample"
kind = "social"
checked = "2026-11-24"
hosts = ["example.com"]
about = "A sample app for the tests. Children use it to chat."
risks = ["strangers"]
family_tools = ["A parent can see who their child talks to."]
block_and_report = ["Press and hold a name, then choose Block."]
talk_about = ["Who they talk to.", "What to do if something feels wrong."]

[age]
min_age = 13
note = "The terms say 13 and over."
confirmed = true
sources = ["own"]

[[settings]]
id = "private"
title = "Make the account private"
why = "Only people they accept can see their posts."
  [[settings.steps]]
  platform = "all"
  steps = ["Open Settings.", "Turn on Private account."]
  confirmed = true
  sources = ["own"]

[[settings]]
id = "contact"
title = "Only friends can message them"
why = "Strangers cannot start a chat."
  [[settings.steps]]
  platform = "iphone"
  steps = ["Open Settings, then Privacy."]
  confirmed = false
  unconfirmed = "Not on the app's own help pages."
  sources = ["charity"]

[[settings]]
id = "location"
title = "Turn off location sharing"
why = "Nobody sees where they are."
  [[settings.steps]]
  platform = "all"
  steps = ["Open the map and choose Ghost Mode."]
  confirmed = true
  sources = ["own"]

[[sources]]
id = "own"
title = "Sample help: privacy"
url = "https://help.example.com/privacy"
read = "2026-11-24"

[[sources]]
id = "charity"
title = "Internet Matters: sample"
url = "https://www.internetmatters.org/sample"
read = "2026-11-24"
"#;

    #[test]
    fn a_good_guide_passes_and_each_broken_rule_is_refused() {
        Guide::from_toml("sample", GOOD).unwrap();
        let noted = GOOD.replace(
            "url = \"https://help.example.com/privacy\"\nread = \"2026-11-24\"",
            "url = \"https://help.example.com/en-au/privacy\"\nread = \"2026-11-24\"\nnote = \"The app has no UK page for this.\"",
        );
        assert_ne!(noted, GOOD);
        Guide::from_toml("sample", &noted).expect("a foreign copy with a reason is kept");
        let broken = [
            ("wrong file name", GOOD.replace("id = \"sample\"", "id = \"other\"")),
            ("plain http", GOOD.replace("https://help.example.com", "http://help.example.com")),
            ("unknown host", GOOD.replace("https://www.internetmatters.org", "https://blog.example.net")),
            ("look-alike host", GOOD.replace("https://help.example.com", "https://help.example.com.evil.net")),
            ("another country's page, without saying why", GOOD.replace("https://help.example.com/privacy", "https://help.example.com/en-au/privacy")),
            ("another language's page, without saying why", GOOD.replace("https://help.example.com/privacy", "https://help.example.com/privacy?hl=id")),
            ("a note on a UK page", GOOD.replace("read = \"2026-11-24\"\n", "read = \"2026-11-24\"\nnote = \"No UK page.\"\n")),
            ("confirmed from a charity only", GOOD.replace("sources = [\"own\"]\n\n[[settings]]\nid = \"contact\"", "sources = [\"charity\"]\n\n[[settings]]\nid = \"contact\"")),
            ("unconfirmed without saying why", GOOD.replace("  unconfirmed = \"Not on the app's own help pages.\"\n", "")),
            ("unknown source", GOOD.replace("sources = [\"charity\"]", "sources = [\"nowhere\"]")),
            ("unknown risk", GOOD.replace("risks = [\"strangers\"]", "risks = [\"weather\"]")),
            ("unknown platform", GOOD.replace("platform = \"iphone\"", "platform = \"fridge\"")),
            ("bad date", GOOD.replace("checked = \"2026-11-24\"", "checked = \"last week\"")),
            ("missing field", GOOD.replace("talk_about = [\"Who they talk to.\", \"What to do if something feels wrong.\"]\n", "")),
            ("long sentence", GOOD.replace("Only people they accept can see their posts.", &["word"; 26].join(" "))),
            ("too few settings", GOOD[..GOOD.find("[[settings]]\nid = \"contact\"").unwrap()].to_string() + &GOOD[GOOD.find("[[sources]]").unwrap()..]),
        ];
        for (what, text) in broken {
            assert_ne!(text, GOOD, "{what}: the mutation did not apply");
            assert!(Guide::from_toml("sample", &text).is_err(), "{what} was accepted");
        }
    }
}
