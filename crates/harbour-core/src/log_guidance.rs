//! What to do next for each kind of worry in the concern log, with where each
//! step came from. From `content/log/guidance.toml`, checked against the
//! log's categories and the UK Get help list it links to.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::rules::{sentences, RuleSource, MAX_SENTENCE_WORDS};
use crate::dates::is_iso_date;
use crate::region;
use crate::vault::log::CATEGORIES;

const BUILTIN: &str = include_str!("../../../content/log/guidance.toml");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CategoryGuidance {
    /// One of the log's CATEGORIES.
    pub id: String,
    pub steps: Vec<String>,
    /// Whether the warning about images of under-18s goes with these steps.
    pub image_law: bool,
    /// Get help situation ids in the region pack.
    pub situations: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LogGuidance {
    pub schema: u32,
    pub checked: String,
    /// The warning shown before any file is kept, and with image-related steps.
    pub image_law: String,
    pub sources: Vec<RuleSource>,
    pub categories: Vec<CategoryGuidance>,
}

impl LogGuidance {
    pub fn from_toml(text: &str, help: &region::Region) -> Result<LogGuidance, String> {
        let g: LogGuidance = toml::from_str(text).map_err(|e| e.to_string())?;
        g.validate(help)?;
        Ok(g)
    }

    pub fn validate(&self, help: &region::Region) -> Result<(), String> {
        if self.schema != 1 || !is_iso_date(&self.checked) {
            return Err("schema must be 1 and checked a date".into());
        }
        let ids: Vec<&str> = self.categories.iter().map(|c| c.id.as_str()).collect();
        if ids != CATEGORIES.map(|(id, _)| id) {
            return Err(format!("categories must be exactly those in vault::log::CATEGORIES, in that order, not {ids:?}"));
        }
        let mut source_ids = HashSet::new();
        for s in &self.sources {
            if !source_ids.insert(s.id.as_str()) || !s.url.starts_with("https://") || !is_iso_date(&s.checked) || s.title.trim().is_empty() {
                return Err(format!("source {:?} is repeated or lacks a title, an https address or a date", s.id));
            }
        }
        let mut text: Vec<&str> = vec![&self.image_law];
        for c in &self.categories {
            let ctx = |m: &str| format!("category {:?}: {m}", c.id);
            if !(3..=6).contains(&c.steps.len()) {
                return Err(ctx("needs 3 to 6 steps"));
            }
            if c.sources.is_empty() || c.situations.is_empty() {
                return Err(ctx("needs at least one source and one Get help situation"));
            }
            if let Some(s) = c.sources.iter().find(|s| !source_ids.contains(s.as_str())) {
                return Err(ctx(&format!("names unknown source {s:?}")));
            }
            if let Some(h) = c.situations.iter().find(|h| !help.situations.iter().any(|s| &s.id == *h)) {
                return Err(ctx(&format!("names unknown help situation {h:?}")));
            }
            text.extend(c.steps.iter().map(String::as_str));
        }
        for t in text {
            if t.trim().is_empty() {
                return Err("an empty step".into());
            }
            if let Some(s) = sentences(t).find(|s| s.split_whitespace().count() > MAX_SENTENCE_WORDS) {
                return Err(format!("a sentence is longer than {MAX_SENTENCE_WORDS} words: {s:?}"));
            }
        }
        Ok(())
    }

    pub fn category(&self, id: &str) -> Option<&CategoryGuidance> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.url.as_str())
    }
}

/// The guidance compiled into the app, checked against the UK help list.
pub fn builtin() -> Result<&'static LogGuidance, &'static str> {
    static GUIDANCE: OnceLock<Result<LogGuidance, String>> = OnceLock::new();
    GUIDANCE
        .get_or_init(|| {
            let uk = region::load("uk").map_err(|e| e.to_string())?;
            LogGuidance::from_toml(BUILTIN, uk)
        })
        .as_ref()
        .map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_guidance_covers_every_category_and_says_the_key_things() {
        let g = builtin().unwrap_or_else(|e| panic!("{e}"));
        let steps = |id: &str| g.category(id).unwrap().steps.join(" ").to_lowercase();
        let sextortion = steps("sextortion");
        for must in ["do not pay", "block", "do not delete", "ceop", "101", "report remove"] {
            assert!(sextortion.contains(must), "sextortion lacks {must:?}: {sextortion}");
        }
        let images = steps("nude-images");
        assert!(images.contains("report remove") && images.contains("internet watch foundation"), "{images}");
        for id in ["grooming", "sextortion", "nude-images", "intimate-image-abuse", "deepfake"] {
            assert!(g.category(id).unwrap().image_law, "{id} should repeat the image warning");
        }
        assert!(g.image_law.contains("under 18") && g.image_law.contains("even to show the police"), "{}", g.image_law);
    }

    #[test]
    fn broken_guidance_is_refused() {
        let uk = region::load("uk").unwrap();
        let cases = [
            ("unknown help situation", BUILTIN.replacen("situations = [\"", "situations = [\"no-such-", 1)),
            ("unknown source", BUILTIN.replacen("sources = [\"", "sources = [\"no-such-", 1)),
            ("categories must be exactly", BUILTIN.replacen("id = \"deepfake\"", "id = \"deep-fake\"", 1)),
            ("https", BUILTIN.replacen("url = \"https://", "url = \"http://", 1)),
            ("longer than", BUILTIN.replacen("Do not pay.", &format!("{}.", ["word"; 26].join(" ")), 1)),
        ];
        for (want, text) in cases {
            let e = LogGuidance::from_toml(&text, uk).unwrap_err();
            assert!(e.contains(want), "{want}: {e}");
        }
    }
}
