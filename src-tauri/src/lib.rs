//! The desktop shell: the window, its plugins and security settings, and one
//! command that hands every call from the page to harbour-core's application
//! service. No rule of Harbour lives here.

mod desktop;
mod window;

use std::path::PathBuf;
use std::sync::Arc;

use harbour_core::app::{self, App, AppConfig};
use harbour_core::error::UserError;
use harbour_core::vault::keyfile::KdfParams;
use tauri::{Manager, State};

/// Every command from the page, by name; the list lives in harbour_core::app::commands.
/// Async, so unlocking (about half a second by design) and file dialogs run off the main thread.
#[tauri::command(async)]
fn call(app: State<'_, Arc<App>>, command: String, args: serde_json::Value) -> Result<serde_json::Value, UserError> {
    app::dispatch(&app, &command, args)
}

/// The folders an administrator can put an agency pack in. A test build
/// (feature `test-pack-dir`) also reads one from `HARBOUR_PACK_DIR`; a shipped
/// build reads only the system's folders, which only an administrator can write.
fn managed_pack_dirs() -> Vec<PathBuf> {
    #[allow(unused_mut)]
    let mut dirs = harbour_pack::managed_dirs();
    #[cfg(feature = "test-pack-dir")]
    if let Some(extra) = std::env::var_os("HARBOUR_PACK_DIR").filter(|v| !v.is_empty()) {
        dirs.insert(0, PathBuf::from(extra));
    }
    dirs
}

pub fn run() {
    #[cfg(target_os = "linux")]
    harbour_core::painting::choose();
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_opener::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![call])
        .setup(|tauri_app| {
            desktop::forget_recent_files();
            let config = AppConfig { data_dir: tauri_app.path().app_data_dir()?, kdf: KdfParams::DEFAULT, managed_pack_dirs: managed_pack_dirs() };
            let app = Arc::new(App::new(config, Arc::new(desktop::Desktop::new(tauri_app.handle().clone()))));
            desktop::start_auto_lock(app.clone());
            desktop::lock_on_sleep_and_screen_lock(app.clone());
            // Get help's answer, put in the page before its scripts run; without it the page asks.
            let first_screen = app.first_screen().ok().and_then(|f| serde_json::to_string(&f).ok());
            tauri_app.manage(app);
            window::create_main(tauri_app.handle(), first_screen.as_deref())?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Harbour could not start: {e}");
            std::process::exit(1);
        });
}
