//! Concern-log entries: storage, listing and full-text search. The screens
//! that write them come with the concern log itself; this is the part the
//! vault's speed targets are measured on.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::VaultError;

/// One entry as a person writes it. Every text field is plain words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LogEntryInput {
    #[ts(type = "number | null")]
    pub child_id: Option<i64>,
    /// When it happened, as an ISO date or date and time ("2026-11-20" or "2026-11-20T19:40").
    pub happened_at: String,
    /// What I saw or heard: facts and exact words.
    pub facts: String,
    /// What I was told, and by whom.
    pub told: String,
    /// My own view, kept apart from the facts.
    pub view: String,
    pub platform: String,
    /// Username or profile link.
    pub account: String,
    /// What evidence is kept, and where. Never an image of a child.
    pub evidence: String,
    /// Who I told and when, with any reference number.
    pub reported: String,
    pub actions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LogEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// When the entry was written (unix seconds); set by Harbour, never edited.
    #[ts(type = "number")]
    pub written_at: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: LogEntryInput,
}

const MAX_FIELD: usize = 20_000;

impl LogEntryInput {
    fn fields(&self) -> [&str; 8] {
        [&self.facts, &self.told, &self.view, &self.platform, &self.account, &self.evidence, &self.reported, &self.actions]
    }

    pub fn validate(&self) -> Result<(), VaultError> {
        let bad = |m: &str| Err(VaultError::Invalid(m.into()));
        if !valid_when(&self.happened_at) {
            return bad("Please give the date it happened.");
        }
        if self.facts.trim().is_empty() {
            return bad("Please write down what you saw or heard.");
        }
        if self.fields().iter().any(|f| f.chars().count() > MAX_FIELD) {
            return bad("One of the boxes is too long. Please split it into two entries.");
        }
        Ok(())
    }
}

/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", with a real date and time.
fn valid_when(s: &str) -> bool {
    let (Some(date), Some(time)) = (s.get(..10), s.get(10..)) else { return false };
    let two = |t: &str, max: u32| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) && t.parse::<u32>().is_ok_and(|n| n < max);
    crate::region::is_iso_date(date)
        && match time.strip_prefix('T') {
            None => time.is_empty(),
            Some(hm) => hm.len() == 5 && hm.as_bytes()[2] == b':' && two(&hm[..2], 24) && two(&hm[3..], 60),
        }
}

const SELECT: &str = "SELECT e.id, e.written_at, e.child_id, e.happened_at, e.facts, e.told, e.view, e.platform, e.account,
    e.evidence, e.reported, e.actions FROM log_entry e";

fn row(r: &rusqlite::Row) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        id: r.get(0)?,
        written_at: r.get(1)?,
        input: LogEntryInput {
            child_id: r.get(2)?,
            happened_at: r.get(3)?,
            facts: r.get(4)?,
            told: r.get(5)?,
            view: r.get(6)?,
            platform: r.get(7)?,
            account: r.get(8)?,
            evidence: r.get(9)?,
            reported: r.get(10)?,
            actions: r.get(11)?,
        },
    })
}

/// Turns what a person typed into an FTS5 query that matches entries holding
/// every word (as a prefix), so no character they type is read as FTS syntax.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Db {
    pub fn add_log_entry(&self, input: &LogEntryInput) -> Result<LogEntry, VaultError> {
        input.validate()?;
        let t = super::unix_now();
        let i = input;
        self.conn.execute(
            "INSERT INTO log_entry (child_id, happened_at, written_at, facts, told, view, platform, account, evidence, reported, actions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![i.child_id, i.happened_at, t, i.facts, i.told, i.view, i.platform, i.account, i.evidence, i.reported, i.actions],
        )?;
        Ok(LogEntry { id: self.conn.last_insert_rowid(), written_at: t, input: input.clone() })
    }

    /// Every entry, oldest event first: the order of a chronology.
    pub fn log_entries(&self) -> Result<Vec<LogEntry>, VaultError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY e.happened_at, e.id"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Entries holding every typed word, best match first.
    pub fn search_log(&self, typed: &str) -> Result<Vec<LogEntry>, VaultError> {
        let Some(q) = fts_query(typed) else { return Ok(Vec::new()) };
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} JOIN log_search s ON s.rowid = e.id WHERE log_search MATCH ?1 ORDER BY s.rank LIMIT 200"
        ))?;
        let rows = stmt.query_map([q], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::DbKey;

    fn entry(facts: &str) -> LogEntryInput {
        LogEntryInput { happened_at: "2026-11-20T19:40".into(), facts: facts.into(), platform: "Snapchat".into(), ..Default::default() }
    }

    #[test]
    fn entries_are_kept_in_event_order_and_found_by_any_field() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let late = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-21".into(), ..entry("Asked for photos") }).unwrap();
        let early = db.add_log_entry(&LogEntryInput { account: "skater_boy_07".into(), ..entry("A stranger added her") }).unwrap();
        assert_eq!(db.log_entries().unwrap(), vec![early.clone(), late.clone()]);
        assert_eq!(db.search_log("photo").unwrap(), vec![late]);
        assert_eq!(db.search_log("skater").unwrap(), vec![early.clone()]);
        assert_eq!(db.search_log("stranger SNAPCHAT").unwrap(), vec![early]);
        assert!(db.search_log("nothing-like-this").unwrap().is_empty());
        // FTS syntax typed by a person is just words.
        assert!(db.search_log("\"* OR NEAR(").unwrap().is_empty());
        assert!(db.search_log("   ").unwrap().is_empty());
    }

    #[test]
    fn refuses_entries_without_a_date_or_facts() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        for when in ["", "yesterday", "2026-11-2é", "2026-11-20Té9:40", "2026-02-30", "2026-13-01", "2026-11-20T24:00", "2026-11-20 19:40"] {
            assert!(db.add_log_entry(&LogEntryInput { happened_at: when.into(), ..entry("x") }).is_err(), "{when}");
        }
        assert!(db.add_log_entry(&entry("   ")).is_err());
        assert!(db.add_log_entry(&LogEntryInput { happened_at: "2024-02-29".into(), ..entry("leap day") }).is_ok());
    }
}
