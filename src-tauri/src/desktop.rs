//! What only the desktop can do, for harbour-core's application service:
//! GTK file dialogs, the system browser, the window, the preferences file
//! (tauri-plugin-store) and the auto-lock timer.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use harbour_core::app::host::{FileDialog, Host};
use harbour_core::app::idle::TICK;
#[cfg(target_os = "linux")]
use harbour_core::app::locking::LockReason;
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
/// locks, as a person would expect: on Linux, logind's PrepareForSleep and
/// session Lock signals on the system bus, and the screen savers'
/// ActiveChanged signal on the session bus. Where a bus is missing (no logind,
/// no desktop), the idle clock's wall-clock check still locks after sleep.
pub fn lock_on_sleep_and_screen_lock(app: Arc<App>) {
    #[cfg(target_os = "linux")]
    {
        let system = [
            ("type='signal',interface='org.freedesktop.login1.Manager',member='PrepareForSleep'".to_string(), true, LockReason::Sleep),
            ("type='signal',interface='org.freedesktop.login1.Session',member='Lock'".to_string(), false, LockReason::ScreenLocked),
        ];
        let session = [
            "org.freedesktop.ScreenSaver",
            "org.gnome.ScreenSaver",
            "org.mate.ScreenSaver",
            "org.cinnamon.ScreenSaver",
        ]
        .map(|i| (format!("type='signal',interface='{i}',member='ActiveChanged'"), true, LockReason::ScreenLocked));
        watch(app.clone(), zbus::blocking::Connection::system, system.to_vec());
        watch(app, zbus::blocking::Connection::session, session.to_vec());
    }
}

/// One thread per bus: each rule's signal locks Harbour for its reason, when
/// its first argument is `true` if `needs_true`.
#[cfg(target_os = "linux")]
fn watch(app: Arc<App>, connect: fn() -> zbus::Result<zbus::blocking::Connection>, rules: Vec<(String, bool, LockReason)>) {
    let _ = std::thread::Builder::new().name("lock-signals".into()).spawn(move || {
        let Ok(conn) = connect() else { return };
        let (tx, rx) = std::sync::mpsc::channel::<LockReason>();
        for (rule, needs_true, reason) in rules {
            let (conn, tx) = (conn.clone(), tx.clone());
            let _ = std::thread::Builder::new().name("lock-signal".into()).spawn(move || {
                let Ok(messages) = zbus::blocking::MessageIterator::for_match_rule(rule.as_str(), &conn, None) else { return };
                for m in messages.flatten() {
                    if !needs_true || m.body().deserialize::<bool>().unwrap_or(false) {
                        let _ = tx.send(reason);
                    }
                }
            });
        }
        drop(tx);
        for reason in rx {
            app.lock_by_itself(reason);
        }
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
