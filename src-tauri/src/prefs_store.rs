//! Preferences in tauri-plugin-store. Its save is a plain overwrite and it
//! forgets a damaged file, which is acceptable only because nothing here is
//! personal: theme, text size, region and the auto-lock time.

use harbour_core::error::{ErrorCode, UserError};
use harbour_core::prefs::{Preferences, AUTO_LOCK_CHOICES, KEYS};
use harbour_core::region;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

const FILE: &str = "preferences.json";

fn not_saved(e: impl std::fmt::Display) -> UserError {
    UserError::new(ErrorCode::PreferencesNotSaved, format!("Your settings could not be saved, so they will reset when Harbour closes. ({e})"))
}

pub fn load<R: Runtime>(app: &AppHandle<R>) -> Preferences {
    match app.store(FILE) {
        Ok(store) => Preferences::from_stored(|k| store.get(k), |r| region::load(r).is_ok()),
        Err(_) => Preferences::default(),
    }
}

pub fn save<R: Runtime>(app: &AppHandle<R>, prefs: &Preferences) -> Result<(), UserError> {
    region::load(&prefs.region)?;
    if !AUTO_LOCK_CHOICES.contains(&prefs.auto_lock_minutes) {
        return Err(UserError::new(ErrorCode::InvalidInput, "Please choose one of the auto-lock times in the list."));
    }
    let store = app.store(FILE).map_err(not_saved)?;
    for (key, value) in prefs.to_stored() {
        store.set(key, value);
    }
    // Anything else in the file is not ours: drop it rather than keep it.
    for key in store.keys() {
        if !KEYS.contains(&key.as_str()) {
            store.delete(key);
        }
    }
    store.save().map_err(not_saved)
}
