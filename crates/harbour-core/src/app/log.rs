//! The concern log. Entries are never edited: corrections are amendments.
//! Files come in and go out only through system dialogs, so the page never names a path.

use std::io::Read;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{content, file_name, App, FileDialog};
use crate::error::{ErrorCode, UserError};
use crate::log_guidance::LogGuidance;
use crate::print::{call_sheet, chronology};
use crate::vault::log::{attachment_too_large, require_no_child_image, Deletion, LogEntry, LogEntryInput, LogFilter, Timeline, MAX_ATTACHMENT};
use crate::vault::{unix_now, VaultError};

/// How a chronology is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ChronologyFormat {
    Pdf,
    PlainText,
}

/// The moment a chronology was made. Saving the same chronology again (the
/// same entries, made by the same person, within the half hour) keeps it, so
/// its PDF and its text carry the same words and the same SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ChronologyMoment {
    ids: Vec<i64>,
    made_by: String,
    made_at: i64,
}

const SAME_CHRONOLOGY_SECS: i64 = 30 * 60;

impl ChronologyMoment {
    /// The moment for this chronology: `last`'s, if it is the same one made lately, or now.
    pub(super) fn for_export(last: Option<&ChronologyMoment>, ids: &[i64], made_by: &str, now: i64) -> ChronologyMoment {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        match last {
            Some(l) if l.ids == ids && l.made_by == made_by && (0..SAME_CHRONOLOGY_SECS).contains(&(now - l.made_at)) => l.clone(),
            _ => ChronologyMoment { ids, made_by: made_by.to_string(), made_at: now },
        }
    }
}

/// An agency may ask for the writer's name on every entry.
pub fn require_writer(input: &LogEntryInput, agency: Option<(&str, bool)>) -> Result<(), UserError> {
    match agency {
        Some((name, true)) if input.writer.trim().is_empty() => Err(UserError::new(
            ErrorCode::InvalidInput,
            format!("Please write your name in \"Who is writing this\". {name} asks for it on every entry."),
        )),
        _ => Ok(()),
    }
}

/// Reads a chosen file, never more than the limit whatever the file system
/// says its size is (a pipe or a growing file has no honest size).
fn read_capped(path: &std::path::Path) -> Result<Vec<u8>, UserError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_ATTACHMENT as u64 + 1).read_to_end(&mut bytes)).map_err(VaultError::from)?;
    if bytes.len() > MAX_ATTACHMENT {
        return Err(attachment_too_large().into());
    }
    Ok(bytes)
}

impl App {
    /// What to do next for each kind of worry, with sources; needs no unlocking.
    pub fn log_guidance(&self) -> Result<&'static LogGuidance, UserError> {
        content::log_guidance()
    }

    pub fn log_add(&self, input: LogEntryInput) -> Result<LogEntry, UserError> {
        let pack = self.packs.active();
        require_writer(&input, pack.as_ref().map(|p| (p.name(), p.content().records.writer_name_required)))?;
        self.with_db(|db| Ok(db.add_log_entry(&input)?))
    }

    /// One entry with its amendments and files.
    pub fn log_entry(&self, id: i64) -> Result<LogEntry, UserError> {
        self.with_db(|db| Ok(db.log_entry(id)?))
    }

    /// Newest first: the first `limit` matching entries (all when 0) and how many match.
    pub fn log_timeline(&self, filter: LogFilter, limit: u32) -> Result<Timeline, UserError> {
        self.with_db(|db| Ok(db.log_timeline_page(&filter, limit)?))
    }

    pub fn log_amend(&self, id: i64, text: String, writer: String) -> Result<LogEntry, UserError> {
        self.with_db(|db| Ok(db.amend_log_entry(id, &text, &writer)?))
    }

    pub fn log_child_statement(&self, id: i64, text: String, written_down_by: String) -> Result<LogEntry, UserError> {
        self.with_db(|db| Ok(db.add_child_statement(id, &text, &written_down_by)?))
    }

    /// After the person confirms the file shows no sexual image of a child, asks
    /// which file to keep with the entry. Without the confirmation no dialog opens. Null if cancelled.
    pub fn log_attach(&self, id: i64, no_child_image: bool) -> Result<Option<LogEntry>, UserError> {
        require_no_child_image(no_child_image)?;
        self.log_entry(id)?;
        let dialog = FileDialog::open("Choose a screenshot or document to keep", "Pictures, PDFs and text", &["png", "jpg", "jpeg", "gif", "webp", "pdf", "txt"]);
        let Some(path) = self.host.pick_file(&dialog) else { return Ok(None) };
        let bytes = read_capped(&path)?;
        self.with_db(|db| Ok(Some(db.attach(id, &file_name(&path), &bytes, no_child_image)?)))
    }

    /// Deletes on purpose, leaving a dated note that the entry existed.
    pub fn log_delete(&self, id: i64, reason: String) -> Result<Deletion, UserError> {
        self.with_db(|db| Ok(db.delete_log_entry(id, &reason)?))
    }

    pub fn log_deletions(&self) -> Result<Vec<Deletion>, UserError> {
        self.with_db(|db| Ok(db.log_deletions()?))
    }

    /// The facts police ask for, in order, from the chosen entries.
    pub fn call_summary(&self, ids: Vec<i64>, today: String) -> Result<call_sheet::CallSummary, UserError> {
        let region = self.help_region()?;
        self.with_db(|db| Ok(call_sheet::summary(&db.log_entries_chosen(&ids)?, &db.children()?, &today, &region)))
    }

    /// After the call: the reference number and officer's name, added to every
    /// chosen entry as one amendment, all or none.
    pub fn call_record(&self, ids: Vec<i64>, reference: String, officer: String, called: String, writer: String) -> Result<(), UserError> {
        if reference.trim().is_empty() && officer.trim().is_empty() {
            return Err(UserError::new(ErrorCode::InvalidInput, "Please write the reference number or the officer's name."));
        }
        let words = call_sheet::after_call_words(&reference, &officer, &called);
        self.with_db(|db| Ok(db.amend_log_entries(&ids, &words, &writer)?))
    }

    /// Asks where to save, then writes the sheet for the 101 call. Null if cancelled.
    pub fn call_sheet_save(&self, ids: Vec<i64>, today: String) -> Result<Option<String>, UserError> {
        let region = self.help_region()?;
        let pdf = self.with_db(|db| {
            let s = call_sheet::summary(&db.log_entries_chosen(&ids)?, &db.children()?, &today, &region);
            Ok(call_sheet::render(&s, &call_sheet::phone_lines(&region)))
        })?;
        self.save_with_dialog(FileDialog::save("Save the sheet for your 101 call", "PDF document", &["pdf"]), &pdf)
    }

    /// Asks where to save, then writes the chronology of the chosen entries. Null if cancelled.
    pub fn chronology_save(&self, ids: Vec<i64>, made_by: String, format: ChronologyFormat) -> Result<Option<String>, UserError> {
        let pack = self.packs.active();
        let agency = pack.as_ref().map(|p| p.name());
        let moment = {
            let mut last = self.last_chronology.lock().unwrap_or_else(|p| p.into_inner());
            let moment = ChronologyMoment::for_export(last.as_ref(), &ids, &made_by, unix_now());
            *last = Some(moment.clone());
            moment
        };
        let bytes = self.with_db(|db| {
            let (entries, children) = (db.log_entries_chosen(&ids)?, db.children()?);
            Ok(match format {
                ChronologyFormat::PlainText => chronology::plain_text(&entries, &children, &made_by, moment.made_at, agency).0.into_bytes(),
                ChronologyFormat::Pdf => chronology::pdf(&entries, &children, &made_by, moment.made_at, agency),
            })
        })?;
        let dialog = match format {
            ChronologyFormat::PlainText => FileDialog::save("Save the chronology as text", "Plain text", &["txt"]),
            ChronologyFormat::Pdf => FileDialog::save("Save the chronology as a PDF", "PDF document", &["pdf"]),
        };
        self.save_with_dialog(dialog, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};

    #[test]
    fn an_agency_can_ask_for_the_writers_name() {
        let blank = LogEntryInput { writer: "  ".into(), ..Default::default() };
        let err = require_writer(&blank, Some(("Brightwater Fostering", true))).unwrap_err();
        assert!(err.message.contains("Brightwater Fostering asks for it on every entry"));
        assert!(require_writer(&blank, Some(("Brightwater Fostering", false))).is_ok());
        assert!(require_writer(&blank, None).is_ok());
        let named = LogEntryInput { writer: "Sam".into(), ..Default::default() };
        assert!(require_writer(&named, Some(("Brightwater Fostering", true))).is_ok());
    }

    #[test]
    fn no_dialog_opens_without_the_image_confirmation_and_files_are_capped() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let e = app.log_add(LogEntryInput { happened_at: "2026-11-20T19:40".into(), facts: "Asked for photos".into(), ..Default::default() }).unwrap();
        assert_eq!(app.log_attach(e.id, false).unwrap_err().code, ErrorCode::InvalidInput);
        assert_eq!(host.dialogs_opened(), 0);

        let big = host.dir().join("big.png");
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(MAX_ATTACHMENT + 1, 0);
        std::fs::write(&big, &bytes).unwrap();
        host.answer_next_dialog(Some(big));
        assert!(app.log_attach(e.id, true).unwrap_err().message.contains("larger than 20 MB"));

        let png = host.dir().join("chat.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        host.answer_next_dialog(Some(png));
        assert_eq!(app.log_attach(e.id, true).unwrap().unwrap().attachments.len(), 1);
        host.answer_next_dialog(None);
        assert_eq!(app.log_attach(e.id, true).unwrap(), None, "cancelled");
    }

    #[test]
    fn the_police_reference_goes_on_every_chosen_entry_or_none() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let add = |facts: &str| app.log_add(LogEntryInput { happened_at: "2026-11-20T19:40".into(), facts: facts.into(), ..Default::default() }).unwrap().id;
        let (a, b) = (add("one"), add("two"));
        let record = |ids: Vec<i64>, reference: &str| app.call_record(ids, reference.into(), String::new(), "101".into(), "Sam".into());
        assert!(record(vec![a], " ").is_err(), "a reference or an officer is needed");
        assert!(record(vec![a, 12_345], "CAD 1234").is_err());
        assert!(app.log_entry(a).unwrap().amendments.is_empty());
        record(vec![a, b], "CAD 1234").unwrap();
        assert!(app.log_entry(b).unwrap().amendments[0].text.contains("CAD 1234"));
    }

    #[test]
    fn a_chronology_saved_twice_keeps_its_moment_so_both_files_match() {
        let first = ChronologyMoment::for_export(None, &[3, 1], "Sam", 1_000_000);
        let again = ChronologyMoment::for_export(Some(&first), &[1, 3, 3], "Sam", 1_000_000 + 600);
        assert_eq!(again, first, "the same entries, a few minutes later");
        assert_ne!(ChronologyMoment::for_export(Some(&first), &[1, 3], "Alex", 1_000_600).made_at, first.made_at, "made by someone else");
        assert_ne!(ChronologyMoment::for_export(Some(&first), &[1], "Sam", 1_000_600).made_at, first.made_at, "other entries");
        assert_eq!(ChronologyMoment::for_export(Some(&first), &[1, 3], "Sam", 1_000_000 + 1800).made_at, 1_001_800, "a new one after half an hour");
    }

    #[test]
    fn the_chronology_is_saved_as_text_or_pdf() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let id = app.log_add(LogEntryInput { happened_at: "2026-11-20T19:40".into(), facts: "Asked for photos".into(), ..Default::default() }).unwrap().id;
        let out = host.dir().join("out.txt");
        host.answer_next_dialog(Some(out.clone()));
        assert_eq!(app.chronology_save(vec![id], "Sam".into(), ChronologyFormat::PlainText).unwrap().as_deref(), Some("out.txt"));
        assert!(std::fs::read_to_string(&out).unwrap().contains("Asked for photos"));
        let pdf = host.dir().join("out.pdf");
        host.answer_next_dialog(Some(pdf.clone()));
        app.chronology_save(vec![id], "Sam".into(), ChronologyFormat::Pdf).unwrap();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    }
}
