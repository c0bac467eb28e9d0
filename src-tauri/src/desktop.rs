//! What only the desktop can do, for harbour-core's application service:
//! GTK file dialogs, the system browser, the window, the preferences file
//! (tauri-plugin-store) and the auto-lock timer.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use harbour_core::app::host::{FileDialog, Host};
use harbour_core::app::idle::TICK;
use harbour_core::app::locking::LockReason;
use harbour_lock_signals::Signal;
use harbour_core::app::App;
use serde_json::Value;
use tauri::{AppHandle, Emitter, Wry};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use tauri_plugin_store::StoreExt;

/// Preferences only: tauri-plugin-store's save is a plain overwrite and it
/// forgets a damaged file, which is acceptable because nothing in it is personal.
const PREFERENCES_FILE: &str = "preferences.json";

pub struct Desktop {
    app: AppHandle<Wry>,
}

impl Desktop {
    pub fn new(app: AppHandle<Wry>) -> Desktop {
        Desktop { app }
    }

    fn dialog(&self, d: &FileDialog) -> tauri_plugin_dialog::FileDialogBuilder<Wry> {
        let b = self.app.dialog().file().set_title(d.title).add_filter(d.kind, d.extensions);
        match &d.suggested_name {
            Some(name) => b.set_file_name(name),
            None => b,
        }
    }
}

impl Host for Desktop {
    fn pick_file(&self, d: &FileDialog) -> Option<PathBuf> {
        self.dialog(d).blocking_pick_file().and_then(|p| p.into_path().ok())
    }

    fn save_file(&self, d: &FileDialog) -> Option<PathBuf> {
        self.dialog(d).blocking_save_file().and_then(|p| p.into_path().ok())
    }

    fn open_in_browser(&self, url: &url::Url) -> Result<(), String> {
        self.app.opener().open_url(url.as_str(), None::<&str>).map_err(|e| e.to_string())
    }

    fn hide_window(&self) -> Result<(), String> {
        let win = crate::window::main_window(&self.app).ok_or("no window")?;
        win.minimize().map_err(|e| e.to_string())
    }

    fn stored_preferences(&self) -> BTreeMap<String, Value> {
        self.app.store(PREFERENCES_FILE).map(|s| s.entries().into_iter().collect()).unwrap_or_default()
    }

    fn store_preferences(&self, values: &BTreeMap<String, Value>) -> Result<(), String> {
        let store = self.app.store(PREFERENCES_FILE).map_err(|e| e.to_string())?;
        store.clear();
        for (k, v) in values {
            store.set(k.clone(), v.clone());
        }
        store.save().map_err(|e| e.to_string())
    }

    fn vault_locked_by_itself(&self) {
        let _ = self.app.emit("vault-locked", ());
    }

    /// The benchmark script sets HARBOUR_REPORT_READY to time start-up.
    fn ui_ready(&self) {
        if std::env::var_os("HARBOUR_REPORT_READY").is_some() {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "harbour-ready");
            let _ = out.flush();
        }
    }
}

/// Files saved through Harbour's dialogs must not appear in the desktop's
/// "recent files" list (on Linux, GTK's recently-used.xbel), where anyone at
/// the computer would see what was saved and where.
pub fn forget_recent_files() {
    #[cfg(target_os = "linux")]
    {
        use gtk::prelude::ObjectExt;
        if let Some(settings) = gtk::Settings::default() {
            settings.set_property("gtk-recent-files-enabled", false);
            settings.set_property("gtk-recent-files-max-age", 0i32);
        }
    }
}

/// Locks Harbour when the computer is about to sleep or the desktop session
/// or its screen locks, as a person would expect (harbour-lock-signals says how
/// each system tells it).
pub fn lock_on_sleep_and_screen_lock(app: Arc<App>) {
    harbour_lock_signals::watch(move |signal| {
        app.lock_by_itself(match signal {
            Signal::Sleep => LockReason::Sleep,
            Signal::ScreenLocked => LockReason::ScreenLocked,
        });
    });
}

/// Asks the service every few seconds whether the idle time has run out.
pub fn start_auto_lock(app: Arc<App>) {
    std::thread::Builder::new()
        .name("auto-lock".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            app.lock_if_idle();
        })
        .expect("can start the auto-lock thread");
}
