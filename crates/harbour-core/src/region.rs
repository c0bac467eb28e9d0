//! Region packs: the help contacts for one country, grouped by the situation a
//! worried adult is in. Packs are data files in `content/regions`, compiled in.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::nation::{self, Nation};

/// The packs compiled into the app, as (id, TOML text).
const BUILTIN: &[(&str, &str)] = &[("uk", include_str!("../../../content/regions/uk.toml"))];

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub schema: u32,
    pub id: String,
    pub name: String,
    /// When the whole pack was last reviewed, as YYYY-MM-DD.
    pub checked: String,
    pub intro: String,
    pub situations: Vec<Situation>,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    pub id: String,
    pub title: String,
    /// The advice for the whole UK, and for "not sure".
    pub advice: String,
    /// Advice that replaces `advice` for one nation. Resolved in Rust (`Region::for_nation`); never sent to the screen.
    #[serde(default, skip_serializing)]
    #[ts(skip)]
    pub nation_advice: BTreeMap<Nation, String>,
    /// Ids of contacts, in the order they are shown.
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub for_what: String,
    #[serde(default)]
    pub not_for: Option<String>,
    pub hours: String,
    pub hours_confirmed: bool,
    pub checked: String,
    #[serde(default)]
    pub unconfirmed: Option<String>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub emails: Vec<Email>,
    #[serde(default)]
    pub nations: Vec<NationNote>,
    /// The nations this contact serves; empty means all of the UK.
    #[serde(default)]
    pub only_in: Vec<Nation>,
    /// "For families in Scotland": set by `Region::for_nation` when the family is not sure where
    /// they live and this contact serves only part of the UK.
    #[serde(default)]
    pub shown_for: Option<String>,
    /// Required; defaulted so that a missing list gets a clear message from validate().
    #[serde(default)]
    pub sources: Vec<HelpSource>,
}

impl Contact {
    pub fn serves(&self, nation: Option<Nation>) -> bool {
        match nation {
            Some(n) => self.only_in.is_empty() || self.only_in.contains(&n),
            None => true,
        }
    }

    fn for_nation(&self, nation: Option<Nation>) -> Contact {
        let nations = self
            .nations
            .iter()
            .filter(|note| nation.is_none_or(|n| n == note.nation))
            .map(|note| NationNote { place: format!("In {}", note.nation.name()), ..note.clone() })
            .collect();
        let shown_for = (nation.is_none() && !self.only_in.is_empty()).then(|| format!("For families in {}", nation::names(&self.only_in)));
        Contact { nations, shown_for, ..self.clone() }
    }

    /// How to reach it, for a printed line: the first number, or else the
    /// first web address without "https://".
    pub fn reach(&self) -> Option<String> {
        self.phones
            .first()
            .map(|p| p.number.clone())
            .or_else(|| self.links.first().map(|l| l.url.trim_start_matches("https://").trim_end_matches('/').to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub label: String,
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Email {
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NationNote {
    pub nation: Nation,
    pub note: String,
    /// "In Scotland", for the screen: set by `Region::for_nation`, never by the pack.
    #[serde(default)]
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HelpSource {
    pub title: String,
    pub url: String,
    pub checked: String,
    /// What the source said, for whoever checks the pack next. Not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// A short entry for a region picker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RegionSummary {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum RegionError {
    #[error("there is no region called {0:?}")]
    Unknown(String),
    #[error("the region file could not be read: {0}")]
    Parse(String),
    #[error("the region file has a problem: {0}")]
    Invalid(String),
}

impl Region {
    /// Parses and checks a pack. A pack that parses but breaks a rule is refused
    /// whole: a half-right list of emergency contacts is worse than none.
    pub fn from_toml(text: &str) -> Result<Region, RegionError> {
        let region: Region = toml::from_str(text).map_err(|e| RegionError::Parse(e.to_string()))?;
        region.validate()?;
        Ok(region)
    }

    pub fn validate(&self) -> Result<(), RegionError> {
        let bad = |msg: String| Err(RegionError::Invalid(msg));
        if self.schema != SCHEMA {
            return bad(format!("schema {} is not supported (expected {SCHEMA})", self.schema));
        }
        check_id(&self.id)?;
        check_text("name", &self.name)?;
        check_text("intro", &self.intro)?;
        check_date("checked", &self.checked)?;

        let mut contact_ids = HashSet::new();
        for c in &self.contacts {
            check_id(&c.id)?;
            if !contact_ids.insert(c.id.as_str()) {
                return bad(format!("contact {:?} appears twice", c.id));
            }
            let ctx = |field: &str| format!("contact {:?} {field}", c.id);
            check_text(&ctx("name"), &c.name)?;
            check_text(&ctx("for_what"), &c.for_what)?;
            check_text(&ctx("hours"), &c.hours)?;
            check_date(&ctx("checked"), &c.checked)?;
            if c.phones.is_empty() && c.links.is_empty() && c.emails.is_empty() {
                return bad(format!("contact {:?} has no phone, link or email", c.id));
            }
            for p in &c.phones {
                check_text(&ctx("phone label"), &p.label)?;
                check_phone(&p.number).map_err(|m| RegionError::Invalid(format!("{}: {m}", ctx("phone"))))?;
            }
            for l in &c.links {
                check_text(&ctx("link label"), &l.label)?;
                check_https(&ctx("link"), &l.url)?;
            }
            for e in &c.emails {
                if !is_plausible_email(&e.address) {
                    return bad(format!("{}: {:?} is not an email address", ctx("email"), e.address));
                }
            }
            for n in &c.nations {
                check_text(&ctx("nation note"), &n.note)?;
            }
            if c.shown_for.is_some() || c.nations.iter().any(|n| !n.place.is_empty()) {
                return bad(format!("contact {:?} sets shown_for or place, which Harbour works out itself", c.id));
            }
            if c.sources.is_empty() {
                return bad(format!("contact {:?} has no source", c.id));
            }
            for s in &c.sources {
                check_text(&ctx("source title"), &s.title)?;
                check_https(&ctx("source"), &s.url)?;
                check_date(&ctx("source checked"), &s.checked)?;
            }
        }

        let mut situation_ids = HashSet::new();
        let mut used = HashSet::new();
        for s in &self.situations {
            check_id(&s.id)?;
            if !situation_ids.insert(s.id.as_str()) {
                return bad(format!("situation {:?} appears twice", s.id));
            }
            check_text(&format!("situation {:?} title", s.id), &s.title)?;
            check_text(&format!("situation {:?} advice", s.id), &s.advice)?;
            if s.contacts.is_empty() {
                return bad(format!("situation {:?} lists no contacts", s.id));
            }
            for id in &s.contacts {
                if !contact_ids.contains(id.as_str()) {
                    return bad(format!("situation {:?} names unknown contact {id:?}", s.id));
                }
                used.insert(id.as_str());
            }
            for (n, advice) in &s.nation_advice {
                check_text(&format!("situation {:?} advice for {}", s.id, n.name()), advice)?;
            }
            // Nobody is left with a situation and no one to contact about it.
            for n in Nation::ALL {
                if !s.contacts.iter().filter_map(|id| self.contact(id)).any(|c| c.serves(Some(n))) {
                    return bad(format!("situation {:?} has no contact for {}", s.id, n.name()));
                }
            }
        }
        if self.situations.is_empty() {
            return bad("the region lists no situations".into());
        }
        if let Some(unused) = self.contacts.iter().find(|c| !used.contains(c.id.as_str())) {
            return bad(format!("contact {:?} is not in any situation", unused.id));
        }
        Ok(())
    }

    /// The pack as a family in `nation` sees it (`None`: not sure, so all of it):
    /// each situation's advice for that nation, and only the contacts that serve it.
    pub fn for_nation(&self, nation: Option<Nation>) -> Region {
        let contacts: Vec<Contact> = self.contacts.iter().filter(|c| c.serves(nation)).map(|c| c.for_nation(nation)).collect();
        let situations = self
            .situations
            .iter()
            .map(|s| Situation {
                id: s.id.clone(),
                title: s.title.clone(),
                advice: nation.and_then(|n| s.nation_advice.get(&n)).unwrap_or(&s.advice).clone(),
                nation_advice: BTreeMap::new(),
                contacts: s.contacts.iter().filter(|id| contacts.iter().any(|c| &c.id == *id)).cloned().collect(),
            })
            .collect();
        let name = nation.map_or_else(|| self.name.clone(), |n| n.name().to_string());
        Region { name, situations, contacts, ..self.clone() }
    }

    /// The police to call when no one is in danger now: the contacts of the
    /// "tell-police" situation, so one for each nation the list is for.
    pub fn police(&self) -> impl Iterator<Item = &Contact> {
        self.situations.iter().filter(|s| s.id == "tell-police").flat_map(|s| &s.contacts).filter_map(|id| self.contact(id))
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// Every web address the pack shows: the only places Harbour will open.
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.contacts
            .iter()
            .flat_map(|c| c.links.iter().map(|l| l.url.as_str()).chain(c.sources.iter().map(|s| s.url.as_str())))
    }
}

/// The compiled-in packs, parsed once. A pack that fails to load is left out and
/// its error kept, so one bad pack cannot take the others down.
pub fn builtin() -> &'static [Result<Region, (String, RegionError)>] {
    static PACKS: OnceLock<Vec<Result<Region, (String, RegionError)>>> = OnceLock::new();
    PACKS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(id, text)| Region::from_toml(text).map_err(|e| (id.to_string(), e)))
            .collect()
    })
}

pub fn load(id: &str) -> Result<&'static Region, RegionError> {
    for pack in builtin() {
        match pack {
            Ok(r) if r.id == id => return Ok(r),
            Err((pack_id, e)) if pack_id == id => return Err(e.clone()),
            _ => {}
        }
    }
    Err(RegionError::Unknown(id.to_string()))
}

pub fn list() -> Vec<RegionSummary> {
    builtin()
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .map(|r| RegionSummary { id: r.id.clone(), name: r.name.clone() })
        .collect()
}

fn check_id(id: &str) -> Result<(), RegionError> {
    let ok = !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if ok { Ok(()) } else { Err(RegionError::Invalid(format!("{id:?} is not a valid id (use lower-case words joined by -)"))) }
}

fn check_text(what: &str, text: &str) -> Result<(), RegionError> {
    if text.trim().is_empty() {
        Err(RegionError::Invalid(format!("{what} is empty")))
    } else {
        Ok(())
    }
}

use crate::dates::is_iso_date;

fn check_date(what: &str, s: &str) -> Result<(), RegionError> {
    if is_iso_date(s) { Ok(()) } else { Err(RegionError::Invalid(format!("{what} {s:?} is not a date like 2026-11-24"))) }
}

fn check_phone(number: &str) -> Result<(), String> {
    let digits = number.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 3 || !number.chars().all(|c| c.is_ascii_digit() || c == ' ') || number.starts_with(' ') || number.ends_with(' ') {
        return Err(format!("{number:?} must be digits with single spaces"));
    }
    Ok(())
}

fn check_https(what: &str, raw: &str) -> Result<(), RegionError> {
    crate::links::parse_https(raw)
        .map(|_| ())
        .map_err(|e| RegionError::Invalid(format!("{what} {raw:?}: {e}")))
}

fn is_plausible_email(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(user), Some(host), None)
        if !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
schema = 1
id = "test"
name = "Testland"
checked = "2026-11-24"
intro = "Help for Testland."

[[situations]]
id = "danger-now"
title = "A child is in danger right now"
advice = "Call now."
contacts = ["emergency"]

[[contacts]]
id = "emergency"
name = "Emergency"
for_what = "Danger now."
hours = "Always"
hours_confirmed = true
checked = "2026-11-24"
  [[contacts.phones]]
  label = "Call"
  number = "999"
  [[contacts.sources]]
  title = "Police"
  url = "https://police.example/contact"
  checked = "2026-11-24"
"#;

    #[test]
    fn minimal_pack_loads() {
        let r = Region::from_toml(MINIMAL).unwrap();
        assert_eq!(r.contact("emergency").unwrap().phones[0].number, "999");
        assert_eq!(r.urls().collect::<Vec<_>>(), vec!["https://police.example/contact"]);
    }

    fn expect_invalid(text: &str, needle: &str) {
        match Region::from_toml(text) {
            Err(RegionError::Invalid(m)) => assert!(m.contains(needle), "{m:?} should mention {needle:?}"),
            other => panic!("expected Invalid containing {needle:?}, got {other:?}"),
        }
    }

    #[test]
    fn refuses_unknown_contact_in_situation() {
        expect_invalid(&MINIMAL.replace(r#"contacts = ["emergency"]"#, r#"contacts = ["emergency", "ghost"]"#), "ghost");
    }

    #[test]
    fn refuses_unused_contact() {
        let text = format!(
            "{MINIMAL}\n[[contacts]]\nid = \"spare\"\nname = \"Spare\"\nfor_what = \"x\"\nhours = \"x\"\nhours_confirmed = false\nchecked = \"2026-11-24\"\n  [[contacts.phones]]\n  label = \"Call\"\n  number = \"101\"\n  [[contacts.sources]]\n  title = \"t\"\n  url = \"https://a.example\"\n  checked = \"2026-11-24\"\n"
        );
        expect_invalid(&text, "spare");
    }

    #[test]
    fn refuses_plain_http_links_and_bad_numbers_and_dates() {
        expect_invalid(&MINIMAL.replace("https://police.example", "http://police.example"), "https");
        expect_invalid(&MINIMAL.replace("number = \"999\"", "number = \"999-\""), "digits");
        expect_invalid(&MINIMAL.replace(r#"checked = "2026-11-24"
intro"#, r#"checked = "2026-02-30"
intro"#), "not a date");
    }

    #[test]
    fn refuses_missing_sources_and_unknown_fields() {
        let no_source = MINIMAL.split("  [[contacts.sources]]").next().unwrap();
        expect_invalid(no_source, "no source");
        assert!(matches!(Region::from_toml(&MINIMAL.replace("hours = ", "opening = \"x\"\nhours = ")), Err(RegionError::Parse(_))));
    }

    #[test]
    fn refuses_duplicate_ids() {
        let dup = MINIMAL.replace(
            "[[contacts]]",
            "[[situations]]\nid = \"danger-now\"\ntitle = \"t\"\nadvice = \"a\"\ncontacts = [\"emergency\"]\n\n[[contacts]]",
        );
        expect_invalid(&dup, "twice");
    }

    #[test]
    fn builtin_uk_pack_is_valid_and_complete() {
        let uk = load("uk").expect("the UK pack must load");
        // Every contact in research/safeguarding-facts.md's UK table.
        for id in [
            "emergency", "police-101", "ceop", "childline", "nspcc", "report-remove", "iwf",
            "revenge-porn-helpline", "report-harmful-content", "stop-it-now", "crimestoppers",
            "report-fraud", "samaritans",
        ] {
            assert!(uk.contact(id).is_some(), "UK pack is missing {id}");
        }
        let number = |id: &str| uk.contact(id).unwrap().phones.iter().map(|p| p.number.clone()).collect::<Vec<_>>();
        assert!(number("emergency").contains(&"999".to_string()));
        assert!(number("police-101").contains(&"101".to_string()));
        assert!(number("childline").contains(&"0800 1111".to_string()));
        assert!(number("nspcc").contains(&"0808 800 5000".to_string()));
        assert!(number("revenge-porn-helpline").contains(&"0345 6000 459".to_string()));
        assert!(number("samaritans").contains(&"116 123".to_string()));
        assert_eq!(uk.situations[0].contacts, vec!["emergency"], "danger-now comes first and names 999");
        assert!(uk.situations[0].title.contains("danger right now"));
        assert!(uk.contact("police-scotland").is_some_and(|c| c.only_in == [Nation::Scotland]));
        assert_eq!(list(), vec![RegionSummary { id: "uk".into(), name: uk.name.clone() }]);
    }

    /// MINIMAL with a second situation served by one contact for England and Wales and one for Scotland.
    fn two_nations_only() -> String {
        let local = |id: &str, only_in: &str| {
            format!("\n[[contacts]]\nid = \"{id}\"\nname = \"{id}\"\nfor_what = \"x\"\nhours = \"x\"\nhours_confirmed = false\nchecked = \"2026-12-02\"\nonly_in = {only_in}\n  [[contacts.phones]]\n  label = \"Call\"\n  number = \"101\"\n  [[contacts.nations]]\n  nation = \"wales\"\n  note = \"In Welsh too.\"\n  [[contacts.sources]]\n  title = \"t\"\n  url = \"https://a.example\"\n  checked = \"2026-12-02\"\n")
        };
        MINIMAL.replace(
            "[[contacts]]",
            "[[situations]]\nid = \"police\"\ntitle = \"Police\"\nadvice = \"Call 101.\"\ncontacts = [\"ew\", \"scot\"]\n[situations.nation_advice]\nscotland = \"Call Police Scotland on 101.\"\n\n[[contacts]]",
        ) + &local("ew", r#"["england", "wales"]"#) + &local("scot", r#"["scotland"]"#)
    }

    #[test]
    fn each_nation_sees_its_own_contacts_advice_and_notes() {
        let r = Region::from_toml(&two_nations_only().replace(r#"contacts = ["ew", "scot"]"#, r#"contacts = ["ew", "scot", "emergency"]"#)).unwrap();
        let scotland = r.for_nation(Some(Nation::Scotland));
        assert_eq!(scotland.name, "Scotland");
        assert_eq!(scotland.situations[1].contacts, ["scot", "emergency"]);
        assert_eq!(scotland.situations[1].advice, "Call Police Scotland on 101.");
        assert!(scotland.contact("ew").is_none() && scotland.contact("scot").unwrap().nations.is_empty(), "Wales's note is not Scotland's");
        let wales = r.for_nation(Some(Nation::Wales));
        assert_eq!(wales.situations[1].advice, "Call 101.");
        assert_eq!(wales.contact("ew").unwrap().nations[0].place, "In Wales");
        assert_eq!(wales.contact("ew").unwrap().shown_for, None, "a family in Wales needs no label");
        let not_sure = r.for_nation(None);
        assert_eq!(not_sure.name, "Testland");
        assert_eq!(not_sure.situations[1].contacts, ["ew", "scot", "emergency"]);
        assert_eq!(not_sure.contact("ew").unwrap().shown_for.as_deref(), Some("For families in England and Wales"));
        assert_eq!(not_sure.contact("emergency").unwrap().shown_for, None);
    }

    #[test]
    fn every_situation_has_someone_to_call_in_every_nation() {
        expect_invalid(&two_nations_only(), "has no contact for Northern Ireland");
        expect_invalid(&two_nations_only().replace("id = \"scot\"\nname = \"scot\"", "id = \"scot\"\nname = \"scot\"\nshown_for = \"x\""), "works out itself");
        assert!(matches!(Region::from_toml(&two_nations_only().replace(r#"["scotland"]"#, r#"["atlantis"]"#)), Err(RegionError::Parse(_))));
    }

    #[test]
    fn the_uk_pack_gives_each_nation_its_police_and_childrens_services() {
        let uk = load("uk").unwrap();
        for n in Nation::ALL {
            let seen = uk.for_nation(Some(n));
            let police = &seen.situations.iter().find(|s| s.id == "tell-police").unwrap().contacts;
            let expected = match n {
                Nation::England | Nation::Wales => "police-101",
                Nation::Scotland => "police-scotland",
                Nation::NorthernIreland => "psni",
            };
            assert_eq!(police, &[expected], "{n:?}");
            let care = seen.situations.iter().find(|s| s.id == "worried-about-a-child-social-care").expect("children's services");
            assert!(care.contacts.iter().all(|id| seen.contact(id).unwrap().serves(Some(n))));
            assert!(seen.contacts.iter().all(|c| c.shown_for.is_none()));
        }
        let not_sure = uk.for_nation(None);
        assert!(not_sure.contacts.iter().filter(|c| !c.only_in.is_empty()).all(|c| c.shown_for.is_some()));
    }

    #[test]
    fn unknown_region_is_a_clear_error() {
        assert_eq!(load("atlantis"), Err(RegionError::Unknown("atlantis".into())));
    }
}
