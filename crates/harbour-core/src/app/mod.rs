//! The application service: everything the desktop commands do, in one place
//! with no Tauri or GTK. It owns the vault and its idle clock, the agency pack
//! in use and anything waiting for the person to confirm, and the help-link
//! allow-list. Each command is one method returning `Result<_, UserError>`,
//! listed once in `commands.rs`; what only the desktop can do comes in
//! through [`Host`].

pub mod agreements;
pub mod commands;
mod content;
mod family;
mod files;
pub mod guides;
mod handover;
pub mod host;
pub mod idle;
pub mod locking;
mod log;
mod packs;
mod placement;
mod recovery;
#[cfg(any(test, feature = "scripted-host"))]
pub mod scripted;
mod settings;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

pub use commands::dispatch;
pub use handover::HandoverTo;
pub use log::ChronologyFormat;
pub use placement::PlacementEndPlan;
pub use settings::FirstScreen;
pub use host::{FileDialog, Host};

use crate::links::AllowList;
use crate::prefs::Preferences;
use crate::vault::keyfile::KdfParams;
use crate::vault::service::Vault;
use crate::vault::VaultError;
use idle::IdleClock;
use packs::PackState;

/// Where Harbour keeps its files and how hard it makes new keys.
pub struct AppConfig {
    /// The app's data folder: the vault and the accepted agency pack live below it.
    pub data_dir: PathBuf,
    /// Key-derivation settings for new key files and backups.
    pub kdf: KdfParams,
    /// Folders an administrator may put an agency pack in.
    pub managed_pack_dirs: Vec<PathBuf>,
}

pub struct App {
    host: Arc<dyn Host>,
    vault: Mutex<Vault>,
    idle: IdleClock,
    packs: PackState,
    /// The backup file chosen with backup_choose, waiting for its passphrase.
    chosen_backup: Mutex<Option<PathBuf>>,
    /// A recovery code on screen, waiting to be typed back.
    shown_code: Mutex<Option<recovery::ShownCode>>,
    /// The last chronology made, so its PDF and text can match.
    last_chronology: Mutex<Option<log::ChronologyMoment>>,
    /// Built on first use: start-up does not parse every guide for it.
    help_sites: OnceLock<AllowList>,
    /// Why Harbour last locked, until it is unlocked again.
    last_lock: Mutex<Option<locking::LockReason>>,
}

impl App {
    /// Cheap on purpose: nothing is parsed or verified until a screen asks.
    pub fn new(config: AppConfig, host: Arc<dyn Host>) -> App {
        let minutes = settings::load_preferences(host.as_ref()).auto_lock_minutes;
        App {
            idle: IdleClock::new(host.now(), minutes),
            vault: Mutex::new(Vault::new(config.data_dir.join("vault"), config.kdf)),
            packs: PackState::new(config.data_dir.join("agency"), config.managed_pack_dirs),
            chosen_backup: Mutex::new(None),
            last_chronology: Mutex::new(None),
            shown_code: Mutex::new(None),
            help_sites: OnceLock::new(),
            last_lock: Mutex::new(None),
            host,
        }
    }

    /// The vault, held for one command. A panic while it was held cannot have
    /// left it half-changed (every change is one SQLite transaction).
    fn held_vault(&self) -> MutexGuard<'_, Vault> {
        self.vault.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the open database, or says Harbour is locked.
    fn with_db<T>(&self, f: impl FnOnce(&crate::vault::db::Db) -> Result<T, crate::error::UserError>) -> Result<T, crate::error::UserError> {
        let v = self.held_vault();
        f(v.db()?)
    }

    fn touch(&self) {
        self.idle.touch(self.host.now());
    }

    fn preferences(&self) -> Preferences {
        settings::load_preferences(self.host.as_ref())
    }

    /// Asks where to save, then writes `bytes` crash-safely. The bytes are
    /// made first, so the vault is not held while the dialog is open.
    fn save_with_dialog(&self, dialog: FileDialog, bytes: &[u8]) -> Result<Option<String>, crate::error::UserError> {
        let Some(path) = self.host.save_file(&dialog) else { return Ok(None) };
        crate::vault::atomic::write_atomic(&path, bytes).map_err(VaultError::from)?;
        Ok(Some(file_name(&path)))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
