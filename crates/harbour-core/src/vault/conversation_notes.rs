//! A carer's own notes for a hard conversation, one per topic and child
//! (or per topic, when the talk is not about a particular child).

use rusqlite::{params, OptionalExtension};

use super::db::Db;
use super::{unix_now, VaultError};
use crate::agreement::conversations::TOPICS;

const MAX_NOTES: usize = 5000;

impl Db {
    pub fn conversation_notes(&self, topic: &str, child_id: Option<i64>) -> Result<String, VaultError> {
        Ok(self
            .conn
            .query_row("SELECT notes FROM conversation_note WHERE topic = ?1 AND child_id IS ?2", params![topic, child_id], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// Saves the notes; empty notes remove the row, so nothing lingers.
    pub fn save_conversation_notes(&self, topic: &str, child_id: Option<i64>, notes: &str) -> Result<(), VaultError> {
        if !TOPICS.contains(&topic) {
            return Err(VaultError::Invalid("That topic is not in Harbour's list.".into()));
        }
        if notes.chars().count() > MAX_NOTES {
            return Err(VaultError::Invalid("Your notes are very long. A few short points are easier to use in the talk.".into()));
        }
        // NULL never equals NULL in a UNIQUE index, so delete then insert
        // rather than relying on ON CONFLICT for notes without a child.
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM conversation_note WHERE topic = ?1 AND child_id IS ?2", params![topic, child_id])?;
        if !notes.trim().is_empty() {
            tx.execute(
                "INSERT INTO conversation_note (topic, child_id, notes, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![topic, child_id, notes, unix_now()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::db::Db;
    use crate::vault::DbKey;

    #[test]
    fn notes_are_kept_per_topic_and_child_and_replaced_not_duplicated() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let sam = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
            .unwrap()
            .id;
        assert_eq!(db.conversation_notes("sextortion", Some(sam)).unwrap(), "");
        db.save_conversation_notes("sextortion", Some(sam), "Ask about the new friend.").unwrap();
        db.save_conversation_notes("sextortion", None, "General notes.").unwrap();
        db.save_conversation_notes("sextortion", None, "General notes, again.").unwrap();
        db.save_conversation_notes("bullying", Some(sam), "Group chat.").unwrap();
        assert_eq!(db.conversation_notes("sextortion", Some(sam)).unwrap(), "Ask about the new friend.");
        assert_eq!(db.conversation_notes("sextortion", None).unwrap(), "General notes, again.");
        let rows: i64 = db.conn.query_row("SELECT count(*) FROM conversation_note", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 3);
        db.save_conversation_notes("bullying", Some(sam), "  ").unwrap();
        assert_eq!(db.conversation_notes("bullying", Some(sam)).unwrap(), "");
        assert!(db.save_conversation_notes("weather", None, "x").is_err());
        assert!(db.save_conversation_notes("bullying", None, &"x".repeat(5001)).is_err());
        db.remove_child(sam).unwrap();
        assert_eq!(db.conversation_notes("sextortion", Some(sam)).unwrap(), "", "a removed child's notes go with them");
    }
}
