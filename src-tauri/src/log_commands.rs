//! Thin commands for the concern log. Files come in and go out only through
//! system dialogs run here, so the webview never names a path.

use harbour_core::error::{ErrorCode, UserError};
use harbour_core::log_guidance::{self, LogGuidance};
use harbour_core::print::{call_sheet, chronology};
use harbour_core::vault::log::{Deletion, LogEntry, LogEntryInput, LogFilter, Timeline, MAX_ATTACHMENT};
use harbour_core::vault::{unix_now, VaultError};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::file_commands::save_file as save;
use crate::vault_commands::{vault, VaultCell};

/// What to do next for each kind of worry; content, so no unlocking is needed.
#[tauri::command(async)]
pub fn log_guidance() -> Result<&'static LogGuidance, UserError> {
    log_guidance::builtin().map_err(|_| UserError::new(ErrorCode::BrokenContent, "Harbour's advice for the concern log could not be read. Please reinstall Harbour."))
}

#[tauri::command(async)]
pub fn log_add(cell: State<'_, VaultCell>, agency: State<'_, crate::pack_commands::AgencyCell>, input: LogEntryInput) -> Result<LogEntry, UserError> {
    if let Some(pack) = agency.active() {
        if pack.content().records.writer_name_required && input.writer.trim().is_empty() {
            return Err(UserError::new(
                ErrorCode::InvalidInput,
                format!("Please write your name in \"Who is writing this\". {} asks for it on every entry.", pack.name()),
            ));
        }
    }
    Ok(vault(&cell).db()?.add_log_entry(&input)?)
}

#[tauri::command(async)]
pub fn log_entry(cell: State<'_, VaultCell>, id: i64) -> Result<LogEntry, UserError> {
    Ok(vault(&cell).db()?.log_entry(id)?)
}

#[tauri::command(async)]
pub fn log_timeline(cell: State<'_, VaultCell>, filter: LogFilter, limit: u32) -> Result<Timeline, UserError> {
    Ok(vault(&cell).db()?.log_timeline_page(&filter, limit)?)
}

#[tauri::command(async)]
pub fn log_amend(cell: State<'_, VaultCell>, id: i64, text: String, writer: String) -> Result<LogEntry, UserError> {
    Ok(vault(&cell).db()?.amend_log_entry(id, &text, &writer)?)
}

/// Asks which file to keep, then stores it with the entry. `no_child_image`
/// is the person's confirmation; without it no dialog opens and nothing is kept.
#[tauri::command(async)]
pub fn log_attach<R: Runtime>(app: AppHandle<R>, cell: State<'_, VaultCell>, id: i64, no_child_image: bool) -> Result<Option<LogEntry>, UserError> {
    if !no_child_image {
        return Err(UserError::new(ErrorCode::InvalidInput, "Please confirm the file shows no nude or sexual image of anyone under 18."));
    }
    vault(&cell).db()?.log_entry(id)?;
    let picked = app
        .dialog()
        .file()
        .set_title("Choose a screenshot or document to keep")
        .add_filter("Pictures, PDFs and text", &["png", "jpg", "jpeg", "gif", "webp", "pdf", "txt"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    if std::fs::metadata(&path).map_err(VaultError::from)?.len() > MAX_ATTACHMENT as u64 {
        return Err(UserError::new(ErrorCode::InvalidInput, "That file is larger than 20 MB. A screenshot is usually much smaller."));
    }
    let bytes = std::fs::read(&path).map_err(VaultError::from)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(vault(&cell).db()?.attach(id, &name, &bytes, no_child_image)?))
}

#[tauri::command(async)]
pub fn log_delete(cell: State<'_, VaultCell>, id: i64, reason: String) -> Result<Deletion, UserError> {
    Ok(vault(&cell).db()?.delete_log_entry(id, &reason)?)
}

#[tauri::command(async)]
pub fn log_deletions(cell: State<'_, VaultCell>) -> Result<Vec<Deletion>, UserError> {
    Ok(vault(&cell).db()?.log_deletions()?)
}

/// The facts police ask for, from the chosen entries.
#[tauri::command(async)]
pub fn call_summary(cell: State<'_, VaultCell>, ids: Vec<i64>, today: String) -> Result<call_sheet::CallSummary, UserError> {
    let v = vault(&cell);
    let db = v.db()?;
    Ok(call_sheet::summary(&db.log_entries_chosen(&ids)?, &db.children()?, &today))
}

/// After the call: the reference number and officer's name, added to each
/// chosen entry as an amendment.
#[tauri::command(async)]
pub fn call_record(cell: State<'_, VaultCell>, ids: Vec<i64>, reference: String, officer: String, called: String, writer: String) -> Result<(), UserError> {
    if reference.trim().is_empty() && officer.trim().is_empty() {
        return Err(UserError::new(ErrorCode::InvalidInput, "Please write the reference number or the officer's name."));
    }
    let words = call_sheet::after_call_words(&reference, &officer, &called);
    let v = vault(&cell);
    let db = v.db()?;
    for e in db.log_entries_chosen(&ids)? {
        db.amend_log_entry(e.id, &words, &writer)?;
    }
    Ok(())
}


#[tauri::command(async)]
pub fn call_sheet_save<R: Runtime>(app: AppHandle<R>, cell: State<'_, VaultCell>, ids: Vec<i64>, today: String) -> Result<Option<String>, UserError> {
    let region = harbour_core::region::load(&crate::prefs_store::load(&app).region)?;
    let pdf = {
        let v = vault(&cell);
        let db = v.db()?;
        let s = call_sheet::summary(&db.log_entries_chosen(&ids)?, &db.children()?, &today);
        call_sheet::render(&s, &call_sheet::phone_lines(region))
    };
    save(&app, "Save the sheet for your 101 call", "Getting ready to call 101.pdf", ("PDF document", "pdf"), &pdf)
}

/// The chronology of the chosen entries, as a PDF or (`text`) a plain-text file.
#[tauri::command(async)]
pub fn chronology_save<R: Runtime>(
    app: AppHandle<R>,
    cell: State<'_, VaultCell>,
    agency: State<'_, crate::pack_commands::AgencyCell>,
    ids: Vec<i64>,
    made_by: String,
    text: bool,
) -> Result<Option<String>, UserError> {
    let pack = agency.active();
    let name = pack.as_ref().map(|p| p.name());
    let bytes = {
        let v = vault(&cell);
        let db = v.db()?;
        let (entries, children) = (db.log_entries_chosen(&ids)?, db.children()?);
        if text {
            chronology::plain_text(&entries, &children, &made_by, unix_now(), name).0.into_bytes()
        } else {
            chronology::pdf(&entries, &children, &made_by, unix_now(), name)
        }
    };
    if text {
        save(&app, "Save the chronology as text", "Concern log chronology.txt", ("Plain text", "txt"), &bytes)
    } else {
        save(&app, "Save the chronology as a PDF", "Concern log chronology.pdf", ("PDF document", "pdf"), &bytes)
    }
}
