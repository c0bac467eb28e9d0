//! Thin commands for the App guides and each child's checklists.

use harbour_core::error::{ErrorCode, UserError};
use harbour_core::guides::{self, Guide};
use harbour_core::vault::checklists::{CheckState, Checklist};
use tauri::State;

use crate::vault_commands::{vault, VaultCell};

pub fn all() -> Result<&'static [Guide], UserError> {
    guides::builtin().map_err(|_| UserError::new(ErrorCode::BrokenContent, "Harbour's app guides could not be read. Please reinstall Harbour."))
}

pub fn guide(id: &str) -> Result<&'static Guide, UserError> {
    all()?.iter().find(|g| g.id == id).ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "That guide is not in Harbour."))
}

/// Every guide; they are content, so they need no unlocking.
#[tauri::command(async)]
pub fn guides_list() -> Result<&'static [Guide], UserError> {
    all()
}

#[tauri::command(async)]
pub fn checklists(cell: State<'_, VaultCell>, child_id: i64, today: String) -> Result<Vec<Checklist>, UserError> {
    Ok(vault(&cell).db()?.checklists(child_id, all()?, &today)?)
}

#[tauri::command(async)]
pub fn check_set(
    cell: State<'_, VaultCell>,
    child_id: i64,
    guide_id: String,
    setting_id: String,
    state: Option<CheckState>,
    today: String,
) -> Result<Checklist, UserError> {
    Ok(vault(&cell).db()?.set_check(child_id, guide(&guide_id)?, &setting_id, state, &today)?)
}

#[tauri::command(async)]
pub fn checklist_recheck(cell: State<'_, VaultCell>, child_id: i64, guide_id: String, months: Option<u32>, today: String) -> Result<Checklist, UserError> {
    Ok(vault(&cell).db()?.recheck(child_id, guide(&guide_id)?, months, &today)?)
}
