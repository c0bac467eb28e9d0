//! What the law says about nude and sexual images, for each nation of the UK,
//! from `content/law/images.toml`. Each statement names the laws behind it,
//! with when each was checked and whether it is in force.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::rules::{sentences, MAX_SENTENCE_WORDS};
use crate::dates::is_iso_date;
use crate::nation::{self, Nation};

const BUILTIN: &str = include_str!("../../../content/law/images.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LawStatus {
    InForce,
    NotYetInForce,
    Proposed,
    Unconfirmed,
}

impl LawStatus {
    /// Said after the law's name; nothing for a law in force.
    fn words(self) -> Option<&'static str> {
        match self {
            LawStatus::InForce => None,
            LawStatus::NotYetInForce => Some("not yet in force"),
            LawStatus::Proposed => Some("proposed, not yet law"),
            LawStatus::Unconfirmed => Some("we could not confirm that this applies yet"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Law {
    title: String,
    url: String,
    checked: String,
    status: LawStatus,
    /// What the source said, for whoever checks next. Not shown.
    #[allow(dead_code)]
    note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ForNations {
    nations: Vec<Nation>,
    text: String,
    laws: Vec<Law>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Topic {
    id: String,
    title: String,
    /// True in every nation; shown to a family that has not said where it lives.
    uk_wide: String,
    nations: Vec<ForNations>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct LawFile {
    schema: u32,
    checked: String,
    topics: Vec<Topic>,
}

/// One law, as the screen and the PDFs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LawSource {
    pub title: String,
    pub url: String,
    pub checked: String,
    /// "not yet in force", "proposed, not yet law", or null for a law in force.
    pub status: Option<&'static str>,
    /// "England and Wales", when the family has not said where it lives; else null.
    pub applies_in: Option<String>,
}

/// What the law says on one topic, for one family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LawStatement {
    pub id: String,
    pub title: String,
    /// "The law in Scotland", or "The law across the UK".
    pub heading: String,
    pub text: String,
    pub laws: Vec<LawSource>,
}

impl LawFile {
    fn validate(&self) -> Result<(), String> {
        if self.schema != 1 || !is_iso_date(&self.checked) {
            return Err("schema must be 1 and checked a date".into());
        }
        let mut ids = HashSet::new();
        for t in &self.topics {
            let ctx = |m: &str| format!("topic {:?}: {m}", t.id);
            if !ids.insert(t.id.as_str()) || t.title.trim().is_empty() {
                return Err(ctx("is repeated or has no title"));
            }
            for n in Nation::ALL {
                let count = t.nations.iter().filter(|f| f.nations.contains(&n)).count();
                if count != 1 {
                    return Err(ctx(&format!("must say the law for {} exactly once, not {count} times", n.name())));
                }
            }
            let mut texts = vec![t.uk_wide.as_str()];
            for f in &t.nations {
                if f.laws.is_empty() {
                    return Err(ctx(&format!("names no law for {}", nation::names(&f.nations))));
                }
                for l in &f.laws {
                    if l.title.trim().is_empty() || !l.url.starts_with("https://") || !is_iso_date(&l.checked) || l.note.trim().is_empty() {
                        return Err(ctx(&format!("law {:?} lacks a title, an https address, a date or a note", l.title)));
                    }
                }
                texts.push(&f.text);
            }
            for text in texts {
                if text.trim().is_empty() {
                    return Err(ctx("has an empty statement"));
                }
                if let Some(s) = sentences(text).find(|s| s.split_whitespace().count() > MAX_SENTENCE_WORDS) {
                    return Err(ctx(&format!("a sentence is longer than {MAX_SENTENCE_WORDS} words: {s:?}")));
                }
            }
        }
        if self.topics.is_empty() {
            return Err("no topics".into());
        }
        Ok(())
    }

    fn for_nation(&self, nation: Option<Nation>) -> Vec<LawStatement> {
        let source = |l: &Law, applies_in: Option<String>| LawSource {
            title: l.title.clone(),
            url: l.url.clone(),
            checked: l.checked.clone(),
            status: l.status.words(),
            applies_in,
        };
        self.topics
            .iter()
            .map(|t| {
                let (heading, text, laws) = match nation {
                    Some(n) => {
                        let f = t.nations.iter().find(|f| f.nations.contains(&n)).expect("validated: every nation once");
                        (format!("The law in {}", n.name()), f.text.clone(), f.laws.iter().map(|l| source(l, None)).collect())
                    }
                    None => {
                        // Each law once, with every nation it is listed for.
                        let mut seen: Vec<(&Law, Vec<Nation>)> = Vec::new();
                        for f in &t.nations {
                            for l in &f.laws {
                                match seen.iter_mut().find(|(s, _)| s.url == l.url) {
                                    Some((_, nations)) => nations.extend(&f.nations),
                                    None => seen.push((l, f.nations.clone())),
                                }
                            }
                        }
                        let laws = seen
                            .into_iter()
                            .map(|(l, mut nations)| {
                                nations.sort();
                                source(l, Some(nation::names(&nations)))
                            })
                            .collect();
                        ("The law across the UK".to_string(), t.uk_wide.clone(), laws)
                    }
                };
                LawStatement { id: t.id.clone(), title: t.title.clone(), heading, text, laws }
            })
            .collect()
    }

    fn urls(&self) -> impl Iterator<Item = &str> {
        self.topics.iter().flat_map(|t| t.nations.iter().flat_map(|f| f.laws.iter().map(|l| l.url.as_str())))
    }
}

fn parse(text: &str) -> Result<LawFile, String> {
    let file: LawFile = toml::from_str(text).map_err(|e| e.to_string())?;
    file.validate()?;
    Ok(file)
}

fn builtin() -> Result<&'static LawFile, &'static str> {
    static LAW: OnceLock<Result<LawFile, String>> = OnceLock::new();
    LAW.get_or_init(|| parse(BUILTIN)).as_ref().map_err(String::as_str)
}

/// The law on images as a family in `nation` needs it; `None` is "not sure".
pub fn on_images(nation: Option<Nation>) -> Result<Vec<LawStatement>, &'static str> {
    Ok(builtin()?.for_nation(nation))
}

/// The ids of the law's topics, for content that refers to them.
pub fn topic_ids() -> Vec<&'static str> {
    builtin().map(|f| f.topics.iter().map(|t| t.id.as_str()).collect()).unwrap_or_default()
}

/// Every address the law file links to, for the help-link allow-list.
pub fn urls() -> Vec<&'static str> {
    builtin().map(|f| f.urls().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_law_covers_every_nation_with_sources() {
        let file = builtin().unwrap_or_else(|e| panic!("{e}"));
        assert!(file.topics.iter().any(|t| t.id == "images-of-under-18s"));
        for n in Nation::ALL {
            let said = on_images(Some(n)).unwrap();
            assert_eq!(said.len(), file.topics.len());
            for s in &said {
                assert_eq!(s.heading, format!("The law in {}", n.name()));
                assert!(!s.laws.is_empty() && s.laws.iter().all(|l| l.applies_in.is_none()), "{n:?} {}", s.id);
            }
        }
        let scotland = on_images(Some(Nation::Scotland)).unwrap();
        assert!(scotland[0].laws.iter().any(|l| l.title.contains("Civic Government (Scotland) Act 1982")), "{:?}", scotland[0].laws);
        let england = on_images(Some(Nation::England)).unwrap();
        assert!(england[0].laws.iter().any(|l| l.title.contains("Protection of Children Act 1978")));
        let unsure = on_images(None).unwrap();
        assert!(unsure.iter().all(|s| s.laws.iter().all(|l| l.applies_in.is_some())));
        assert!(unsure[0].laws.iter().any(|l| l.applies_in.as_deref() == Some("Northern Ireland")));
        let pca = unsure[0].laws.iter().filter(|l| l.title.starts_with("Protection of Children Act 1978")).collect::<Vec<_>>();
        assert_eq!(pca.len(), 1, "a law listed for England and for Wales is shown once");
        assert_eq!(pca[0].applies_in.as_deref(), Some("England and Wales"));
    }

    #[test]
    fn a_nation_left_out_or_said_twice_is_refused() {
        let text = BUILTIN.replacen("\"scotland\"", "\"wales\"", 1);
        let err = parse(&text).unwrap_err();
        assert!(err.contains("exactly once"), "{err}");
        assert!(parse(&BUILTIN.replacen("url = \"https://", "url = \"http://", 1)).unwrap_err().contains("https"));
        assert!(parse(&BUILTIN.replacen("status = \"in_force\"", "status = \"maybe\"", 1)).is_err());
    }
}
