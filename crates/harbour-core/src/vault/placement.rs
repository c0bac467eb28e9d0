//! The end of a placement: once everything about a looked-after child is
//! handed over, their records can leave this computer, all at once, leaving
//! only a dated note that they were handed over and removed.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::VaultError;
use crate::print::chronology::moment_words;

/// What this computer holds about one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChildRecords {
    pub child_name: String,
    pub looked_after: bool,
    pub entries: u32,
    pub kept_files: u32,
    /// Entries never handed over to anyone, oldest event first.
    #[ts(type = "number[]")]
    pub not_handed_over: Vec<i64>,
    pub has_agreement: bool,
    /// App checklists with at least one setting marked.
    pub checklists: u32,
    pub conversation_notes: u32,
    /// "Harbour holds for Kai: 2 concern log entries with 1 kept file, an agreement."
    pub held_words: String,
    /// "1 entry has not been handed over yet."; empty when all are.
    pub waiting_words: String,
}

/// "1 kept file", "2 kept files".
fn count_words(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The dated note left when a child's records were handed over and removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlacementNote {
    #[ts(type = "number")]
    pub ended_at: i64,
    pub child_name: String,
    /// Everyone the entries were handed over to, in the order of the first hand-over to each.
    pub handed_over_to: String,
    pub entries: u32,
    pub kept_files: u32,
    /// The note in a sentence.
    pub words: String,
}

impl PlacementNote {
    fn new(ended_at: i64, child_name: String, handed_over_to: String, entries: u32, kept_files: u32) -> PlacementNote {
        let held = if entries == 0 {
            "There were no concern log entries to hand over.".to_string()
        } else {
            format!(
                "{} and {} were handed over to {handed_over_to}.",
                count_words(entries, "concern log entry", "concern log entries"),
                count_words(kept_files, "kept file", "kept files")
            )
        };
        let words = format!(
            "The placement ended on {}. {held} Then {child_name}'s records were removed from this computer.",
            moment_words(ended_at)
        );
        PlacementNote { ended_at, child_name, handed_over_to, entries, kept_files, words }
    }
}

fn invalid(m: impl Into<String>) -> VaultError {
    VaultError::Invalid(m.into())
}

fn count(conn: &rusqlite::Connection, sql: &str, child_id: i64) -> Result<u32, VaultError> {
    Ok(conn.query_row(sql, [child_id], |r| r.get(0))?)
}

impl Db {
    pub fn child_records(&self, child_id: i64) -> Result<ChildRecords, VaultError> {
        let child = self.child(child_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id FROM log_entry e WHERE e.child_id = ?1
             AND NOT EXISTS (SELECT 1 FROM handover_entry he WHERE he.entry_id = e.id) ORDER BY e.happened_at, e.id",
        )?;
        let not_handed_over: Vec<i64> = stmt.query_map([child_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let c = &self.conn;
        let entries = count(c, "SELECT count(*) FROM log_entry WHERE child_id = ?1", child_id)?;
        let kept_files = count(c, "SELECT count(*) FROM attachment a JOIN log_entry e ON e.id = a.entry_id WHERE e.child_id = ?1", child_id)?;
        let has_agreement = count(c, "SELECT count(*) FROM agreement WHERE child_id = ?1", child_id)? > 0;
        let checklists = count(c, "SELECT count(DISTINCT guide_id) FROM guide_check WHERE child_id = ?1", child_id)?;
        let conversation_notes = count(c, "SELECT count(*) FROM conversation_note WHERE child_id = ?1", child_id)?;
        let mut held = vec![format!(
            "{} with {}",
            count_words(entries, "concern log entry", "concern log entries"),
            count_words(kept_files, "kept file", "kept files")
        )];
        if has_agreement {
            held.push("an agreement".into());
        }
        if checklists > 0 {
            held.push(count_words(checklists, "app checklist", "app checklists"));
        }
        if conversation_notes > 0 {
            held.push(count_words(conversation_notes, "conversation note", "conversation notes"));
        }
        let waiting = not_handed_over.len() as u32;
        Ok(ChildRecords {
            held_words: format!("Harbour holds for {}: {}.", child.input.name, held.join(", ")),
            waiting_words: if waiting == 0 { String::new() } else { format!("{} not been handed over yet.", count_words(waiting, "entry has", "entries have")) },
            child_name: child.input.name,
            looked_after: child.input.looked_after,
            entries,
            kept_files,
            not_handed_over,
            has_agreement,
            checklists,
            conversation_notes,
        })
    }

    /// Removes everything about a looked-after child whose records are all
    /// handed over: entries, kept files, the child's own words, the agreement,
    /// checklists and notes, and the child. All of it, or (on any failure)
    /// none, and a dated note is left. `typed_name` is the person's deliberate
    /// confirmation: the child's name as Harbour shows it.
    pub fn end_placement(&self, child_id: i64, typed_name: &str, now: i64) -> Result<PlacementNote, VaultError> {
        let records = self.child_records(child_id)?;
        if !records.looked_after {
            return Err(invalid("Only a looked-after child's records are removed when a placement ends."));
        }
        if typed_name.trim() != records.child_name.trim() {
            return Err(invalid(format!("The name typed does not match “{}”. Nothing was removed.", records.child_name)));
        }
        let waiting = records.not_handed_over.len();
        if waiting > 0 {
            return Err(invalid(format!(
                "{} about {} {} not been handed over yet. Hand {} over first, so nothing is lost. Nothing was removed.",
                if waiting == 1 { "One entry".to_string() } else { format!("{waiting} entries") },
                records.child_name,
                if waiting == 1 { "has" } else { "have" },
                if waiting == 1 { "it" } else { "them" },
            )));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.made_for FROM handover h JOIN handover_entry he ON he.handover_id = h.id JOIN log_entry e ON e.id = he.entry_id
             WHERE e.child_id = ?1 GROUP BY h.made_for ORDER BY min(h.made_at), min(h.id)",
        )?;
        let to: Vec<String> = stmt.query_map([child_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let handed_over_to = join_names(&to);

        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO placement_end (ended_at, child_name, handed_over_to, entries, kept_files) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now, records.child_name, handed_over_to, records.entries, records.kept_files],
        )?;
        // Entries first: the child's row would only unlink them. Their files,
        // amendments, own words and hand-over links go with them.
        tx.execute("DELETE FROM log_entry WHERE child_id = ?1", [child_id])?;
        tx.execute("DELETE FROM handover WHERE NOT EXISTS (SELECT 1 FROM handover_entry he WHERE he.handover_id = handover.id)", [])?;
        // The agreement and its versions, checklists, notes and apps go with the child.
        tx.execute("DELETE FROM child WHERE id = ?1", [child_id])?;
        tx.commit()?;
        self.scrub_free_space()?;
        Ok(PlacementNote::new(now, records.child_name, handed_over_to, records.entries, records.kept_files))
    }

    pub fn placement_notes(&self) -> Result<Vec<PlacementNote>, VaultError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ended_at, child_name, handed_over_to, entries, kept_files FROM placement_end ORDER BY ended_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok(PlacementNote::new(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::join_names;
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::db::Db;
    use crate::vault::log::LogEntryInput;
    use crate::vault::{DbKey, VaultError};

    fn child(db: &Db, name: &str, looked_after: bool) -> i64 {
        db.add_child(&ChildInput::aged_11_to_13(name, looked_after)).unwrap().id
    }

    fn entry(db: &Db, child_id: i64, facts: &str) -> i64 {
        db.add_log_entry(&LogEntryInput { child_id: Some(child_id), happened_at: "2026-11-20".into(), facts: facts.into(), ..Default::default() }).unwrap().id
    }

    fn rows(db: &Db, table: &str) -> i64 {
        db.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_placement_ends_only_for_a_looked_after_child_all_handed_over_and_named_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let kai = child(&db, "Kai Nowak-Ćwik", true);
        let own = child(&db, "Robin", false);
        let a = entry(&db, kai, "first");
        let b = entry(&db, kai, "second");
        entry(&db, own, "about Robin");

        let r = db.child_records(kai).unwrap();
        assert_eq!((r.entries, r.not_handed_over.clone()), (2, vec![a, b]));
        assert!(matches!(db.end_placement(own, "Robin", 1), Err(VaultError::Invalid(m)) if m.contains("looked-after")));
        assert!(matches!(db.end_placement(kai, "Kai", 1), Err(VaultError::Invalid(m)) if m.contains("does not match")));
        db.record_handover(&[a], "Brightwater Fostering", 1_796_300_000).unwrap();
        let refused = db.end_placement(kai, "Kai Nowak-Ćwik", 1).unwrap_err().to_string();
        assert!(refused.contains("One entry about Kai Nowak-Ćwik has not been handed over yet"), "{refused}");
        assert_eq!(rows(&db, "log_entry"), 3, "nothing removed");
        assert_eq!(rows(&db, "placement_end"), 0);

        db.record_handover(&[b], "Sam Okoye", 1_796_400_000).unwrap();
        let note = db.end_placement(kai, " Kai Nowak-Ćwik ", 1_796_500_000).unwrap();
        assert_eq!(note.handed_over_to, "Brightwater Fostering and Sam Okoye");
        assert_eq!(
            note.words,
            "The placement ended on 5 December 2026 at 19:46 UTC. 2 concern log entries and 0 kept files were handed over to Brightwater Fostering and Sam Okoye. Then Kai Nowak-Ćwik's records were removed from this computer."
        );
        assert_eq!(db.placement_notes().unwrap(), vec![note]);
        assert_eq!(rows(&db, "log_entry"), 1, "Robin's entry stays");
        assert_eq!(rows(&db, "handover"), 0, "hand-overs of removed entries go too");
        assert!(db.child(kai).is_err());
    }

    #[test]
    fn the_removal_is_all_or_nothing_and_leaves_no_words_behind_in_the_vault() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let kai = child(&db, "Kai", true);
        let a = entry(&db, kai, "quixotrance happened");
        db.attach(a, "chat.png", b"\x89PNG\r\n\x1a\nxx", true).unwrap();
        db.add_child_statement(a, "I was scared", "").unwrap();
        db.record_handover(&[a], "Brightwater Fostering", 1_796_300_000).unwrap();
        db.agreement_start(kai, crate::agreement::rules::builtin().unwrap(), AgeBand::From11To13, &[]).unwrap();
        db.save_conversation_notes("sextortion", Some(kai), "talk on Sunday").unwrap();

        // A failure part-way (the disk fills as the child's row goes) removes nothing.
        db.conn.execute_batch("CREATE TEMP TRIGGER fail BEFORE DELETE ON child BEGIN SELECT RAISE(ABORT, 'disk full'); END;").unwrap();
        assert!(db.end_placement(kai, "Kai", 1).is_err());
        let kept = db.child_records(kai).unwrap();
        assert_eq!((kept.entries, kept.kept_files, kept.has_agreement, kept.conversation_notes), (1, 1, true, 1));
        assert_eq!(rows(&db, "placement_end"), 0);
        assert_eq!(db.log_entry(a).unwrap().child_statements.len(), 1);

        db.conn.execute_batch("DROP TRIGGER fail;").unwrap();
        let note = db.end_placement(kai, "Kai", 1_796_500_000).unwrap();
        assert_eq!((note.entries, note.kept_files), (1, 1));
        for table in ["log_entry", "attachment", "log_amendment", "child_statement", "handover_entry", "agreement", "agreement_item", "conversation_note", "child"] {
            assert_eq!(rows(&db, table), 0, "{table}");
        }
        // The search index keeps a removed word in its older segments until merged.
        let in_index: i64 = db.conn.query_row("SELECT count(*) FROM log_search_data WHERE instr(block, 'quixotrance') > 0", [], |r| r.get(0)).unwrap();
        assert_eq!(in_index, 0, "the search index still holds a removed word");
    }

    #[test]
    fn names_are_joined_as_a_person_would_say_them() {
        let n = |v: &[&str]| join_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&[]), "");
        assert_eq!(n(&["A"]), "A");
        assert_eq!(n(&["A", "B", "C"]), "A, B and C");
    }
}
