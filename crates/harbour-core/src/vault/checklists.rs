//! Per-child App guide checklists: which settings are done or do not apply,
//! and when to go through them again (apps change their settings).

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::{unix_now, VaultError};
use crate::guides::Guide;
use crate::dates::{add_months, is_iso_date};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CheckState {
    Done,
    NotApplicable,
}

/// One child's checklist for one guide, with its progress worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Checklist {
    #[ts(type = "number")]
    pub child_id: i64,
    pub guide_id: String,
    pub done: Vec<String>,
    pub not_applicable: Vec<String>,
    /// Settings in the guide that apply to this child.
    pub applicable: u32,
    /// When the family last went through it, YYYY-MM-DD.
    pub checked_on: Option<String>,
    pub recheck_months: u32,
    pub recheck_on: Option<String>,
    pub recheck_due: bool,
}

fn invalid(m: &str) -> VaultError {
    VaultError::Invalid(m.into())
}

fn state_str(s: CheckState) -> &'static str {
    match s {
        CheckState::Done => "done",
        CheckState::NotApplicable => "not-applicable",
    }
}

impl Db {
    /// The checklist for `guide`, as far as the family has got. `today` is YYYY-MM-DD.
    pub fn checklist(&self, child_id: i64, guide: &Guide, today: &str) -> Result<Checklist, VaultError> {
        let mut stmt = self.conn.prepare_cached("SELECT setting_id, state FROM guide_check WHERE child_id = ?1 AND guide_id = ?2")?;
        let rows: Vec<(String, String)> = stmt.query_map(params![child_id, guide.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        // Settings a newer guide no longer has are not counted.
        let known = |id: &String| guide.settings.iter().any(|s| &s.id == id);
        let pick = |state: &str| rows.iter().filter(|(id, s)| s == state && known(id)).map(|(id, _)| id.clone()).collect::<Vec<_>>();
        let (done, not_applicable) = (pick("done"), pick("not-applicable"));
        let review: Option<(String, u32)> = self
            .conn
            .query_row("SELECT checked_on, recheck_months FROM guide_review WHERE child_id = ?1 AND guide_id = ?2", params![child_id, guide.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let recheck_months = review.as_ref().map_or(3, |r| r.1);
        let checked_on = review.map(|r| r.0);
        let recheck_on = checked_on.as_deref().and_then(|d| add_months(d, recheck_months));
        Ok(Checklist {
            child_id,
            guide_id: guide.id.clone(),
            applicable: (guide.settings.len() - not_applicable.len()) as u32,
            recheck_due: recheck_on.as_deref().is_some_and(|d| d <= today),
            done,
            not_applicable,
            checked_on,
            recheck_months,
            recheck_on,
        })
    }

    /// Marks a setting done, not applicable, or (None) not done yet. Any
    /// change counts as going through the checklist today.
    pub fn set_check(&self, child_id: i64, guide: &Guide, setting_id: &str, state: Option<CheckState>, today: &str) -> Result<Checklist, VaultError> {
        if !guide.settings.iter().any(|s| s.id == setting_id) {
            return Err(invalid("That setting is not in this guide."));
        }
        if !is_iso_date(today) {
            return Err(invalid("Today's date could not be read."));
        }
        let tx = self.conn.unchecked_transaction()?;
        match state {
            None => tx.execute("DELETE FROM guide_check WHERE child_id = ?1 AND guide_id = ?2 AND setting_id = ?3", params![child_id, guide.id, setting_id])?,
            Some(s) => tx.execute(
                "INSERT INTO guide_check (child_id, guide_id, setting_id, state, updated_at) SELECT ?1, ?2, ?3, ?4, ?5
                 WHERE EXISTS (SELECT 1 FROM child WHERE id = ?1)
                 ON CONFLICT (child_id, guide_id, setting_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                params![child_id, guide.id, setting_id, state_str(s), unix_now()],
            )?,
        };
        Self::mark_checked(&tx, child_id, &guide.id, today, None)?;
        tx.commit()?;
        self.checklist(child_id, guide, today)
    }

    /// "We went through it again today", and how often to be reminded (1 to 12 months).
    pub fn recheck(&self, child_id: i64, guide: &Guide, months: Option<u32>, today: &str) -> Result<Checklist, VaultError> {
        if months.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(invalid("Please choose between 1 and 12 months."));
        }
        if !is_iso_date(today) {
            return Err(invalid("Today's date could not be read."));
        }
        Self::mark_checked(&self.conn, child_id, &guide.id, today, months)?;
        self.checklist(child_id, guide, today)
    }

    fn mark_checked(conn: &rusqlite::Connection, child_id: i64, guide_id: &str, today: &str, months: Option<u32>) -> Result<(), VaultError> {
        let n = conn.execute(
            "INSERT INTO guide_review (child_id, guide_id, checked_on, recheck_months) SELECT ?1, ?2, ?3, COALESCE(?4, 3)
             WHERE EXISTS (SELECT 1 FROM child WHERE id = ?1)
             ON CONFLICT (child_id, guide_id) DO UPDATE SET checked_on = excluded.checked_on,
             recheck_months = COALESCE(?4, guide_review.recheck_months)",
            params![child_id, guide_id, today, months],
        )?;
        if n == 0 {
            return Err(invalid("That child is no longer in the list."));
        }
        Ok(())
    }

    /// A child's checklist for every guide, in the guides' order.
    pub fn checklists(&self, child_id: i64, guides: &[Guide], today: &str) -> Result<Vec<Checklist>, VaultError> {
        self.child(child_id)?;
        guides.iter().map(|g| self.checklist(child_id, g, today)).collect()
    }

    /// The guides a child has a checklist for.
    pub fn checklist_guides(&self, child_id: i64) -> Result<Vec<String>, VaultError> {
        let mut stmt = self.conn.prepare_cached("SELECT guide_id FROM guide_review WHERE child_id = ?1 ORDER BY guide_id")?;
        let ids = stmt.query_map([child_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::guides::{AgeRule, Guide, Setting, PlatformSteps};
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::DbKey;

    pub(crate) fn sample_guide() -> Guide {
        let setting = |id: &str| Setting {
            id: id.into(),
            title: format!("Set {id}"),
            why: "It matters.".into(),
            steps: vec![PlatformSteps { platform: "all".into(), steps: vec!["Open it.".into()], confirmed: false, unconfirmed: "Sample.".into(), sources: vec![] }],
        };
        Guide {
            schema: 1,
            id: "sample".into(),
            name: "Sample".into(),
            kind: "social".into(),
            checked: "2026-11-24".into(),
            hosts: vec!["example.org".into()],
            about: "A sample app for tests.".into(),
            age: AgeRule { min_age: Some(13), rating: None, note: "13 and over.".into(), confirmed: false, unconfirmed: "Sample.".into(), sources: vec![] },
            risks: vec!["strangers".into()],
            family_tools: vec![],
            settings: vec![setting("private"), setting("contact"), setting("location")],
            block_and_report: vec![],
            talk_about: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn ticks_count_towards_progress_and_a_recheck_comes_due() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let sam = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
            .unwrap()
            .id;
        let g = sample_guide();
        let empty = db.checklist(sam, &g, "2026-11-24").unwrap();
        assert_eq!((empty.done.len(), empty.applicable, empty.checked_on.as_deref(), empty.recheck_due), (0, 3, None, false));

        db.set_check(sam, &g, "private", Some(CheckState::Done), "2026-11-24").unwrap();
        db.set_check(sam, &g, "contact", Some(CheckState::Done), "2026-11-24").unwrap();
        let c = db.set_check(sam, &g, "location", Some(CheckState::NotApplicable), "2026-11-24").unwrap();
        assert_eq!((c.done.len(), c.applicable, c.not_applicable.clone()), (2, 2, vec!["location".to_string()]));
        assert_eq!(c.recheck_on.as_deref(), Some("2027-02-24"));
        let c = db.set_check(sam, &g, "contact", None, "2026-11-25").unwrap();
        assert_eq!(c.done, ["private"]);
        assert!(db.checklist(sam, &g, "2027-02-25").unwrap().recheck_due);

        let c = db.recheck(sam, &g, Some(6), "2027-03-01").unwrap();
        assert_eq!((c.recheck_on.as_deref(), c.recheck_due), (Some("2027-09-01"), false));
        assert_eq!(db.checklist_guides(sam).unwrap(), ["sample"]);

        assert!(db.set_check(sam, &g, "no-such-setting", Some(CheckState::Done), "2026-11-24").is_err());
        assert!(db.set_check(9999, &g, "private", Some(CheckState::Done), "2026-11-24").is_err());
        assert!(db.recheck(sam, &g, Some(0), "2026-11-24").is_err());
        db.remove_child(sam).unwrap();
        let left: i64 = db.conn.query_row("SELECT (SELECT count(*) FROM guide_check) + (SELECT count(*) FROM guide_review)", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0, "a removed child's checklists go with them");
    }

    #[test]
    fn settings_a_newer_guide_dropped_are_not_counted() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let sam = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From8To10), devices: String::new(), looked_after: false })
            .unwrap()
            .id;
        let mut g = sample_guide();
        db.set_check(sam, &g, "location", Some(CheckState::Done), "2026-11-24").unwrap();
        g.settings.retain(|s| s.id != "location");
        let c = db.checklist(sam, &g, "2026-11-24").unwrap();
        assert_eq!((c.done.len(), c.applicable), (0, 2));
    }
}
