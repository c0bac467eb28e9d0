//! Tauri commands: parse, call harbour-core, map errors to UserError. Thin on purpose.

use harbour_core::error::{ErrorCode, UserError};
use harbour_core::prefs::Preferences;
use harbour_core::region::{self, Region, RegionSummary};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::{prefs_store, window, Shell};

#[tauri::command]
pub fn region_list() -> Vec<RegionSummary> {
    region::list()
}

#[tauri::command]
pub fn region_get(id: String) -> Result<Region, UserError> {
    Ok(region::load(&id)?.clone())
}

#[tauri::command]
pub fn prefs_get<R: Runtime>(app: AppHandle<R>) -> Preferences {
    prefs_store::load(&app)
}

#[tauri::command]
pub fn prefs_set<R: Runtime>(app: AppHandle<R>, idle: State<'_, crate::idle::Idle>, prefs: Preferences) -> Result<Preferences, UserError> {
    prefs_store::save(&app, &prefs)?;
    idle.set_minutes(prefs.auto_lock_minutes);
    Ok(prefs)
}

/// Opens an allow-listed help site in the system browser, never in Harbour's webview.
#[tauri::command]
pub fn open_help_link<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    agency: State<'_, crate::pack_commands::AgencyCell>,
    url: String,
) -> Result<(), UserError> {
    // The help packs' and guides' sites, or those the agency pack in use names.
    let url = shell.allow.check(&url).or_else(|e| agency.active().and_then(|a| a.allow.check(&url).ok()).ok_or(e))?;
    app.opener().open_url(url.as_str(), None::<&str>).map_err(|_| {
        UserError::new(ErrorCode::OpenFailed, format!("Harbour could not open your web browser. The address is {url}"))
    })
}

/// The UI has already blanked itself; lock the vault and hide the window.
#[tauri::command]
pub fn quick_exit<R: Runtime>(app: AppHandle<R>, vault: State<'_, crate::vault_commands::VaultCell>) -> Result<(), UserError> {
    crate::vault_commands::lock(&vault);
    let win = window::main_window(&app).ok_or_else(|| UserError::new(ErrorCode::WindowFailed, "The Harbour window was not found."))?;
    win.minimize().map_err(|_| UserError::new(ErrorCode::WindowFailed, "Harbour could not minimise its window."))
}

/// Called once the first screen is drawn. The benchmark script sets
/// HARBOUR_REPORT_READY to time start-up; otherwise this does nothing.
#[tauri::command]
pub fn ui_ready() {
    if std::env::var_os("HARBOUR_REPORT_READY").is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "harbour-ready");
        let _ = out.flush();
    }
}
