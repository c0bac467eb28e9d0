//! A child's own view of an entry about them (Fostering National Minimum
//! Standards 26.6): marked as theirs, dated, added beside the entry and never
//! changing it. It prints in the chronology and travels in a hand-over.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::{unix_now, VaultError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChildStatement {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub written_at: i64,
    /// The child's words, exactly as they gave them.
    pub text: String,
    /// Who wrote the words down for the child, if the child did not type them.
    pub written_down_by: String,
}

const MAX_TEXT: usize = 20_000;

fn invalid(m: &str) -> VaultError {
    VaultError::Invalid(m.into())
}

impl Db {
    pub(crate) fn child_statements(&self, entry_id: i64) -> Result<Vec<ChildStatement>, VaultError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, written_at, text, written_down_by FROM child_statement WHERE entry_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([entry_id], |r| Ok(ChildStatement { id: r.get(0)?, written_at: r.get(1)?, text: r.get(2)?, written_down_by: r.get(3)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds the child's own words to an entry about them. The entry is not changed.
    pub fn add_child_statement(&self, entry_id: i64, text: &str, written_down_by: &str) -> Result<super::log::LogEntry, VaultError> {
        let entry = self.log_entry(entry_id)?;
        if entry.input.child_id.is_none() {
            return Err(invalid("This entry does not say which child it is about, so a child's own words cannot be added to it."));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid("Please write down what the child wants to say."));
        }
        if text.chars().count() > MAX_TEXT || written_down_by.chars().count() > 200 {
            return Err(invalid("That is too long. Please split it into two."));
        }
        self.conn.execute(
            "INSERT INTO child_statement (entry_id, written_at, text, written_down_by) VALUES (?1, ?2, ?3, ?4)",
            params![entry_id, unix_now(), text, written_down_by.trim()],
        )?;
        self.log_entry(entry_id)
    }
}

#[cfg(test)]
mod tests {
    use crate::vault::children::ChildInput;
    use crate::vault::db::Db;
    use crate::vault::log::LogEntryInput;
    use crate::vault::{DbKey, VaultError};

    #[test]
    fn a_childs_words_sit_beside_the_entry_and_never_change_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let kai = db.add_child(&ChildInput::aged_11_to_13("Kai", true)).unwrap();
        let input = LogEntryInput { child_id: Some(kai.id), happened_at: "2026-11-20".into(), facts: "A message from an unknown account.".into(), ..Default::default() };
        let entry = db.add_log_entry(&input).unwrap();

        let words = "I didn't reply. Ich wollte nur wissen, wer das ist. أنا بخير";
        let after = db.add_child_statement(entry.id, &format!("  {words}\n"), "").unwrap();
        let after = db.add_child_statement(after.id, "I want to talk to my social worker about it.", " Jo Carer ").unwrap();
        assert_eq!(after.input, input, "the entry itself is unchanged");
        assert_eq!(after.child_statements.len(), 2);
        assert_eq!(after.child_statements[0].text, words, "kept exactly as given");
        assert_eq!(after.child_statements[0].written_down_by, "");
        assert_eq!(after.child_statements[1].written_down_by, "Jo Carer");
        assert!(after.child_statements[0].written_at > 0);

        // Never edited, even behind Harbour's back.
        assert!(db.conn.execute("UPDATE child_statement SET text = 'changed'", []).is_err());
        // Empty words, an entry about no child, and an entry that is gone are refused.
        assert!(matches!(db.add_child_statement(entry.id, "  ", ""), Err(VaultError::Invalid(_))));
        let about_no_one = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-21".into(), facts: "x".into(), ..Default::default() }).unwrap();
        assert!(matches!(db.add_child_statement(about_no_one.id, "hello", ""), Err(VaultError::Invalid(_))));
        assert!(matches!(db.add_child_statement(9_999, "hello", ""), Err(VaultError::Invalid(_))));
        assert_eq!(db.log_entry(entry.id).unwrap().child_statements.len(), 2);
    }
}
