//! Commands that read or write a file the person chooses in a system dialog:
//! the recovery sheet and backups. The dialog runs here, in Rust, so the
//! webview never names a path and cannot write anywhere by itself.

use std::path::PathBuf;
use std::sync::Mutex;

use harbour_core::error::{ErrorCode, UserError};
use harbour_core::agreement::printing;
use harbour_core::print::guide_pdf;
use harbour_core::vault::atomic::write_atomic;
use harbour_core::vault::children::AgeBand;
use harbour_core::vault::backup::{self, BackupInfo, RestoreResult};
use harbour_core::vault::recovery::RecoveryCode;
use harbour_core::vault::recovery_sheet;
use harbour_core::vault::{unix_now, VaultError};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::idle::Idle;
use crate::vault_commands::{vault, VaultCell};

pub const BACKUP_EXTENSION: &str = "harbour-backup";

/// The backup file chosen with backup_choose, waiting for its passphrase.
#[derive(Default)]
pub struct ChosenBackup(Mutex<Option<PathBuf>>);

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn save_dialog<R: Runtime>(app: &AppHandle<R>, title: &str, name: &str, filter: (&str, &str)) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks where to save, then writes the printable recovery sheet. The code
/// comes from the UI, which is showing it; it is checked, never kept.
#[tauri::command(async)]
pub fn recovery_sheet_save<R: Runtime>(app: AppHandle<R>, code: String) -> Result<Option<String>, UserError> {
    let code = RecoveryCode::parse(&code)?;
    let Some(path) = save_dialog(&app, "Save your recovery sheet", "Harbour recovery sheet.pdf", ("PDF document", "pdf")) else {
        return Ok(None);
    };
    let pdf = recovery_sheet::render(&code, &recovery_sheet::date_in_words(unix_now()));
    write_atomic(&path, &pdf).map_err(VaultError::from)?;
    Ok(Some(file_name(&path)))
}

/// Asks where to save, then writes `bytes` made beforehand, so the vault is
/// not held while the dialog is open. Resolves to the file's name, or None if cancelled.
pub fn save_file<R: Runtime>(app: &AppHandle<R>, title: &str, name: &str, filter: (&str, &str), bytes: &[u8]) -> Result<Option<String>, UserError> {
    let Some(path) = save_dialog(app, title, name, filter) else {
        return Ok(None);
    };
    write_atomic(&path, bytes).map_err(VaultError::from)?;
    Ok(Some(file_name(&path)))
}

fn save_pdf<R: Runtime>(app: &AppHandle<R>, title: &str, name: &str, pdf: Vec<u8>) -> Result<Option<String>, UserError> {
    save_file(app, title, name, ("PDF document", "pdf"), &pdf)
}

/// The agreement as a PDF: a signed version, or as it reads now.
#[tauri::command(async)]
pub fn agreement_pdf_save<R: Runtime>(
    app: AppHandle<R>,
    cell: State<'_, VaultCell>,
    agency: State<'_, crate::pack_commands::AgencyCell>,
    id: i64,
    version_id: Option<i64>,
    today: String,
) -> Result<Option<String>, UserError> {
    let lib = crate::agreement_commands::library(&agency)?;
    let pack = agency.active();
    let (pdf, child) = {
        let v = vault(&cell);
        let db = v.db()?;
        let a = db.agreement(id)?;
        let child = db.child(a.child_id)?.input.name;
        (printing::agreement_pdf(&a, &child, &lib, version_id, &today, pack.as_ref().map(|p| p.name()))?, child)
    };
    save_pdf(&app, "Save the agreement as a PDF", &format!("{child}'s family agreement.pdf"), pdf)
}

/// A one-page prompt card for a talk, with the carer's saved notes.
#[tauri::command(async)]
pub fn prompt_card_save<R: Runtime>(
    app: AppHandle<R>,
    cell: State<'_, VaultCell>,
    topic: String,
    child_id: Option<i64>,
    band: AgeBand,
) -> Result<Option<String>, UserError> {
    let planner = crate::agreement_commands::planner()?;
    let region = harbour_core::region::load(&crate::prefs_store::load(&app).region)?;
    let pdf = {
        let v = vault(&cell);
        let db = v.db()?;
        let child = child_id.map(|id| db.child(id)).transpose()?.map(|c| c.input.name);
        let notes = db.conversation_notes(&topic, child_id)?;
        printing::prompt_card_pdf(planner, &topic, band, child.as_deref(), &notes, region)?
    };
    let title = planner.topics.iter().find(|t| t.id == topic).map_or("Conversation", |t| t.title.as_str());
    save_pdf(&app, "Save a prompt card", &format!("{title} prompt card.pdf"), pdf)
}

/// One App guide as a PDF; guides are content, so no unlocking is needed.
#[tauri::command(async)]
pub fn guide_pdf_save<R: Runtime>(app: AppHandle<R>, guide_id: String) -> Result<Option<String>, UserError> {
    let g = crate::guide_commands::guide(&guide_id)?;
    save_pdf(&app, "Save the guide as a PDF", &format!("{} safety settings.pdf", g.name), guide_pdf::render_guide(g))
}

/// A child's checklist across the apps they use and the guides they have started.
#[tauri::command(async)]
pub fn checklist_pdf_save<R: Runtime>(app: AppHandle<R>, cell: State<'_, VaultCell>, child_id: i64, today: String) -> Result<Option<String>, UserError> {
    let guides = crate::guide_commands::all()?;
    let made_on = printing::date_words(&today).ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Today's date could not be read."))?;
    let (pdf, name) = {
        let v = vault(&cell);
        let db = v.db()?;
        let child = db.child(child_id)?;
        let apps = db.child_apps(child_id)?;
        let lists = db.checklists(child_id, guides, &today)?;
        let chosen: Vec<_> = guides.iter().zip(&lists).filter(|(g, c)| apps.contains(&g.id) || c.checked_on.is_some()).collect();
        (guide_pdf::render_checklist(&child.input.name, &made_on, &chosen), child.input.name)
    };
    save_pdf(&app, "Save the checklist as a PDF", &format!("{name}'s app checklist.pdf"), pdf)
}

/// Asks where to save, then writes the whole vault, sealed under `passphrase`.
#[tauri::command(async)]
pub fn backup_export<R: Runtime>(app: AppHandle<R>, cell: State<'_, VaultCell>, passphrase: String) -> Result<Option<String>, UserError> {
    // Refuse before the dialog if it cannot work, so no one picks a place for nothing.
    vault(&cell).db()?;
    harbour_core::vault::strength::require_acceptable(&passphrase)?;
    let day = recovery_sheet::date_in_words(unix_now());
    let name = format!("Harbour backup {day}.{BACKUP_EXTENSION}");
    let Some(path) = save_dialog(&app, "Save a backup", &name, ("Harbour backup", BACKUP_EXTENSION)) else {
        return Ok(None);
    };
    let bytes = vault(&cell).backup(&passphrase)?;
    write_atomic(&path, &bytes).map_err(VaultError::from)?;
    Ok(Some(file_name(&path)))
}

/// Asks which backup to restore and reads its outer label.
#[tauri::command(async)]
pub fn backup_choose<R: Runtime>(app: AppHandle<R>, chosen: State<'_, ChosenBackup>) -> Result<Option<BackupInfo>, UserError> {
    let picked = app
        .dialog()
        .file()
        .set_title("Choose a Harbour backup")
        .add_filter("Harbour backup", &[BACKUP_EXTENSION])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    let info = backup::info(&read_backup(&path)?, &file_name(&path))?;
    *chosen.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(info))
}

fn read_backup(path: &std::path::Path) -> Result<Vec<u8>, VaultError> {
    let len = std::fs::metadata(path)?.len();
    if len > backup::MAX_FILE_LEN {
        return Err(VaultError::BackupDamaged("it is far too large to be a Harbour backup".into()));
    }
    Ok(std::fs::read(path)?)
}

/// Opens and checks the chosen backup in full, then restores it. See
/// Vault::restore for what happens to the current data.
#[tauri::command(async)]
pub fn backup_restore(
    cell: State<'_, VaultCell>,
    idle: State<'_, Idle>,
    chosen: State<'_, ChosenBackup>,
    passphrase: String,
    new_passphrase: Option<String>,
) -> Result<RestoreResult, UserError> {
    let path = chosen
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Please choose the backup file first."))?;
    let verified = backup::open(&read_backup(&path)?, &passphrase)?;
    let code = vault(&cell).restore(&verified, new_passphrase.as_deref())?;
    idle.touch();
    *chosen.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    Ok(RestoreResult { recovery_code: code.map(|c| c.display().to_string()) })
}
