//! What only the desktop can do, handed to the application service. The Tauri
//! shell implements it with real dialogs, the system browser and
//! tauri-plugin-store; the test host scripts it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Instant, SystemTime};

use super::idle::Moment;

use serde_json::Value;
use url::Url;

/// A system file dialog: its title, the name it suggests (save only) and the
/// one kind of file it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDialog<'a> {
    pub title: &'a str,
    pub suggested_name: Option<String>,
    pub kind: &'a str,
    pub extensions: &'a [&'a str],
}

impl<'a> FileDialog<'a> {
    pub fn open(title: &'a str, kind: &'a str, extensions: &'a [&'a str]) -> FileDialog<'a> {
        FileDialog { title, suggested_name: None, kind, extensions }
    }

    /// A save dialog. The name it suggests says nothing about a child or what
    /// the file holds ("Harbour 2026-12-02.pdf"): a file name is seen by anyone
    /// who looks in the folder.
    pub fn save(title: &'a str, kind: &'a str, extension: &'a [&'a str; 1]) -> FileDialog<'a> {
        let today = crate::dates::unix_to_iso(crate::vault::unix_now());
        FileDialog { title, suggested_name: Some(format!("Harbour {today}.{}", extension[0])), kind, extensions: extension }
    }
}

pub trait Host: Send + Sync + 'static {
    /// Asks which file to open. None if the person cancelled.
    fn pick_file(&self, dialog: &FileDialog) -> Option<PathBuf>;
    /// Asks where to save. None if the person cancelled.
    fn save_file(&self, dialog: &FileDialog) -> Option<PathBuf>;
    /// Hands a checked address to the system browser.
    fn open_in_browser(&self, url: &Url) -> Result<(), String>;
    /// Hides the window at once (Quick exit).
    fn hide_window(&self) -> Result<(), String>;
    /// The preferences file, key by key. Never personal data.
    fn stored_preferences(&self) -> BTreeMap<String, Value>;
    /// Replaces the preferences file with exactly these keys.
    fn store_preferences(&self, values: &BTreeMap<String, Value>) -> Result<(), String>;
    /// The vault locked without being asked (auto-lock): tell the page.
    fn vault_locked_by_itself(&self);
    /// The first screen is drawn (the start-up benchmark listens for this).
    fn ui_ready(&self) {}
    /// Now, on the monotonic clock and the wall clock, for auto-lock; scripted in tests.
    fn now(&self) -> Moment {
        Moment { monotonic: Instant::now(), wall: SystemTime::now() }
    }
}
