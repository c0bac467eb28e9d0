//! Thin commands for the agreement builder, the conversation planner and the
//! apps each child uses. Every change returns the agreement as it now is, so
//! the UI never has to guess.

use harbour_core::agreement::conversations::{self, Planner};
use harbour_core::agreement::rules::{self, RuleLibrary, Voice};
use harbour_core::apps::{self, Catalogue, ChildApps};
use harbour_core::error::{ErrorCode, UserError};
use harbour_core::vault::agreements::{Agreement, HistoryEntry, SignerInput, Summary};
use harbour_core::vault::children::AgeBand;
use harbour_core::vault::db::Db;
use tauri::State;

use crate::pack_commands::AgencyCell;
use crate::vault_commands::{vault, VaultCell};

fn broken(what: &str) -> UserError {
    UserError::new(ErrorCode::BrokenContent, format!("Harbour's {what} could not be read. Please reinstall Harbour."))
}

/// Harbour's rules, with the agency's added when a pack is in use.
pub fn library(agency: &AgencyCell) -> Result<RuleLibrary, UserError> {
    match agency.active() {
        Some(a) => Ok(a.library.clone()),
        None => rules::builtin().cloned().map_err(|_| broken("list of rules")),
    }
}

pub fn planner() -> Result<&'static Planner, UserError> {
    conversations::builtin().map_err(|_| broken("conversation guides"))
}

pub fn catalogue() -> Result<&'static Catalogue, UserError> {
    apps::builtin().map_err(|_| broken("list of apps"))
}

/// Runs `f` on the open database, then returns the agreement as it now is.
fn change(cell: &State<'_, VaultCell>, id: i64, f: impl FnOnce(&Db) -> Result<(), harbour_core::vault::VaultError>) -> Result<Agreement, UserError> {
    let v = vault(cell);
    let db = v.db()?;
    f(db)?;
    Ok(db.agreement(id)?)
}

#[tauri::command(async)]
pub fn rule_library(agency: State<'_, AgencyCell>) -> Result<RuleLibrary, UserError> {
    library(&agency)
}

#[tauri::command(async)]
pub fn conversation_planner() -> Result<&'static Planner, UserError> {
    planner()
}

#[tauri::command(async)]
pub fn app_catalogue() -> Result<&'static Catalogue, UserError> {
    catalogue()
}

#[tauri::command(async)]
pub fn agreements_overview(cell: State<'_, VaultCell>, today: String) -> Result<Vec<Summary>, UserError> {
    Ok(vault(&cell).db()?.agreements_overview(&today)?)
}

#[tauri::command(async)]
pub fn agreement_for_child(cell: State<'_, VaultCell>, child_id: i64) -> Result<Option<Agreement>, UserError> {
    Ok(vault(&cell).db()?.agreement_for_child(child_id)?)
}

/// Starts with the short set of rules for the child's age today, and, for a
/// looked-after child, the rules their agency asks every agreement to hold.
#[tauri::command(async)]
pub fn agreement_start(cell: State<'_, VaultCell>, agency: State<'_, AgencyCell>, child_id: i64, today: String) -> Result<Agreement, UserError> {
    let lib = library(&agency)?;
    let v = vault(&cell);
    let db = v.db()?;
    let child = db.child(child_id)?;
    let band = child.input.age_on(&today).and_then(|a| a.band()).unwrap_or(AgeBand::From16To17);
    let band = if band == AgeBand::Under5 { AgeBand::From5To7 } else { band };
    let a = db.agreement_start(child_id, &lib, band)?;
    if let (true, Some(pack)) = (child.input.looked_after, agency.active()) {
        for rule in harbour_core::agency::required_rules(pack.content()) {
            db.agreement_add_rule(a.id, &lib, &rule)?;
        }
        return Ok(db.agreement(a.id)?);
    }
    Ok(a)
}

#[tauri::command(async)]
pub fn agreement_add_rule(cell: State<'_, VaultCell>, agency: State<'_, AgencyCell>, id: i64, rule_id: String) -> Result<Agreement, UserError> {
    let lib = library(&agency)?;
    change(&cell, id, |db| db.agreement_add_rule(id, &lib, &rule_id).map(drop))
}

#[tauri::command(async)]
pub fn agreement_add_own(cell: State<'_, VaultCell>, id: i64, section: String, voice: Voice, text: String) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_add_own(id, &section, voice, &text).map(drop))
}

#[tauri::command(async)]
pub fn agreement_reword(cell: State<'_, VaultCell>, id: i64, item_id: i64, text: String) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_reword(item_id, &text))
}

#[tauri::command(async)]
pub fn agreement_remove(cell: State<'_, VaultCell>, id: i64, item_id: i64) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_remove(item_id))
}

#[tauri::command(async)]
pub fn agreement_move(cell: State<'_, VaultCell>, id: i64, item_id: i64, to: usize) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_move(item_id, to))
}

#[tauri::command(async)]
pub fn agreement_set_signers(cell: State<'_, VaultCell>, id: i64, signers: Vec<SignerInput>) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_set_signers(id, &signers).map(drop))
}

#[tauri::command(async)]
pub fn agreement_set_review_months(cell: State<'_, VaultCell>, id: i64, months: u32) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_set_review_months(id, months))
}

#[tauri::command(async)]
pub fn agreement_sign(cell: State<'_, VaultCell>, id: i64, typed: Vec<(i64, String)>, today: String) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_sign(id, &typed, &today).map(drop))
}

#[tauri::command(async)]
pub fn agreement_signed_on_paper(cell: State<'_, VaultCell>, id: i64, today: String) -> Result<Agreement, UserError> {
    change(&cell, id, |db| db.agreement_signed_on_paper(id, &today).map(drop))
}

#[tauri::command(async)]
pub fn agreement_history(cell: State<'_, VaultCell>, id: i64) -> Result<Vec<HistoryEntry>, UserError> {
    Ok(vault(&cell).db()?.agreement(id)?.history())
}

fn child_apps_now(db: &Db, child_id: i64, today: &str) -> Result<ChildApps, UserError> {
    let apps = db.child_apps(child_id)?;
    let warnings = catalogue()?.age_warnings(&db.child(child_id)?, &apps, today);
    Ok(ChildApps { apps, warnings })
}

#[tauri::command(async)]
pub fn child_apps(cell: State<'_, VaultCell>, child_id: i64, today: String) -> Result<ChildApps, UserError> {
    child_apps_now(vault(&cell).db()?, child_id, &today)
}

#[tauri::command(async)]
pub fn child_apps_set(cell: State<'_, VaultCell>, child_id: i64, apps: Vec<String>, today: String) -> Result<ChildApps, UserError> {
    let cat = catalogue()?;
    if let Some(bad) = apps.iter().find(|id| cat.app(id).is_none()) {
        return Err(UserError::new(ErrorCode::InvalidInput, format!("\"{bad}\" is not in Harbour's list of apps.")));
    }
    let v = vault(&cell);
    let db = v.db()?;
    db.set_child_apps(child_id, &apps)?;
    child_apps_now(db, child_id, &today)
}

#[tauri::command(async)]
pub fn conversation_notes(cell: State<'_, VaultCell>, topic: String, child_id: Option<i64>) -> Result<String, UserError> {
    Ok(vault(&cell).db()?.conversation_notes(&topic, child_id)?)
}

#[tauri::command(async)]
pub fn conversation_notes_save(cell: State<'_, VaultCell>, topic: String, child_id: Option<i64>, notes: String) -> Result<(), UserError> {
    Ok(vault(&cell).db()?.save_conversation_notes(&topic, child_id, &notes)?)
}
