//! The conversation planner's content: for each hard topic, openers and key
//! messages by age band, what to listen for, next steps, and links to the
//! agreement rules and Get help. From `content/agreement/conversations.toml`.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{self, sentences, RuleSource, BANDS, MAX_SENTENCE_WORDS};
use crate::dates::is_iso_date;
use crate::region;
use crate::vault::children::AgeBand;

const BUILTIN: &str = include_str!("../../../../content/agreement/conversations.toml");

/// The topics, in the order the planner offers them.
pub const TOPICS: [&str; 8] = [
    "sharing-images",
    "people-met-online",
    "sextortion",
    "bullying",
    "screen-time",
    "worrying-game-or-app",
    "deepfakes",
    "family-contact-online",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BandedLine {
    pub bands: Vec<AgeBand>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IfTheyTellYou {
    #[serde(rename = "do")]
    pub to_do: Vec<String>,
    pub dont: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub bands: Vec<AgeBand>,
    /// Written only for a looked-after child (a child in care): the planner
    /// offers it only for one (see `suits`).
    #[serde(default)]
    pub looked_after_only: bool,
    pub listen_for: Vec<String>,
    pub next_steps: Vec<String>,
    /// Agreement rule ids.
    pub rules: Vec<String>,
    /// Get help situation ids in the region pack.
    pub help: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Topics in content/law/images.toml: the law for the family's nation is shown with this topic.
    #[serde(default)]
    pub law: Vec<String>,
    #[serde(rename = "opener")]
    pub openers: Vec<BandedLine>,
    #[serde(rename = "message")]
    pub messages: Vec<BandedLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Planner {
    pub schema: u32,
    pub checked: String,
    pub if_they_tell_you: IfTheyTellYou,
    #[serde(rename = "topic", default)]
    pub topics: Vec<Topic>,
    #[serde(rename = "source", default)]
    pub sources: Vec<RuleSource>,
}

impl Topic {
    /// Whether the planner may offer this topic for a child: a topic for
    /// children in care suits only a looked-after child.
    pub fn suits(&self, looked_after: bool) -> bool {
        looked_after || !self.looked_after_only
    }

    /// Whether the topic has words written for children in `band`. Each topic
    /// runs from its youngest band up to 16-17, so one that has none is written
    /// for older children.
    pub fn written_for(&self, band: AgeBand) -> bool {
        self.bands.contains(&band)
    }

    /// The band whose words to use with a child in `band`: their own, or for a
    /// child younger than the topic is written for, the youngest it has.
    fn words_band(&self, band: AgeBand) -> AgeBand {
        if self.written_for(band) { band } else { self.bands[0] }
    }

    /// The ways to start, for a child in `band`.
    pub fn openers_for(&self, band: AgeBand) -> Vec<&str> {
        lines_for(&self.openers, self.words_band(band)).map(|l| l.text.as_str()).collect()
    }

    /// The things to get across, for a child in `band`.
    pub fn messages_for(&self, band: AgeBand) -> Vec<&str> {
        lines_for(&self.messages, self.words_band(band)).map(|l| l.text.as_str()).collect()
    }

    /// This topic holding only the openers and messages for a child in `band`.
    pub fn for_band(&self, band: AgeBand) -> Topic {
        let band = self.words_band(band);
        let keep = |lines: &[BandedLine]| lines_for(lines, band).cloned().collect();
        Topic { openers: keep(&self.openers), messages: keep(&self.messages), ..self.clone() }
    }
}

fn lines_for(lines: &[BandedLine], band: AgeBand) -> impl Iterator<Item = &BandedLine> {
    lines.iter().filter(move |l| l.bands.contains(&band))
}

fn count_in(what: &str, items: &[String], range: std::ops::RangeInclusive<usize>) -> Result<(), String> {
    if range.contains(&items.len()) { Ok(()) } else { Err(format!("{what} has {} items, not {range:?}", items.len())) }
}

impl Planner {
    /// Parses and checks the planner against the rule library and the region
    /// pack it links to, so a link can never point at nothing.
    pub fn from_toml(text: &str, rules: &rules::RuleLibrary, help: &region::Region) -> Result<Planner, String> {
        let p: Planner = toml::from_str(text).map_err(|e| e.to_string())?;
        p.validate(rules, help)?;
        Ok(p)
    }

    pub fn validate(&self, rules: &rules::RuleLibrary, help: &region::Region) -> Result<(), String> {
        if self.schema != 1 || !is_iso_date(&self.checked) {
            return Err("schema must be 1 and checked a date".into());
        }
        let ids: Vec<&str> = self.topics.iter().map(|t| t.id.as_str()).collect();
        if ids != TOPICS {
            return Err(format!("topics must be exactly {TOPICS:?} in that order, not {ids:?}"));
        }
        count_in("if_they_tell_you.do", &self.if_they_tell_you.to_do, 5..=8)?;
        count_in("if_they_tell_you.dont", &self.if_they_tell_you.dont, 4..=7)?;
        let mut source_ids = HashSet::new();
        for s in &self.sources {
            if !source_ids.insert(s.id.as_str()) || !s.url.starts_with("https://") || !is_iso_date(&s.checked) {
                return Err(format!("source {:?} is repeated or lacks an https address or date", s.id));
            }
        }
        let mut all_text: Vec<&str> = self.if_they_tell_you.to_do.iter().chain(&self.if_they_tell_you.dont).map(String::as_str).collect();
        for t in &self.topics {
            let ctx = |m: &str| format!("topic {:?}: {m}", t.id);
            if t.title.trim().is_empty() || t.summary.trim().is_empty() {
                return Err(ctx("needs a title and a summary"));
            }
            if t.bands.is_empty() || t.bands.iter().any(|b| !BANDS.contains(b)) {
                return Err(ctx("bands must be from 5-7 to 16-17"));
            }
            // From the youngest band it is written for up to the oldest, in order, so that a
            // child it has no words for is younger (Topic::written_for).
            if !BANDS.ends_with(&t.bands) {
                return Err(ctx("bands must run in order, with no gap, up to 16-17"));
            }
            count_in(&ctx("listen_for"), &t.listen_for, 3..=6)?;
            count_in(&ctx("next_steps"), &t.next_steps, 2..=5)?;
            count_in(&ctx("rules"), &t.rules, 1..=5)?;
            count_in(&ctx("help"), &t.help, 1..=3)?;
            if let Some(r) = t.rules.iter().find(|r| rules.rule(r).is_none()) {
                return Err(ctx(&format!("names unknown rule {r:?}")));
            }
            if let Some(h) = t.help.iter().find(|h| !help.situations.iter().any(|s| &s.id == *h)) {
                return Err(ctx(&format!("names unknown help situation {h:?}")));
            }
            if let Some(s) = t.sources.iter().find(|s| !source_ids.contains(s.as_str())) {
                return Err(ctx(&format!("names unknown source {s:?}")));
            }
            if let Some(l) = t.law.iter().find(|l| !crate::law::topic_ids().contains(&l.as_str())) {
                return Err(ctx(&format!("names unknown law topic {l:?}")));
            }
            for (kind, lines, range) in [("opener", &t.openers, 2..=4), ("message", &t.messages, 3..=6)] {
                if !range.contains(&lines.len()) {
                    return Err(ctx(&format!("has {} {kind}s, not {range:?}", lines.len())));
                }
                for band in &t.bands {
                    if !lines.iter().any(|l| l.bands.contains(band)) {
                        return Err(ctx(&format!("no {kind} for {band:?}")));
                    }
                }
                if let Some(l) = lines.iter().find(|l| l.bands.is_empty() || l.bands.iter().any(|b| !t.bands.contains(b))) {
                    return Err(ctx(&format!("{kind} {:?} has bands outside the topic's", l.text)));
                }
                all_text.extend(lines.iter().map(|l| l.text.as_str()));
            }
            all_text.extend(t.listen_for.iter().chain(&t.next_steps).map(String::as_str));
            all_text.push(&t.summary);
        }
        for text in all_text {
            if text.trim().is_empty() {
                return Err("an empty line".into());
            }
            if let Some(s) = sentences(text).find(|s| s.split_whitespace().count() > MAX_SENTENCE_WORDS) {
                return Err(format!("a sentence is longer than {MAX_SENTENCE_WORDS} words: {s:?}"));
            }
        }
        Ok(())
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}

/// The planner compiled into the app, checked against the built-in rules and UK help pack.
pub fn builtin() -> Result<&'static Planner, &'static str> {
    static PLANNER: OnceLock<Result<Planner, String>> = OnceLock::new();
    PLANNER
        .get_or_init(|| {
            let rules = rules::builtin().map_err(|e| e.to_string())?;
            let uk = region::load("uk").map_err(|e| e.to_string())?;
            Planner::from_toml(BUILTIN, rules, uk)
        })
        .as_ref()
        .map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_planner_is_valid_and_links_only_to_what_exists() {
        let p = builtin().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.topics.len(), TOPICS.len());
        let all: String = p.if_they_tell_you.to_do.iter().chain(&p.if_they_tell_you.dont).cloned().collect::<Vec<_>>().join(" ");
        for must in ["calm", "not their fault", "secret", "nude image"] {
            assert!(all.contains(must), "if-they-tell-you lacks {must:?}");
        }
        let sextortion = p.topic("sextortion").unwrap();
        let steps = sextortion.next_steps.join(" ").to_lowercase();
        assert!(steps.contains("do not pay") && steps.contains("keep the messages") && steps.contains("ceop"), "{steps}");
    }

    #[test]
    fn birth_family_contact_is_offered_only_for_a_looked_after_child() {
        let p = builtin().unwrap();
        let t = p.topic("family-contact-online").unwrap();
        assert!(t.looked_after_only && t.suits(true) && !t.suits(false));
        let offered = |looked_after: bool| -> Vec<&str> { p.topics.iter().filter(|t| t.suits(looked_after)).map(|t| t.id.as_str()).collect() };
        assert_eq!(offered(true), TOPICS, "a child in care is offered every topic");
        assert_eq!(offered(false), TOPICS[..7], "another child is offered all but this one");
        // Every fact in it has a source, and it links to the rules written for children in care.
        assert!(t.sources.len() >= 5, "{:?}", t.sources);
        let lib = rules::builtin().unwrap();
        for id in &t.rules {
            assert!(lib.rule(id).unwrap().looked_after_only, "{id}");
        }
        let steps = t.next_steps.join(" ");
        assert!(steps.contains("not in trouble") && steps.contains("social worker") && steps.contains("999"), "{steps}");
    }

    #[test]
    fn a_broken_link_is_refused() {
        let rules = rules::builtin().unwrap();
        let uk = region::load("uk").unwrap();
        // Prefixing the first id of a list makes it name nothing.
        let broken = BUILTIN.replacen("help = [\"", "help = [\"no-such-", 1);
        let e = Planner::from_toml(&broken, rules, uk).unwrap_err();
        assert!(e.contains("unknown help situation"), "{e}");
        let broken = BUILTIN.replacen("rules = [\n  \"", "rules = [\n  \"no-such-", 1);
        let e = Planner::from_toml(&broken, rules, uk).unwrap_err();
        assert!(e.contains("unknown rule"), "{e}");
        let broken = BUILTIN.replacen("law = [\"", "law = [\"no-such-", 1);
        let e = Planner::from_toml(&broken, rules, uk).unwrap_err();
        assert!(e.contains("unknown law topic"), "{e}");
        assert_eq!(Planner::from_toml(BUILTIN, rules, uk).unwrap().topic("sextortion").unwrap().law, ["images-of-under-18s", "intimate-image-abuse"]);
    }
}
