//! Auto-lock: Rust, not the webview, decides when Harbour has been idle for
//! too long, so a stalled or closed-off UI cannot keep the vault open.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::vault_commands::{self, VaultCell};

/// How often the idle check runs. Locking can be this much later than the
/// chosen time, never earlier.
const TICK: Duration = Duration::from_secs(5);

pub struct Idle {
    last_activity: Mutex<Instant>,
    minutes: AtomicU32,
}

impl Idle {
    pub fn new(minutes: u32) -> Idle {
        Idle { last_activity: Mutex::new(Instant::now()), minutes: AtomicU32::new(minutes) }
    }

    pub fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    pub fn set_minutes(&self, minutes: u32) {
        self.minutes.store(minutes, Ordering::Relaxed);
    }

    fn expired(&self) -> bool {
        let limit = Duration::from_secs(u64::from(self.minutes.load(Ordering::Relaxed)) * 60);
        self.last_activity.lock().unwrap_or_else(|p| p.into_inner()).elapsed() >= limit
    }
}

/// Starts the idle check. On expiry it locks the vault and tells the UI,
/// which drops every decrypted thing it shows.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    std::thread::Builder::new()
        .name("auto-lock".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            let idle = app.state::<Idle>();
            if idle.expired() && vault_commands::lock_if_unlocked(&app.state::<VaultCell>()) {
                let _ = app.emit("vault-locked", "idle");
            }
        })
        .expect("can start the auto-lock thread");
}
