//! The agreement rule library: plain-words rules, by section and age band,
//! from `content/agreement/rules.toml`, compiled in and checked strictly.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::is_iso_date;
use crate::vault::children::AgeBand;

const BUILTIN: &str = include_str!("../../../../content/agreement/rules.toml");
pub const SCHEMA: u32 = 1;

/// The sections, in the order an agreement shows them.
pub const SECTIONS: [&str; 10] =
    ["devices-places", "time-balance", "apps-games", "people-online", "sharing", "kindness", "money", "something-wrong", "adults", "review"];

/// The age bands rules are written for. Under-5s have no rules of their own.
pub const BANDS: [AgeBand; 5] = [AgeBand::From5To7, AgeBand::From8To10, AgeBand::From11To13, AgeBand::From14To15, AgeBand::From16To17];

/// A starting agreement stays short: families forget long ones.
pub const STARTER_MIN: usize = 7;
pub const STARTER_MAX: usize = 10;
/// Longest sentence allowed in a rule or its "why", in words.
pub const MAX_SENTENCE_WORDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The child's promise: "I will..."
    Child,
    /// The grown-ups' promise: "We will..."
    Adults,
    /// Everyone in the family: "We will..." / "We all..."
    Family,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub about: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub section: String,
    pub voice: Voice,
    pub text: String,
    pub bands: Vec<AgeBand>,
    /// Bands for which this rule is in the suggested starting agreement.
    pub starter: Vec<AgeBand>,
    pub why: String,
    /// Ids of sources, required where the rule or its "why" states a fact.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Topics in content/law/images.toml: the law for the family's nation is shown with the "why".
    #[serde(default)]
    pub law: Vec<String>,
    /// Written only for a looked-after child (a child in care). Never in a starting
    /// agreement; never offered to, or added for, another child (see `suits`).
    #[serde(default)]
    pub looked_after_only: bool,
    /// Everyday decisions the rule touches that a looked-after child's placement
    /// plan may give to someone other than the carer (phones, apps, photos...).
    #[serde(default)]
    pub touches: Vec<harbour_pack::DelegatedDecision>,
    /// The agency whose pack added the rule; None for Harbour's own (content may not set it).
    #[serde(default)]
    pub from_agency: Option<String>,
}

impl Rule {
    /// Whether the rule may be offered to, and added for, a child: a rule for
    /// children in care suits only a looked-after child. The page offers a rule
    /// only when this holds; the age bands are a separate suggestion.
    pub fn suits(&self, looked_after: bool) -> bool {
        looked_after || !self.looked_after_only
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    pub id: String,
    pub title: String,
    pub url: String,
    pub checked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RuleLibrary {
    pub schema: u32,
    pub checked: String,
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    #[serde(rename = "rule", default)]
    pub rules: Vec<Rule>,
    #[serde(rename = "source", default)]
    pub sources: Vec<RuleSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("the rule library cannot be read: {0}")]
    Parse(String),
    #[error("the rule library breaks a rule: {0}")]
    Invalid(String),
}

pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?']).map(str::trim).filter(|s| !s.is_empty())
}

fn opening_ok(voice: Voice, text: &str) -> bool {
    let starts = |opts: &[&str]| opts.iter().any(|o| text.starts_with(o));
    match voice {
        Voice::Child => starts(&["I will ", "I won't ", "I can ", "I'll "]),
        Voice::Adults | Voice::Family => starts(&["We will ", "We won't ", "We all ", "We can ", "We'll "]),
    }
}

impl RuleLibrary {
    pub fn from_toml(text: &str) -> Result<RuleLibrary, RulesError> {
        let lib: RuleLibrary = toml::from_str(text).map_err(|e| RulesError::Parse(e.to_string()))?;
        lib.validate()?;
        Ok(lib)
    }

    pub fn validate(&self) -> Result<(), RulesError> {
        let bad = |m: String| Err(RulesError::Invalid(m));
        if self.schema != SCHEMA {
            return bad(format!("schema {} is not supported", self.schema));
        }
        if !is_iso_date(&self.checked) {
            return bad(format!("checked {:?} is not a date", self.checked));
        }
        let ids: Vec<&str> = self.sections.iter().map(|s| s.id.as_str()).collect();
        if ids != SECTIONS {
            return bad(format!("sections must be exactly {SECTIONS:?} in that order, not {ids:?}"));
        }
        for s in &self.sections {
            if s.title.trim().is_empty() || s.about.trim().is_empty() {
                return bad(format!("section {:?} needs a title and an about line", s.id));
            }
        }
        let mut source_ids = HashSet::new();
        for s in &self.sources {
            if !source_ids.insert(s.id.as_str()) {
                return bad(format!("source {:?} appears twice", s.id));
            }
            if !s.url.starts_with("https://") || s.title.trim().is_empty() || !is_iso_date(&s.checked) {
                return bad(format!("source {:?} needs a title, an https address and a checked date", s.id));
            }
        }
        let mut rule_ids = HashSet::new();
        let mut texts = HashSet::new();
        for r in &self.rules {
            let ctx = |m: &str| format!("rule {:?}: {m}", r.id);
            if r.id.is_empty() || !r.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                return bad(ctx("the id must be lowercase words joined by hyphens"));
            }
            if !rule_ids.insert(r.id.as_str()) {
                return bad(ctx("the id appears twice"));
            }
            if !texts.insert(r.text.trim().to_lowercase()) {
                return bad(ctx("the same wording appears twice"));
            }
            if !SECTIONS.contains(&r.section.as_str()) {
                return bad(ctx("unknown section"));
            }
            if !opening_ok(r.voice, &r.text) {
                return bad(ctx("the wording does not open as its voice says (\"I will...\" or \"We will...\")"));
            }
            if r.why.trim().is_empty() {
                return bad(ctx("it has no \"why\""));
            }
            for s in sentences(&r.text).chain(sentences(&r.why)) {
                if s.split_whitespace().count() > MAX_SENTENCE_WORDS {
                    return bad(ctx(&format!("a sentence is longer than {MAX_SENTENCE_WORDS} words: {s:?}")));
                }
            }
            if r.bands.is_empty() || r.bands.iter().any(|b| !BANDS.contains(b)) {
                return bad(ctx("bands must be one or more of 5-7, 8-10, 11-13, 14-15, 16-17"));
            }
            if r.starter.iter().any(|b| !r.bands.contains(b)) {
                return bad(ctx("a starter band is not one of its bands"));
            }
            if r.looked_after_only && !r.starter.is_empty() {
                return bad(ctx("a rule for looked-after children only cannot be in a starting agreement"));
            }
            if r.from_agency.is_some() {
                return bad(ctx("only an agency's pack can say a rule is from an agency"));
            }
            if let Some(s) = r.sources.iter().find(|s| !source_ids.contains(s.as_str())) {
                return bad(ctx(&format!("unknown source {s:?}")));
            }
            if let Some(l) = r.law.iter().find(|l| !crate::law::topic_ids().contains(&l.as_str())) {
                return bad(ctx(&format!("unknown law topic {l:?}")));
            }
        }
        for band in BANDS {
            let starter: Vec<&Rule> = self.starter(band).collect();
            let name = format!("{band:?}");
            if !(STARTER_MIN..=STARTER_MAX).contains(&starter.len()) {
                return bad(format!("{name} starts with {} rules; it must be {STARTER_MIN} to {STARTER_MAX}", starter.len()));
            }
            let count = |section: &str| starter.iter().filter(|r| r.section == section).count();
            if count("something-wrong") < 1 || count("adults") < 2 || count("review") < 1 {
                return bad(format!("{name}'s starting agreement needs what to do when something goes wrong, two adult promises and a review"));
            }
        }
        let per_section: HashMap<&str, usize> =
            SECTIONS.iter().map(|s| (*s, self.rules.iter().filter(|r| r.section == *s).count())).collect();
        if let Some((s, n)) = per_section.iter().find(|(_, n)| **n < 6) {
            return bad(format!("section {s:?} has only {n} rules"));
        }
        Ok(())
    }

    /// The suggested starting agreement for a band, in section order.
    pub fn starter(&self, band: AgeBand) -> impl Iterator<Item = &Rule> {
        SECTIONS.iter().flat_map(move |s| self.rules.iter().filter(move |r| r.section == *s && r.starter.contains(&band)))
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// The library compiled into the app, parsed once.
pub fn builtin() -> Result<&'static RuleLibrary, &'static RulesError> {
    static LIB: OnceLock<Result<RuleLibrary, RulesError>> = OnceLock::new();
    LIB.get_or_init(|| RuleLibrary::from_toml(BUILTIN)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_library_is_valid_and_large_enough() {
        let lib = builtin().unwrap_or_else(|e| panic!("{e}"));
        assert!(lib.rules.len() >= 80, "{} rules", lib.rules.len());
        assert!(lib.rules.iter().any(|r| r.voice == Voice::Adults && r.text.contains("not be in trouble")));
        assert!(lib.rules.iter().any(|r| r.text.to_lowercase().contains("never your fault") || r.why.to_lowercase().contains("never your fault")));
    }

    #[test]
    fn every_band_gets_a_short_start() {
        let lib = builtin().unwrap();
        for band in BANDS {
            let n = lib.starter(band).count();
            assert!((STARTER_MIN..=STARTER_MAX).contains(&n), "{band:?}: {n}");
        }
    }

    #[test]
    fn rules_for_children_in_care_suit_only_them_and_never_start_an_agreement() {
        let lib = builtin().unwrap();
        let only: Vec<&str> = lib.rules.iter().filter(|r| r.looked_after_only).map(|r| r.id.as_str()).collect();
        for id in [
            "birth-family-contact-through-carer",
            "tell-carer-if-family-get-in-touch",
            "not-cross-if-family-get-in-touch",
            "keep-home-and-school-private",
            "ask-to-change-family-contact",
            "contact-plan-online-too",
        ] {
            assert!(only.contains(&id), "{id} is for looked-after children only");
            let r = lib.rule(id).unwrap();
            assert!(r.suits(true) && !r.suits(false), "{id}");
            assert!(!r.sources.is_empty(), "{id} states facts, so it needs sources");
        }
        for band in BANDS {
            assert!(lib.starter(band).all(|r| !r.looked_after_only), "{band:?}");
        }
        let everyone = lib.rule("approved-people-only").unwrap();
        assert!(everyone.suits(false) && everyone.suits(true));
    }

    fn minimal() -> String {
        let mut t = String::from("schema = 1\nchecked = \"2026-11-24\"\n");
        for s in SECTIONS {
            t += &format!("[[section]]\nid = \"{s}\"\ntitle = \"T\"\nabout = \"A.\"\n");
        }
        t
    }

    #[test]
    fn broken_libraries_are_refused_with_the_reason() {
        let with_rule = |rule: &str| format!("{}[[rule]]\n{rule}\n", minimal());
        let cases = [
            ("id = \"a\"\nsection = \"nowhere\"\nvoice = \"child\"\ntext = \"I will.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"W.\"", "unknown section"),
            ("id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"We will be kind.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"W.\"", "does not open"),
            ("id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind.\"\nbands = [\"8-10\"]\nstarter = [\"5-7\"]\nwhy = \"W.\"", "starter band"),
            ("id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"\"", "it has no"),
            ("id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"W.\"\nsources = [\"nope\"]", "unknown source"),
            ("id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"W.\"\nlaw = [\"nope\"]", "unknown law topic"),
            (
                "id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind.\"\nbands = [\"8-10\"]\nstarter = [\"8-10\"]\nwhy = \"W.\"\nlooked_after_only = true",
                "cannot be in a starting agreement",
            ),
            (
                "id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"W.\"\nfrom_agency = \"Brightwater Fostering\"",
                "only an agency's pack",
            ),
            (
                "id = \"a\"\nsection = \"kindness\"\nvoice = \"child\"\ntext = \"I will be kind to every single person I meet online and offline every day of every week of the year.\"\nbands = [\"8-10\"]\nstarter = []\nwhy = \"W.\"",
                "longer than",
            ),
        ];
        for (rule, why) in cases {
            let e = RuleLibrary::from_toml(&with_rule(rule)).unwrap_err().to_string();
            assert!(e.contains(why), "{e} (wanted {why})");
        }
        assert!(RuleLibrary::from_toml(&minimal().replace("devices-places", "devices")).unwrap_err().to_string().contains("sections must be"));
    }
}
