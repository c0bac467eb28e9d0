//! Region packs: the help contacts for one country, grouped by the situation a
//! worried adult is in. Packs are data files in `content/regions`, compiled in.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    pub advice: String,
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
    /// Required; defaulted so that a missing list gets a clear message from validate().
    #[serde(default)]
    pub sources: Vec<HelpSource>,
}

impl Contact {
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
    pub nation: String,
    pub note: String,
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
                check_text(&ctx("nation"), &n.nation)?;
                check_text(&ctx("nation note"), &n.note)?;
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
        }
        if self.situations.is_empty() {
            return bad("the region lists no situations".into());
        }
        if let Some(unused) = self.contacts.iter().find(|c| !used.contains(c.id.as_str())) {
            return bad(format!("contact {:?} is not in any situation", unused.id));
        }
        Ok(())
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
        let fraud = uk.contact("report-fraud").unwrap();
        assert!(fraud.nations.iter().any(|n| n.nation == "Scotland" && n.note.contains("101")));
        assert_eq!(list(), vec![RegionSummary { id: "uk".into(), name: uk.name.clone() }]);
    }

    #[test]
    fn unknown_region_is_a_clear_error() {
        assert_eq!(load("atlantis"), Err(RegionError::Unknown("atlantis".into())));
    }
}
