//! The concern log: what worried a parent or carer, written down as evidence
//! practice expects. Entries are never edited: corrections are dated
//! amendments shown with the original, and a deliberately deleted entry
//! leaves a dated note that it existed. Screenshots are kept inside the vault
//! with their SHA-256, and only after the person confirms they show no
//! sexual image of a child.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::db::Db;
use super::{unix_now, VaultError};

/// The kinds of worry, in the order the form offers them.
/// The kinds of worry, each with the words a person reads, in the order they
/// are offered. The UI gets this list generated (ui/src/lib/bindings/categories.ts).
pub const CATEGORIES: [(&str, &str); 9] = [
    ("grooming", "Grooming, or an adult seeking contact"),
    ("sextortion", "Sextortion or blackmail"),
    ("nude-images", "Nude or sexual images shared"),
    ("intimate-image-abuse", "Intimate image abuse"),
    ("deepfake", "Deepfake"),
    ("bullying", "Bullying"),
    ("harmful-content", "Harmful content"),
    ("money-scams", "Money or scams"),
    ("other", "Something else"),
];

/// The words for a kind of worry; None for anything that is not one.
pub fn category_label(id: &str) -> Option<&'static str> {
    CATEGORIES.iter().find(|(c, _)| *c == id).map(|(_, label)| *label)
}

/// One entry as a person writes it. Every text field is plain words; only
/// when it happened is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LogEntryInput {
    #[ts(type = "number | null")]
    pub child_id: Option<i64>,
    /// When it happened: "2026-11-20" or "2026-11-20T19:40" (a best guess if rough).
    pub happened_at: String,
    /// A rough time in words, such as "one evening last week".
    #[serde(default)]
    pub happened_rough: String,
    /// One of CATEGORIES, or empty.
    #[serde(default)]
    pub category: String,
    pub platform: String,
    /// The other account's username.
    pub account: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub profile_link: String,
    /// What I saw or heard: facts and exact words.
    pub facts: String,
    /// What I was told, and by whom.
    pub told: String,
    /// My own view, kept apart from the facts.
    pub view: String,
    /// What evidence is kept, and where. Never an image of a child.
    pub evidence: String,
    /// Who I told and when, with any reference number.
    pub reported: String,
    pub actions: String,
    /// Who wrote the entry.
    #[serde(default)]
    pub writer: String,
}

/// A later correction or addition, shown with the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Amendment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub written_at: i64,
    pub text: String,
    pub writer: String,
}

/// A kept file, described; its bytes stay in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    /// Lower-case hex.
    pub sha256: String,
    #[ts(type = "number")]
    pub size: i64,
    #[ts(type = "number")]
    pub added_at: i64,
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
    pub amendments: Vec<Amendment>,
    pub attachments: Vec<Attachment>,
    /// Each time this entry was handed over, oldest first.
    #[serde(default)]
    pub handed_over: Vec<super::handover::HandedOver>,
    /// The child's own words about this entry, oldest first.
    #[serde(default)]
    pub child_statements: Vec<super::child_statement::ChildStatement>,
    /// When it happened, in words (`when_words`), for the screens to show as they are.
    #[serde(skip_deserializing)]
    pub happened_words: String,
}

impl LogEntry {
    /// An entry as saved, before its amendments, files, hand-overs and the child's words are added.
    pub fn new(id: i64, written_at: i64, input: LogEntryInput) -> LogEntry {
        let happened_words = when_words(&input.happened_at, &input.happened_rough);
        LogEntry { id, written_at, input, amendments: Vec::new(), attachments: Vec::new(), handed_over: Vec::new(), child_statements: Vec::new(), happened_words }
    }
}

/// "20 November 2026, 19:40 (one evening last week)" for what the person typed:
/// `happened_at` as "2026-11-20T19:40" or "2026-11-20", and their rough words, if any.
pub fn when_words(happened_at: &str, rough: &str) -> String {
    let h = happened_at;
    let date = crate::dates::in_words(h.get(..10).unwrap_or(h)).unwrap_or_else(|| h.to_string());
    let time = h.get(11..16).map(|t| format!(", {t}")).unwrap_or_default();
    let rough = if rough.trim().is_empty() { String::new() } else { format!(" ({})", rough.trim()) };
    format!("{date}{time}{rough}")
}

/// The dated note a deleted entry leaves behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deletion {
    #[ts(type = "number")]
    pub entry_id: i64,
    #[ts(type = "number")]
    pub deleted_at: i64,
    #[ts(type = "number")]
    pub written_at: i64,
    pub happened_at: String,
    pub category: String,
    pub reason: String,
    /// When the entry said it happened, in words (`when_words`).
    #[serde(skip_deserializing)]
    pub happened_words: String,
}

impl Deletion {
    fn new(entry_id: i64, deleted_at: i64, written_at: i64, happened_at: String, category: String, reason: String) -> Deletion {
        let happened_words = when_words(&happened_at, "");
        Deletion { entry_id, deleted_at, written_at, happened_at, category, reason, happened_words }
    }
}

/// What the timeline shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LogFilter {
    #[ts(type = "number | null")]
    pub child_id: Option<i64>,
    pub category: String,
    /// Matched ignoring case.
    pub platform: String,
    /// YYYY-MM-DD, inclusive.
    pub from: String,
    pub to: String,
    /// Words to find anywhere in the entry.
    pub text: String,
}

/// A page of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Timeline {
    pub entries: Vec<LogEntry>,
    /// How many entries match in all.
    pub total: usize,
}

const MAX_FIELD: usize = 20_000;
pub const MAX_ATTACHMENT: usize = 20 * 1024 * 1024;

/// A file is kept only after the person confirms it shows no nude or sexual
/// image of anyone under 18 (keeping one is an offence, even for evidence).
pub fn require_no_child_image(confirmed: bool) -> Result<(), VaultError> {
    if confirmed {
        Ok(())
    } else {
        Err(invalid("Nothing was saved. Please confirm the file shows no nude or sexual image of anyone under 18. If it does, describe it in words instead."))
    }
}

pub fn attachment_too_large() -> VaultError {
    invalid("That file is larger than 20 MB. A screenshot is usually much smaller.")
}

fn invalid(m: &str) -> VaultError {
    VaultError::Invalid(m.into())
}

impl LogEntryInput {
    fn fields(&self) -> [&str; 13] {
        [
            &self.happened_rough, &self.platform, &self.account, &self.display_name, &self.profile_link, &self.facts, &self.told,
            &self.view, &self.evidence, &self.reported, &self.actions, &self.writer, &self.category,
        ]
    }

    pub fn validate(&self) -> Result<(), VaultError> {
        if !valid_when(&self.happened_at) {
            return Err(invalid("Please give the date it happened. A best guess is fine."));
        }
        if !self.category.is_empty() && category_label(&self.category).is_none() {
            return Err(invalid("Please choose what kind of worry this is from the list."));
        }
        if self.fields().iter().any(|f| f.chars().count() > MAX_FIELD) {
            return Err(invalid("One of the boxes is too long. Please split it into two entries."));
        }
        if [&self.facts, &self.told, &self.view, &self.evidence, &self.actions, &self.account].iter().all(|f| f.trim().is_empty()) {
            return Err(invalid("Please write down something about what happened, even a few words."));
        }
        Ok(())
    }
}

/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", with a real date and time.
fn valid_when(s: &str) -> bool {
    let (Some(date), Some(time)) = (s.get(..10), s.get(10..)) else { return false };
    let two = |t: &str, max: u32| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) && t.parse::<u32>().is_ok_and(|n| n < max);
    crate::dates::is_iso_date(date)
        && match time.strip_prefix('T') {
            None => time.is_empty(),
            Some(hm) => hm.len() == 5 && hm.as_bytes()[2] == b':' && two(&hm[..2], 24) && two(&hm[3..], 60),
        }
}

/// The kind of file, from its first bytes; only pictures, PDFs and plain text are kept.
pub fn media_type(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 5] = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF8", "image/gif"),
        (b"%PDF-", "application/pdf"),
        (b"RIFF", "image/webp"),
    ];
    if let Some((_, t)) = KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return (*t != "image/webp" || bytes.get(8..12) == Some(b"WEBP")).then_some(*t);
    }
    std::str::from_utf8(bytes).ok().filter(|t| !t.contains('\0')).map(|_| "text/plain")
}

pub use harbour_handover::sha256_hex;

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

const SELECT: &str = "SELECT e.id, e.written_at, e.child_id, e.happened_at, e.happened_rough, e.category, e.platform, e.account,
    e.display_name, e.profile_link, e.facts, e.told, e.view, e.evidence, e.reported, e.actions, e.writer FROM log_entry e";

fn row(r: &rusqlite::Row) -> rusqlite::Result<LogEntry> {
    let input = LogEntryInput {
        child_id: r.get(2)?,
        happened_at: r.get(3)?,
        happened_rough: r.get(4)?,
        category: r.get(5)?,
        platform: r.get(6)?,
        account: r.get(7)?,
        display_name: r.get(8)?,
        profile_link: r.get(9)?,
        facts: r.get(10)?,
        told: r.get(11)?,
        view: r.get(12)?,
        evidence: r.get(13)?,
        reported: r.get(14)?,
        actions: r.get(15)?,
        writer: r.get(16)?,
    };
    Ok(LogEntry::new(r.get(0)?, r.get(1)?, input))
}

impl Db {
    pub fn add_log_entry(&self, input: &LogEntryInput) -> Result<LogEntry, VaultError> {
        input.validate()?;
        let t = unix_now();
        let i = input;
        self.conn.execute(
            "INSERT INTO log_entry (child_id, happened_at, written_at, happened_rough, category, platform, account, display_name,
             profile_link, facts, told, view, evidence, reported, actions, writer)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                i.child_id, i.happened_at, t, i.happened_rough, i.category, i.platform, i.account, i.display_name, i.profile_link,
                i.facts, i.told, i.view, i.evidence, i.reported, i.actions, i.writer
            ],
        )?;
        Ok(LogEntry::new(self.conn.last_insert_rowid(), t, input.clone()))
    }

    fn with_details(&self, mut e: LogEntry) -> Result<LogEntry, VaultError> {
        let mut stmt = self.conn.prepare_cached("SELECT id, written_at, text, writer FROM log_amendment WHERE entry_id = ?1 ORDER BY id")?;
        e.amendments = stmt
            .query_map([e.id], |r| Ok(Amendment { id: r.get(0)?, written_at: r.get(1)?, text: r.get(2)?, writer: r.get(3)? }))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, file_name, media_type, lower(hex(sha256)), length(bytes), added_at FROM attachment WHERE entry_id = ?1 ORDER BY id",
        )?;
        e.attachments = stmt
            .query_map([e.id], |r| {
                Ok(Attachment { id: r.get(0)?, file_name: r.get(1)?, media_type: r.get(2)?, sha256: r.get(3)?, size: r.get(4)?, added_at: r.get(5)? })
            })?
            .collect::<Result<_, _>>()?;
        e.handed_over = self.handed_over(e.id)?;
        e.child_statements = self.child_statements(e.id)?;
        Ok(e)
    }

    pub fn log_entry(&self, id: i64) -> Result<LogEntry, VaultError> {
        let e = self
            .conn
            .query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], row)
            .optional()?
            .ok_or_else(|| invalid("That entry is no longer in the log."))?;
        self.with_details(e)
    }

    /// Every entry, oldest event first: the order of a chronology.
    pub fn log_entries(&self) -> Result<Vec<LogEntry>, VaultError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY e.happened_at, e.id"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The chosen entries in full (amendments and files), in event order.
    pub fn log_entries_chosen(&self, ids: &[i64]) -> Result<Vec<LogEntry>, VaultError> {
        if ids.is_empty() {
            return Err(invalid("Please choose at least one entry."));
        }
        let mut out = ids.iter().map(|id| self.log_entry(*id)).collect::<Result<Vec<_>, _>>()?;
        out.sort_by(|a, b| (&a.input.happened_at, a.id).cmp(&(&b.input.happened_at, b.id)));
        out.dedup_by_key(|e| e.id);
        Ok(out)
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

    /// The timeline: newest event first, narrowed by `f`. Entries come
    /// without their amendments and files; open one with `log_entry`.
    pub fn log_timeline(&self, f: &LogFilter) -> Result<Vec<LogEntry>, VaultError> {
        Ok(self.log_timeline_page(f, 0)?.entries)
    }

    /// The first `limit` entries of the timeline (all when 0), and how many match in all.
    pub fn log_timeline_page(&self, f: &LogFilter, limit: u32) -> Result<Timeline, VaultError> {
        let q = fts_query(&f.text);
        let (join, text) = match &q {
            Some(q) => ("JOIN log_search s ON s.rowid = e.id AND log_search MATCH ?6", q.as_str()),
            None => ("", ""),
        };
        // `?6 = ?6` keeps the words' parameter in use when there are no words.
        let filter = format!(
            "{join} WHERE (?1 IS NULL OR e.child_id = ?1) AND (?2 = '' OR e.category = ?2)
             AND (?3 = '' OR lower(e.platform) = lower(?3)) AND (?4 = '' OR e.happened_at >= ?4)
             AND (?5 = '' OR substr(e.happened_at, 1, 10) <= ?5) AND (?6 = ?6)"
        );
        let limit = if limit == 0 { -1 } else { i64::from(limit) };
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} {filter} ORDER BY e.happened_at DESC, e.id DESC LIMIT ?7"))?;
        let p = params![f.child_id, f.category, f.platform.trim(), f.from, f.to, text];
        let entries = stmt
            .query_map(params![f.child_id, f.category, f.platform.trim(), f.from, f.to, text, limit], row)?
            .collect::<Result<Vec<_>, _>>()?;
        let total = if limit >= 0 && entries.len() as i64 == limit {
            let n: i64 = self.conn.prepare_cached(&format!("SELECT count(*) FROM log_entry e {filter}"))?.query_row(p, |r| r.get(0))?;
            n as usize
        } else {
            entries.len()
        };
        Ok(Timeline { entries, total })
    }

    /// Adds a dated correction or addition; the entry itself never changes.
    pub fn amend_log_entry(&self, entry_id: i64, text: &str, writer: &str) -> Result<LogEntry, VaultError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid("Please write the correction or what you want to add."));
        }
        if text.chars().count() > MAX_FIELD || writer.chars().count() > 200 {
            return Err(invalid("That is too long. Please split it into two amendments."));
        }
        self.log_entry(entry_id)?;
        self.conn.execute(
            "INSERT INTO log_amendment (entry_id, written_at, text, writer) VALUES (?1, ?2, ?3, ?4)",
            params![entry_id, unix_now(), text, writer.trim()],
        )?;
        self.log_entry(entry_id)
    }

    /// Adds the same amendment to each entry in `ids`: all of them, or (if
    /// any cannot take it) none.
    pub fn amend_log_entries(&self, ids: &[i64], text: &str, writer: &str) -> Result<(), VaultError> {
        if ids.is_empty() {
            return Err(invalid("Please choose at least one entry."));
        }
        let tx = self.conn.unchecked_transaction()?;
        let mut done = std::collections::BTreeSet::new();
        for id in ids.iter().filter(|id| done.insert(**id)) {
            self.amend_log_entry(*id, text, writer)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Keeps a screenshot or document with the entry. `no_child_image` is the
    /// person's confirmation that it shows no nude or sexual image of anyone
    /// under 18; without it nothing is stored.
    pub fn attach(&self, entry_id: i64, file_name: &str, bytes: &[u8], no_child_image: bool) -> Result<LogEntry, VaultError> {
        require_no_child_image(no_child_image)?;
        if bytes.len() > MAX_ATTACHMENT {
            return Err(attachment_too_large());
        }
        let media = media_type(bytes).ok_or_else(|| invalid("Harbour keeps pictures (PNG, JPEG, GIF, WebP), PDFs and text files only."))?;
        self.log_entry(entry_id)?;
        let name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        self.conn.execute(
            "INSERT INTO attachment (entry_id, file_name, media_type, sha256, bytes, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![entry_id, name, media, Sha256::digest(bytes).to_vec(), bytes, unix_now()],
        )?;
        self.log_entry(entry_id)
    }

    /// A kept file's bytes, to show it.
    pub fn attachment_bytes(&self, attachment_id: i64) -> Result<(String, Vec<u8>), VaultError> {
        self.conn
            .query_row("SELECT media_type, bytes FROM attachment WHERE id = ?1", [attachment_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| invalid("That file is no longer in the log."))
    }

    /// Deletes an entry on purpose, with its amendments and files, leaving a
    /// dated note that it existed.
    pub fn delete_log_entry(&self, entry_id: i64, reason: &str) -> Result<Deletion, VaultError> {
        let e = self.log_entry(entry_id)?;
        let d = Deletion::new(entry_id, unix_now(), e.written_at, e.input.happened_at, e.input.category, reason.trim().chars().take(500).collect());
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO log_deletion (entry_id, deleted_at, written_at, happened_at, category, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![d.entry_id, d.deleted_at, d.written_at, d.happened_at, d.category, d.reason],
        )?;
        tx.execute("DELETE FROM log_entry WHERE id = ?1", [entry_id])?;
        tx.commit()?;
        self.scrub_free_space()?;
        Ok(d)
    }

    pub fn log_deletions(&self) -> Result<Vec<Deletion>, VaultError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entry_id, deleted_at, written_at, happened_at, category, reason FROM log_deletion ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Deletion::new(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::DbKey;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR fake but typed";

    fn entry(facts: &str) -> LogEntryInput {
        LogEntryInput { happened_at: "2026-11-20T19:40".into(), facts: facts.into(), platform: "Snapchat".into(), ..Default::default() }
    }

    #[test]
    fn when_it_happened_is_said_in_words_as_the_person_gave_it() {
        assert_eq!(when_words("2026-11-20T19:40", " one evening last week "), "20 November 2026, 19:40 (one evening last week)");
        assert_eq!(when_words("2026-11-20", ""), "20 November 2026");
        assert_eq!(when_words("sometime", ""), "sometime", "kept as typed when it is not a date");
        let (_dir, db) = db();
        let saved = db.add_log_entry(&LogEntryInput { happened_rough: "after school".into(), ..entry("x") }).unwrap();
        assert_eq!(saved.happened_words, "20 November 2026, 19:40 (after school)");
        assert_eq!(db.log_entry(saved.id).unwrap().happened_words, saved.happened_words, "the same once read back");
        let gone = db.delete_log_entry(saved.id, "").unwrap();
        assert_eq!(gone.happened_words, "20 November 2026, 19:40", "a deletion keeps the date, not the rough words");
        assert_eq!(db.log_deletions().unwrap()[0].happened_words, gone.happened_words);
    }

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        (dir, db)
    }

    #[test]
    fn entries_are_kept_in_event_order_and_found_by_any_field() {
        let (_d, db) = db();
        let late = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-21".into(), ..entry("Asked for photos") }).unwrap();
        let early = db.add_log_entry(&LogEntryInput { account: "skater_boy_07".into(), display_name: "Jay K".into(), ..entry("A stranger added her") }).unwrap();
        let ids = |v: Vec<LogEntry>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(db.log_entries().unwrap()), vec![early.id, late.id]);
        assert_eq!(ids(db.search_log("photo").unwrap()), vec![late.id]);
        assert_eq!(ids(db.search_log("skater").unwrap()), vec![early.id]);
        assert_eq!(ids(db.search_log("jay").unwrap()), vec![early.id], "display names are searched too");
        assert_eq!(ids(db.search_log("stranger SNAPCHAT").unwrap()), vec![early.id]);
        assert!(db.search_log("nothing-like-this").unwrap().is_empty());
        // FTS syntax typed by a person is just words.
        assert!(db.search_log("\"* OR NEAR(").unwrap().is_empty());
        assert!(db.search_log("   ").unwrap().is_empty());
    }

    #[test]
    fn one_amendment_on_several_entries_is_all_or_nothing() {
        let (_d, db) = db();
        let a = db.add_log_entry(&entry("first")).unwrap();
        let b = db.add_log_entry(&entry("second")).unwrap();
        // The second id fails part-way: the first entry must not keep its amendment.
        assert!(db.amend_log_entries(&[a.id, 9_999], "Police reference 123", "Sam").is_err());
        assert!(db.log_entry(a.id).unwrap().amendments.is_empty());
        assert!(db.amend_log_entries(&[], "x", "Sam").is_err());
        db.amend_log_entries(&[a.id, b.id, a.id], "Police reference 123", "Sam").unwrap();
        for id in [a.id, b.id] {
            let amendments = db.log_entry(id).unwrap().amendments;
            assert_eq!(amendments.len(), 1, "each entry once, even when chosen twice");
            assert_eq!(amendments[0].text, "Police reference 123");
        }
    }

    #[test]
    fn only_the_date_is_required_but_an_entry_says_something() {
        let (_d, db) = db();
        for when in ["", "yesterday", "2026-11-2é", "2026-11-20Té9:40", "2026-02-30", "2026-13-01", "2026-11-20T24:00", "2026-11-20 19:40"] {
            assert!(db.add_log_entry(&LogEntryInput { happened_at: when.into(), ..entry("x") }).is_err(), "{when}");
        }
        assert!(db.add_log_entry(&entry("   ")).is_err());
        assert!(db.add_log_entry(&LogEntryInput { happened_at: "2024-02-29".into(), ..entry("leap day") }).is_ok());
        assert!(db.add_log_entry(&LogEntryInput { account: "only_a_name".into(), ..entry("") }).is_ok());
        assert!(db.add_log_entry(&LogEntryInput { category: "weather".into(), ..entry("x") }).is_err());
        for (c, _) in CATEGORIES {
            assert!(db.add_log_entry(&LogEntryInput { category: c.into(), ..entry("x") }).is_ok());
        }
    }

    #[test]
    fn entries_are_never_edited_only_amended_with_the_original_kept() {
        let (_d, db) = db();
        let e = db.add_log_entry(&LogEntryInput { writer: "Alex".into(), ..entry("He said 'send one pic or else'") }).unwrap();
        let a = db.amend_log_entry(e.id, "It was 19:10, not 19:40.", "Alex").unwrap();
        assert_eq!(a.input, e.input, "the original stands");
        assert_eq!(a.amendments.len(), 1);
        assert_eq!((a.amendments[0].text.as_str(), a.amendments[0].writer.as_str()), ("It was 19:10, not 19:40.", "Alex"));
        assert!(db.amend_log_entry(e.id, "  ", "Alex").is_err());
        assert!(db.amend_log_entry(9999, "x", "Alex").is_err());
        let edit = db.conn.execute("UPDATE log_entry SET facts = 'changed' WHERE id = ?1", [e.id]);
        assert!(edit.is_err(), "the database itself refuses an edit");
        assert_eq!(db.log_entry(e.id).unwrap().input.facts, e.input.facts);
    }

    #[test]
    fn files_need_the_confirmation_and_keep_their_hash() {
        let (_d, db) = db();
        let e = db.add_log_entry(&entry("Screenshot of the chat")).unwrap();
        let refused = db.attach(e.id, "chat.png", PNG, false).unwrap_err();
        assert!(refused.to_string().contains("describe it in words"), "{refused}");
        assert!(db.log_entry(e.id).unwrap().attachments.is_empty(), "nothing stored without the confirmation");
        let with = db.attach(e.id, "chat.png", PNG, true).unwrap();
        let a = &with.attachments[0];
        assert_eq!((a.file_name.as_str(), a.media_type.as_str(), a.size), ("chat.png", "image/png", PNG.len() as i64));
        assert_eq!(a.sha256, sha256_hex(PNG));
        assert_eq!(a.sha256.len(), 64);
        assert_eq!(db.attachment_bytes(a.id).unwrap(), ("image/png".to_string(), PNG.to_vec()));
        assert!(db.attach(e.id, "tool.exe", b"MZ\x90\0\x03\0\0\0", true).is_err(), "only pictures, PDFs and text");
        assert!(db.attach(e.id, "big.png", &vec![0x89; MAX_ATTACHMENT + 1], true).is_err());
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_deleted_entrys_words_are_gone_from_the_database_and_its_search_index() {
        let (_d, db) = db();
        let everyday = ["He asked which school she goes to", "A stranger sent a friend request", "The game chat turned nasty", "Someone asked for her number"];
        for i in 0..40 {
            db.add_log_entry(&entry(&format!("{} ({i})", everyday[i % everyday.len()]))).unwrap();
        }
        let secret = db.add_log_entry(&LogEntryInput { account: "quokkamurble".into(), ..entry("Xyloquent wrote to her at night") }).unwrap();
        db.add_log_entry(&entry("One more after it")).unwrap();
        // What SQLite holds, every page decrypted: the search index keeps words lower-cased.
        let holds = |word: &[u8]| db.conn.serialize(rusqlite::MAIN_DB).unwrap().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
        assert!(holds(b"yloquent") && holds(b"okkamurble"), "the check can see the words before");
        db.delete_log_entry(secret.id, "Written about the wrong child").unwrap();
        assert!(!holds(b"yloquent"), "a word of the deleted entry is still in the database");
        assert!(!holds(b"okkamurble"), "the deleted account name is still in the database");
        assert_eq!(db.search_log("stranger").unwrap().len(), 10, "the search still finds the rest");
    }

    #[test]
    fn deleting_is_deliberate_and_leaves_a_dated_note() {
        let (_d, db) = db();
        let e = db.add_log_entry(&LogEntryInput { category: "bullying".into(), ..entry("Wrong child") }).unwrap();
        db.attach(e.id, "a.png", PNG, true).unwrap();
        db.amend_log_entry(e.id, "more", "").unwrap();
        let d = db.delete_log_entry(e.id, "Written about the wrong child").unwrap();
        assert!(db.log_entry(e.id).is_err());
        assert!(db.search_log("wrong").unwrap().is_empty(), "gone from search");
        let in_index: i64 = db.conn.query_row("SELECT count(*) FROM log_search_data WHERE instr(block, 'wrong') > 0", [], |r| r.get(0)).unwrap();
        assert_eq!(in_index, 0, "and from the search index's older segments");
        assert_eq!(db.log_deletions().unwrap(), vec![d.clone()]);
        assert_eq!((d.happened_at.as_str(), d.category.as_str()), ("2026-11-20T19:40", "bullying"));
        let left: i64 = db.conn.query_row("SELECT (SELECT count(*) FROM attachment) + (SELECT count(*) FROM log_amendment)", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn the_timeline_is_newest_first_and_narrows_by_child_category_platform_dates_and_words() {
        let (_d, db) = db();
        let sam = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
            .unwrap()
            .id;
        let a = db.add_log_entry(&LogEntryInput { child_id: Some(sam), category: "sextortion".into(), happened_at: "2026-11-01".into(), ..entry("Threatened to share") }).unwrap();
        let b = db.add_log_entry(&LogEntryInput { category: "bullying".into(), platform: "WhatsApp".into(), happened_at: "2026-11-10T08:00".into(), ..entry("Group chat names") }).unwrap();
        let c = db.add_log_entry(&LogEntryInput { child_id: Some(sam), category: "sextortion".into(), happened_at: "2026-11-15".into(), ..entry("Asked for money") }).unwrap();
        let ids = |f: LogFilter| db.log_timeline(&f).unwrap().into_iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(LogFilter::default()), vec![c.id, b.id, a.id]);
        assert_eq!(ids(LogFilter { child_id: Some(sam), ..Default::default() }), vec![c.id, a.id]);
        assert_eq!(ids(LogFilter { category: "bullying".into(), ..Default::default() }), vec![b.id]);
        assert_eq!(ids(LogFilter { platform: "whatsapp".into(), ..Default::default() }), vec![b.id]);
        assert_eq!(ids(LogFilter { from: "2026-11-10".into(), to: "2026-11-10".into(), ..Default::default() }), vec![b.id]);
        assert_eq!(ids(LogFilter { text: "money".into(), child_id: Some(sam), ..Default::default() }), vec![c.id]);
        assert!(ids(LogFilter { text: "money".into(), category: "bullying".into(), ..Default::default() }).is_empty());
        let page = db.log_timeline_page(&LogFilter::default(), 2).unwrap();
        assert_eq!((page.entries.iter().map(|e| e.id).collect::<Vec<_>>(), page.total), (vec![c.id, b.id], 3));
        let page = db.log_timeline_page(&LogFilter { text: "threatened".into(), ..Default::default() }, 2).unwrap();
        assert_eq!((page.entries.len(), page.total), (1, 1));
        let page = db.log_timeline_page(&LogFilter { child_id: Some(sam), ..Default::default() }, 1).unwrap();
        assert_eq!((page.entries.len(), page.total), (1, 2));
    }

    #[test]
    fn chosen_entries_come_in_full_in_event_order() {
        let (_d, db) = db();
        let late = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-21".into(), ..entry("Later") }).unwrap();
        let early = db.add_log_entry(&entry("Earlier")).unwrap();
        db.amend_log_entry(late.id, "Called 101", "Alex").unwrap();
        let got = db.log_entries_chosen(&[late.id, early.id, late.id]).unwrap();
        assert_eq!(got.iter().map(|e| e.id).collect::<Vec<_>>(), vec![early.id, late.id]);
        assert_eq!(got[1].amendments.len(), 1);
        assert!(db.log_entries_chosen(&[]).is_err());
        assert!(db.log_entries_chosen(&[9999]).is_err());
    }

    #[test]
    fn file_kinds_are_read_from_their_first_bytes() {
        assert_eq!(media_type(PNG), Some("image/png"));
        assert_eq!(media_type(b"\xff\xd8\xff\xe0rest"), Some("image/jpeg"));
        assert_eq!(media_type(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(media_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(media_type(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(media_type(b"plain words"), Some("text/plain"));
        assert_eq!(media_type(b"\0\x01\x02"), None);
    }
}
