//! The apps children use, with the minimum age each app's own terms set,
//! from `content/apps/apps.toml`. The agreement warns from it; the App guides
//! hang their steps on the same ids.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::region::is_iso_date;
use crate::vault::children::{Age, Child};

const BUILTIN: &str = include_str!("../../../content/apps/apps.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AppKind {
    Video,
    Messaging,
    Social,
    Game,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppSource {
    pub title: String,
    pub url: String,
    pub checked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct App {
    pub id: String,
    pub name: String,
    pub kind: AppKind,
    /// None when the app's terms set no minimum age.
    #[serde(default)]
    pub min_age: Option<u8>,
    /// A game's age rating, such as "PEGI 12".
    #[serde(default)]
    pub rating: Option<String>,
    /// What the terms say, in a sentence or two for a parent.
    pub age_note: String,
    /// False when the minimum age could not be confirmed on the app's own pages.
    pub confirmed: bool,
    #[serde(default)]
    pub unconfirmed: String,
    pub sources: Vec<AppSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub schema: u32,
    pub checked: String,
    pub apps: Vec<App>,
}

/// A kind word about an app that is meant for older children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgeWarning {
    pub app_id: String,
    pub text: String,
}

/// The apps a child uses, with a kind word for any meant for older children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChildApps {
    pub apps: Vec<String>,
    pub warnings: Vec<AgeWarning>,
}

impl App {
    /// The age in a "PEGI 12" rating; None for "PEGI Parental Guidance" or no rating.
    pub fn pegi(&self) -> Option<u32> {
        let rest = self.rating.as_deref()?.strip_prefix("PEGI ")?;
        rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    }
}

impl Catalogue {
    pub fn from_toml(text: &str) -> Result<Catalogue, String> {
        let c: Catalogue = toml::from_str(text).map_err(|e| e.to_string())?;
        c.validate()?;
        Ok(c)
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.schema != 1 || !is_iso_date(&self.checked) {
            return Err("schema must be 1 and checked a date".into());
        }
        let mut ids = HashSet::new();
        for a in &self.apps {
            let ctx = |m: &str| format!("app {:?}: {m}", a.id);
            let kebab = !a.id.is_empty() && a.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !kebab || !ids.insert(a.id.as_str()) {
                return Err(ctx("id must be kebab-case and not repeated"));
            }
            if a.name.trim().is_empty() || a.age_note.trim().is_empty() {
                return Err(ctx("needs a name and an age note"));
            }
            if a.age_note.split_whitespace().count() > 40 {
                return Err(ctx("age note is longer than 40 words"));
            }
            if a.min_age.is_some_and(|m| !(4..=18).contains(&m)) {
                return Err(ctx("minimum age must be 4 to 18"));
            }
            if !a.confirmed && a.unconfirmed.trim().is_empty() {
                return Err(ctx("say what could not be confirmed"));
            }
            if a.sources.is_empty() || a.sources.iter().any(|s| !s.url.starts_with("https://") || !is_iso_date(&s.checked) || s.title.trim().is_empty()) {
                return Err(ctx("needs sources, each with a title, an https address and a checked date"));
            }
        }
        Ok(())
    }

    pub fn app(&self, id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.id == id)
    }

    /// Kind warnings for the apps a child uses that their terms say are for
    /// older children. `today` is YYYY-MM-DD.
    pub fn age_warnings(&self, child: &Child, app_ids: &[String], today: &str) -> Vec<AgeWarning> {
        let Some(age) = child.input.age_on(today) else { return Vec::new() };
        let name = child.input.name.as_str();
        app_ids
            .iter()
            .filter_map(|id| self.app(id))
            .filter_map(|app| {
                // The terms' minimum age; failing that, a game's PEGI rating.
                let (min, meant) = match (app.min_age, app.pegi()) {
                    (Some(m), _) => (u32::from(m), format!("{} is meant for people aged {m} and over.", app.name)),
                    (None, Some(p)) => (p, format!("{} is rated PEGI {p}: its content suits people aged {p} and over.", app.name)),
                    (None, None) => return None,
                };
                let (lo, hi) = age.range();
                let said = match age {
                    Age::Years(_) if hi < min => format!("{name} is {hi}."),
                    Age::Band(_) if hi < min => format!("{name} is {lo} to {hi}."),
                    Age::Band(_) if lo < min => format!("{name} may be under {min}."),
                    _ => return None,
                };
                let text = format!("{meant} {said} You could agree to wait, or set it up together with care. {}", app.age_note);
                Some(AgeWarning { app_id: app.id.clone(), text })
            })
            .collect()
    }
}

/// The catalogue shipped with Harbour, checked once.
pub fn builtin() -> Result<&'static Catalogue, &'static String> {
    static CAT: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    CAT.get_or_init(|| Catalogue::from_toml(BUILTIN)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::{AgeBand, ChildInput};

    fn child(birth: Option<(u8, u16)>, band: Option<AgeBand>) -> Child {
        Child {
            id: 1,
            input: ChildInput {
                name: "Sam".into(),
                birth_month: birth.map(|b| b.0),
                birth_year: birth.map(|b| b.1),
                age_band: band,
                devices: String::new(),
                looked_after: false,
            },
        }
    }

    #[test]
    fn the_builtin_catalogue_is_valid_and_covers_the_big_apps() {
        let cat = builtin().unwrap_or_else(|e| panic!("{e}"));
        for id in ["youtube", "whatsapp", "tiktok", "snapchat", "instagram", "roblox", "minecraft", "fortnite", "discord"] {
            assert!(cat.app(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn warns_only_when_the_child_is_or_may_be_too_young() {
        let cat = builtin().unwrap();
        let thirteen_plus = cat.apps.iter().find(|a| a.min_age == Some(13)).unwrap();
        let ids = vec![thirteen_plus.id.clone()];
        // Born March 2014: 12 on 24 November 2026, 13 from March 2027.
        let w = cat.age_warnings(&child(Some((3, 2014)), None), &ids, "2026-11-24");
        assert_eq!(w.len(), 1);
        assert!(w[0].text.contains("Sam is 12."), "{}", w[0].text);
        assert!(w[0].text.contains("aged 13 and over"));
        assert!(cat.age_warnings(&child(Some((3, 2014)), None), &ids, "2027-03-01").is_empty());
        let band = cat.age_warnings(&child(None, Some(AgeBand::From11To13)), &ids, "2026-11-24");
        assert!(band[0].text.contains("Sam may be under 13."), "{}", band[0].text);
        let young = cat.age_warnings(&child(None, Some(AgeBand::From8To10)), &ids, "2026-11-24");
        assert!(young[0].text.contains("Sam is 8 to 10."), "{}", young[0].text);
        assert!(cat.age_warnings(&child(None, Some(AgeBand::From14To15)), &ids, "2026-11-24").is_empty());
        assert!(cat.age_warnings(&child(None, Some(AgeBand::From8To10)), &["no-such-app".into()], "2026-11-24").is_empty());
    }

    #[test]
    fn a_game_without_a_minimum_age_is_judged_by_its_pegi_rating() {
        let cat = builtin().unwrap();
        let cod = cat.app("call-of-duty").unwrap();
        assert_eq!((cod.min_age, cod.pegi()), (None, Some(18)));
        assert_eq!(cat.app("roblox").unwrap().pegi(), None, "PEGI Parental Guidance is not an age");
        let w = cat.age_warnings(&child(None, Some(AgeBand::From14To15)), &["call-of-duty".into()], "2026-11-24");
        assert!(w[0].text.starts_with("Call of Duty is rated PEGI 18"), "{}", w[0].text);
        assert!(w[0].text.contains("Sam is 14 to 15."));
    }

    #[test]
    fn bad_catalogues_are_refused() {
        let good = BUILTIN;
        assert!(Catalogue::from_toml(&good.replacen("https://", "http://", 1)).is_err());
        assert!(Catalogue::from_toml(&good.replacen("schema = 1", "schema = 2", 1)).is_err());
        assert!(Catalogue::from_toml(&format!("{good}\n[[apps]]\nid = \"Bad Id\"\n")).is_err());
    }
}
