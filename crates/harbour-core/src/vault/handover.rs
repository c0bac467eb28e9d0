//! The vault's side of a hand-over: the kept files streamed out of the
//! database, and a record of what was handed over, to whom and when.

use std::io::Read;

use rusqlite::{params, MAIN_DB};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::VaultError;

/// One hand-over of an entry, shown on it: "Handed over to Brightwater Fostering on 3 December 2026".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandedOver {
    #[ts(type = "number")]
    pub made_at: i64,
    pub made_for: String,
}

impl Db {
    pub(crate) fn handed_over(&self, entry_id: i64) -> Result<Vec<HandedOver>, VaultError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.made_at, h.made_for FROM handover h JOIN handover_entry he ON he.handover_id = h.id
             WHERE he.entry_id = ?1 ORDER BY h.made_at, h.id",
        )?;
        let rows = stmt.query_map([entry_id], |r| Ok(HandedOver { made_at: r.get(0)?, made_for: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Notes that these entries were handed over, all or none.
    pub fn record_handover(&self, entry_ids: &[i64], made_for: &str, made_at: i64) -> Result<(), VaultError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("INSERT INTO handover (made_at, made_for) VALUES (?1, ?2)", params![made_at, made_for])?;
        let id = tx.last_insert_rowid();
        for entry in entry_ids {
            tx.execute("INSERT OR IGNORE INTO handover_entry (handover_id, entry_id) VALUES (?1, ?2)", params![id, entry])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A kept file's size, and a reader over its bytes straight from the
    /// database, a piece at a time, so a large file is never whole in memory.
    pub fn attachment_reader(&self, attachment_id: i64) -> Result<(u64, impl Read + '_), VaultError> {
        // `attachment.id` is the row id, so the blob opens by it directly.
        let blob = self.conn.blob_open(MAIN_DB, "attachment", "bytes", attachment_id, true).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::Unknown => {
                VaultError::Invalid("That file is no longer in the log.".into())
            }
            e => e.into(),
        })?;
        Ok((blob.len() as u64, blob))
    }
}

#[cfg(test)]
mod tests {
    use crate::vault::db::Db;
    use crate::vault::log::LogEntryInput;
    use crate::vault::DbKey;

    #[test]
    fn a_handover_is_recorded_on_every_entry_it_carried() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let a = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-20".into(), facts: "a".into(), ..Default::default() }).unwrap().id;
        let b = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-21".into(), facts: "b".into(), ..Default::default() }).unwrap().id;
        db.record_handover(&[a, b, a], "Brightwater Fostering", 1_796_300_000).unwrap();
        db.record_handover(&[b], "Sam Jones", 1_796_400_000).unwrap();
        let names = |id| db.log_entry(id).unwrap().handed_over.into_iter().map(|h| h.made_for).collect::<Vec<_>>();
        assert_eq!(names(a), ["Brightwater Fostering"]);
        assert_eq!(names(b), ["Brightwater Fostering", "Sam Jones"]);
        // A record that cannot be written whole is not written at all.
        assert!(db.record_handover(&[a, 999_999], "Nobody", 1).is_err());
        assert_eq!(names(a), ["Brightwater Fostering"]);
    }

    #[test]
    fn kept_files_stream_out_as_they_went_in() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let id = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-20".into(), facts: "a".into(), ..Default::default() }).unwrap().id;
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let e = db.attach(id, "notes.txt", &bytes, true).unwrap();
        let (size, mut reader) = db.attachment_reader(e.attachments[0].id).unwrap();
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut out).unwrap();
        assert_eq!(size, bytes.len() as u64);
        assert!(out == bytes);
        assert!(matches!(db.attachment_reader(999), Err(crate::vault::VaultError::Invalid(_))));
    }
}
