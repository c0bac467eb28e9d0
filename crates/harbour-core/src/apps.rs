//! The apps children use, with the minimum age each app's own terms set,
//! taken from the App guides (`content/guides/`), so an age is written once.
//! The agreement lists them and warns from them.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::guides::{self, Guide};
use crate::vault::children::{Age, Child};

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
    /// The guide's kind: social, game, console, device...
    pub kind: String,
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

/// The age in a "PEGI 12" rating; None for "PEGI Parental Guidance" or no rating.
pub fn pegi_age(rating: Option<&str>) -> Option<u32> {
    let rest = rating?.strip_prefix("PEGI ")?;
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

impl App {
    pub fn pegi(&self) -> Option<u32> {
        pegi_age(self.rating.as_deref())
    }
}

impl Catalogue {
    /// One entry per guide, with the guide's age rule and its sources.
    pub fn from_guides(guides: &[Guide]) -> Catalogue {
        let checked = guides.iter().map(|g| g.checked.as_str()).min().unwrap_or("").to_string();
        let apps = guides
            .iter()
            .map(|g| App {
                id: g.id.clone(),
                name: g.name.clone(),
                kind: g.kind.clone(),
                min_age: g.age.min_age,
                rating: g.age.rating.clone(),
                age_note: g.age.note.clone(),
                confirmed: g.age.confirmed,
                unconfirmed: g.age.unconfirmed.clone(),
                sources: g
                    .sources
                    .iter()
                    .filter(|s| g.age.sources.contains(&s.id))
                    .map(|s| AppSource { title: s.title.clone(), url: s.url.clone(), checked: s.read.clone() })
                    .collect(),
            })
            .collect();
        Catalogue { schema: 1, checked, apps }
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

/// The catalogue made from the guides shipped with Harbour.
pub fn builtin() -> Result<&'static Catalogue, &'static String> {
    static CAT: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    CAT.get_or_init(|| guides::builtin().map(Catalogue::from_guides).map_err(Clone::clone)).as_ref()
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
}
