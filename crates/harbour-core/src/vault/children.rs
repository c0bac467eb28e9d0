//! The children a family or carer looks after; shared by all three parts of the app.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::{from_stored_name, stored_name, VaultError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum AgeBand {
    #[serde(rename = "under-5")]
    Under5,
    #[serde(rename = "5-7")]
    From5To7,
    #[serde(rename = "8-10")]
    From8To10,
    #[serde(rename = "11-13")]
    From11To13,
    #[serde(rename = "14-15")]
    From14To15,
    #[serde(rename = "16-17")]
    From16To17,
}

impl AgeBand {
    pub const ALL: [AgeBand; 6] = [AgeBand::Under5, AgeBand::From5To7, AgeBand::From8To10, AgeBand::From11To13, AgeBand::From14To15, AgeBand::From16To17];

    /// The youngest and oldest age in the band.
    pub fn years(self) -> (u32, u32) {
        match self {
            AgeBand::Under5 => (0, 4),
            AgeBand::From5To7 => (5, 7),
            AgeBand::From8To10 => (8, 10),
            AgeBand::From11To13 => (11, 13),
            AgeBand::From14To15 => (14, 15),
            AgeBand::From16To17 => (16, 17),
        }
    }

    /// The band a child of `years` is in; None for 18 and over.
    pub fn for_years(years: u32) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| years <= b.years().1)
    }
}

/// How old a child is, as far as Harbour knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Years(u32),
    Band(AgeBand),
}

impl Age {
    /// The youngest and oldest the child could be.
    pub fn range(self) -> (u32, u32) {
        match self {
            Age::Years(y) => (y, y),
            Age::Band(b) => b.years(),
        }
    }

    pub fn band(self) -> Option<AgeBand> {
        match self {
            Age::Years(y) => AgeBand::for_years(y),
            Age::Band(b) => Some(b),
        }
    }
}

/// What a person enters for a child: a name or nickname, and either a month
/// and year of birth or an age band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    pub name: String,
    pub birth_month: Option<u8>,
    pub birth_year: Option<u16>,
    pub age_band: Option<AgeBand>,
    /// Devices and apps the child uses, in the carer's words.
    pub devices: String,
    /// A looked-after child, for foster carers.
    pub looked_after: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Child {
    /// A SQLite row id; JSON carries it as a plain number.
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: ChildInput,
}

const MAX_NAME: usize = 80;
const MAX_DEVICES: usize = 2000;

impl ChildInput {
    pub fn validate(&self) -> Result<(), VaultError> {
        let bad = |m: &str| Err(VaultError::Invalid(m.into()));
        let name = self.name.trim();
        if name.is_empty() {
            return bad("Please give the child's name or a nickname.");
        }
        if name.chars().count() > MAX_NAME {
            return bad("That name is too long. A nickname is fine.");
        }
        if self.devices.chars().count() > MAX_DEVICES {
            return bad("The note about devices and apps is too long.");
        }
        match (self.birth_month, self.birth_year, self.age_band) {
            (Some(m), Some(y), None) if (1..=12).contains(&m) && (1990..=2100).contains(&y) => Ok(()),
            (Some(_), Some(_), None) => bad("Please check the month and year of birth."),
            (None, None, Some(_)) => Ok(()),
            (None, None, None) => bad("Please give a month and year of birth, or choose an age band."),
            (Some(_), None, None) | (None, Some(_), None) => bad("Please give both the month and the year of birth."),
            _ => bad("Give either a month and year of birth or an age band, not both."),
        }
    }
}

impl ChildInput {
    /// Age on `today` (YYYY-MM-DD). With only a month of birth known, a child
    /// counts as having had their birthday from the first of that month.
    pub fn age_on(&self, today: &str) -> Option<Age> {
        if let Some(b) = self.age_band {
            return Some(Age::Band(b));
        }
        let (m, y) = (u32::from(self.birth_month?), u32::from(self.birth_year?));
        if !crate::dates::is_iso_date(today) {
            return None;
        }
        let (ty, tm): (u32, u32) = (today[0..4].parse().ok()?, today[5..7].parse().ok()?);
        let years = ty.checked_sub(y)?.checked_sub(u32::from(tm < m))?;
        Some(Age::Years(years))
    }
}

/// The child's columns in table order: name, birth_month, birth_year, age_band, devices, looked_after.
fn columns(input: &ChildInput) -> [rusqlite::types::Value; 6] {
    use rusqlite::types::Value;
    [
        Value::Text(input.name.trim().to_string()),
        input.birth_month.map_or(Value::Null, |m| Value::Integer(m.into())),
        input.birth_year.map_or(Value::Null, |y| Value::Integer(y.into())),
        input.age_band.map_or(Value::Null, |b| Value::Text(stored_name(b))),
        Value::Text(input.devices.clone()),
        Value::Integer(input.looked_after.into()),
    ]
}

fn not_found() -> VaultError {
    VaultError::Invalid("That child is no longer in the list.".into())
}

impl Db {
    pub fn add_child(&self, input: &ChildInput) -> Result<Child, VaultError> {
        input.validate()?;
        let t = super::unix_now();
        let [a, b, c, d, e, f] = columns(input);
        self.conn.execute(
            "INSERT INTO child (name, birth_month, birth_year, age_band, devices, looked_after, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            rusqlite::params![a, b, c, d, e, f, t],
        )?;
        Ok(Child { id: self.conn.last_insert_rowid(), input: ChildInput { name: input.name.trim().into(), ..input.clone() } })
    }

    pub fn update_child(&self, id: i64, input: &ChildInput) -> Result<Child, VaultError> {
        input.validate()?;
        let [a, b, c, d, e, f] = columns(input);
        let n = self.conn.execute(
            "UPDATE child SET name = ?1, birth_month = ?2, birth_year = ?3, age_band = ?4, devices = ?5,
             looked_after = ?6, updated_at = ?7 WHERE id = ?8",
            rusqlite::params![a, b, c, d, e, f, super::unix_now(), id],
        )?;
        if n == 0 {
            return Err(not_found());
        }
        Ok(Child { id, input: ChildInput { name: input.name.trim().into(), ..input.clone() } })
    }

    pub fn remove_child(&self, id: i64) -> Result<(), VaultError> {
        if self.conn.execute("DELETE FROM child WHERE id = ?1", [id])? == 0 {
            return Err(not_found());
        }
        Ok(())
    }

    pub fn children(&self) -> Result<Vec<Child>, VaultError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, birth_month, birth_year, age_band, devices, looked_after FROM child ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let band: Option<String> = r.get(4)?;
            Ok(Child {
                id: r.get(0)?,
                input: ChildInput {
                    name: r.get(1)?,
                    birth_month: r.get(2)?,
                    birth_year: r.get(3)?,
                    age_band: band.as_deref().and_then(from_stored_name),
                    devices: r.get(5)?,
                    looked_after: r.get(6)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn child(&self, id: i64) -> Result<Child, VaultError> {
        self.children()?.into_iter().find(|c| c.id == id).ok_or_else(not_found)
    }

    /// The apps a child uses, by catalogue id, in name order of the ids.
    pub fn child_apps(&self, child_id: i64) -> Result<Vec<String>, VaultError> {
        let mut stmt = self.conn.prepare_cached("SELECT app_id FROM child_app WHERE child_id = ?1 ORDER BY app_id")?;
        let ids = stmt.query_map([child_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Replaces the list of apps a child uses. Ids are checked against the
    /// catalogue by the caller; here they only need to look like ids.
    pub fn set_child_apps(&self, child_id: i64, app_ids: &[String]) -> Result<(), VaultError> {
        if app_ids.iter().any(|id| id.is_empty() || id.len() > 40 || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')) {
            return Err(VaultError::Invalid("That app is not in Harbour's list.".into()));
        }
        let tx = self.conn.unchecked_transaction()?;
        if tx.execute("UPDATE child SET updated_at = ?1 WHERE id = ?2", rusqlite::params![super::unix_now(), child_id])? == 0 {
            return Err(not_found());
        }
        tx.execute("DELETE FROM child_app WHERE child_id = ?1", [child_id])?;
        for id in app_ids {
            tx.execute("INSERT OR IGNORE INTO child_app (child_id, app_id) VALUES (?1, ?2)", rusqlite::params![child_id, id])?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// An 11 to 13-year-old with no other details, for tests.
#[cfg(test)]
impl ChildInput {
    pub(crate) fn aged_11_to_13(name: &str, looked_after: bool) -> ChildInput {
        ChildInput { name: name.into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::DbKey;

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        (dir, db)
    }

    fn child(name: &str) -> ChildInput {
        ChildInput { name: name.into(), birth_month: Some(3), birth_year: Some(2014), age_band: None, devices: "Tablet, Roblox".into(), looked_after: false }
    }

    #[test]
    fn add_edit_remove_and_list_in_name_order() {
        let (_d, db) = db();
        let b = db.add_child(&child("  Bea ")).unwrap();
        assert_eq!(b.input.name, "Bea");
        let a = db.add_child(&ChildInput { age_band: Some(AgeBand::From11To13), birth_month: None, birth_year: None, looked_after: true, ..child("alex") }).unwrap();
        assert_eq!(db.children().unwrap(), vec![a.clone(), b.clone()]);
        let b2 = db.update_child(b.id, &child("Beatrice")).unwrap();
        db.remove_child(a.id).unwrap();
        assert_eq!(db.children().unwrap(), vec![b2]);
        assert!(matches!(db.remove_child(a.id), Err(VaultError::Invalid(_))));
        assert!(matches!(db.update_child(a.id, &child("x")), Err(VaultError::Invalid(_))));
    }

    #[test]
    fn ages_come_from_the_month_of_birth_or_the_band() {
        let c = child("Sam");
        assert_eq!(c.age_on("2026-02-28"), Some(Age::Years(11)));
        assert_eq!(c.age_on("2026-03-01"), Some(Age::Years(12)));
        assert_eq!(c.age_on("2013-01-01"), None, "not born yet");
        let banded = ChildInput { birth_month: None, birth_year: None, age_band: Some(AgeBand::From14To15), ..c };
        assert_eq!(banded.age_on("2026-11-24"), Some(Age::Band(AgeBand::From14To15)));
        assert_eq!(Age::Years(12).band(), Some(AgeBand::From11To13));
        assert_eq!(Age::Years(18).band(), None);
    }

    #[test]
    fn apps_are_kept_per_child_and_go_with_the_child() {
        let (_d, db) = db();
        let sam = db.add_child(&child("Sam")).unwrap();
        db.set_child_apps(sam.id, &["tiktok".into(), "roblox".into(), "roblox".into()]).unwrap();
        assert_eq!(db.child_apps(sam.id).unwrap(), ["roblox", "tiktok"]);
        db.set_child_apps(sam.id, &["youtube".into()]).unwrap();
        assert_eq!(db.child_apps(sam.id).unwrap(), ["youtube"]);
        assert!(db.set_child_apps(sam.id, &["Not An Id".into()]).is_err());
        assert!(db.set_child_apps(999, &["youtube".into()]).is_err());
        db.remove_child(sam.id).unwrap();
        let left: i64 = db.conn.query_row("SELECT count(*) FROM child_app", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn refuses_incomplete_or_contradictory_details() {
        let (_d, db) = db();
        for bad in [
            ChildInput { name: "  ".into(), ..child("x") },
            ChildInput { birth_month: Some(13), ..child("x") },
            ChildInput { birth_year: None, ..child("x") },
            ChildInput { birth_month: None, ..child("x") },
            ChildInput { age_band: Some(AgeBand::Under5), ..child("x") },
            ChildInput { birth_month: None, birth_year: None, ..child("x") },
            ChildInput { name: "n".repeat(81), ..child("x") },
        ] {
            assert!(matches!(db.add_child(&bad), Err(VaultError::Invalid(_))), "{bad:?}");
        }
        assert!(db.children().unwrap().is_empty());
    }
}
