//! A scripted desktop for tests and the UI's test host: dialogs answer from a
//! script, links and window changes are recorded, preferences live in memory,
//! and the clock moves when told. Never part of the app.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;
use url::Url;

use super::host::{FileDialog, Host};
use super::idle::Moment;

#[derive(Default)]
struct Script {
    /// Answers for the next dialogs, in order; when empty, a save dialog
    /// answers with its suggested name in the host's folder and an open
    /// dialog with the newest file saved with one of its extensions.
    answers: VecDeque<Option<PathBuf>>,
    saved: Vec<PathBuf>,
    dialogs_opened: u32,
    opened: Vec<String>,
    hidden: u32,
    locks_told: u32,
    ready: u32,
    prefs: BTreeMap<String, Value>,
    clock: Duration,
    /// Time the computer spent asleep: the wall clock moves, the monotonic one does not.
    asleep: Duration,
}

pub struct ScriptedHost {
    dir: tempfile::TempDir,
    start: Moment,
    script: Mutex<Script>,
    on_lock: Option<Box<dyn Fn() + Send + Sync>>,
}

impl Default for ScriptedHost {
    fn default() -> Self {
        ScriptedHost::new()
    }
}

impl ScriptedHost {
    pub fn new() -> ScriptedHost {
        ScriptedHost { dir: tempfile::tempdir().expect("a temporary folder"), start: Moment { monotonic: Instant::now(), wall: SystemTime::now() }, script: Mutex::default(), on_lock: None }
    }

    /// Also calls `f` when the vault locks by itself (the test host prints an event).
    pub fn with_lock_listener(mut self, f: impl Fn() + Send + Sync + 'static) -> ScriptedHost {
        self.on_lock = Some(Box::new(f));
        self
    }

    fn script(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The host's own temporary folder, removed when it is dropped.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The next dialog answers `path`, or is cancelled (None).
    pub fn answer_next_dialog(&self, path: Option<PathBuf>) {
        self.script().answers.push_back(path);
    }

    pub fn advance_minutes(&self, minutes: u64) {
        self.script().clock += Duration::from_secs(minutes * 60);
    }

    /// The computer sleeps for `minutes`.
    pub fn sleep_minutes(&self, minutes: u64) {
        self.script().asleep += Duration::from_secs(minutes * 60);
    }

    pub fn opened(&self) -> Vec<String> {
        self.script().opened.clone()
    }

    pub fn hidden(&self) -> u32 {
        self.script().hidden
    }

    pub fn locks_told(&self) -> u32 {
        self.script().locks_told
    }

    pub fn dialogs_opened(&self) -> u32 {
        self.script().dialogs_opened
    }

    pub fn ready(&self) -> u32 {
        self.script().ready
    }

    pub fn stored(&self) -> BTreeMap<String, Value> {
        self.script().prefs.clone()
    }

    /// Forgets every saved preference, as on a new computer.
    pub fn clear_preferences(&self) {
        self.script().prefs.clear();
    }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

impl Host for ScriptedHost {
    fn pick_file(&self, dialog: &FileDialog) -> Option<PathBuf> {
        let mut s = self.script();
        s.dialogs_opened += 1;
        match s.answers.pop_front() {
            Some(answer) => answer,
            None => s.saved.iter().rev().find(|p| has_extension(p, dialog.extensions)).cloned(),
        }
    }

    fn save_file(&self, dialog: &FileDialog) -> Option<PathBuf> {
        let mut s = self.script();
        s.dialogs_opened += 1;
        let answer = match s.answers.pop_front() {
            Some(answer) => answer,
            None => Some(self.dir.path().join(dialog.suggested_name.as_deref().unwrap_or("saved"))),
        };
        s.saved.extend(answer.clone());
        answer
    }

    fn open_in_browser(&self, url: &Url) -> Result<(), String> {
        self.script().opened.push(url.to_string());
        Ok(())
    }

    fn hide_window(&self) -> Result<(), String> {
        self.script().hidden += 1;
        Ok(())
    }

    fn stored_preferences(&self) -> BTreeMap<String, Value> {
        self.script().prefs.clone()
    }

    fn store_preferences(&self, values: &BTreeMap<String, Value>) -> Result<(), String> {
        self.script().prefs = values.clone();
        Ok(())
    }

    fn vault_locked_by_itself(&self) {
        self.script().locks_told += 1;
        if let Some(f) = &self.on_lock {
            f();
        }
    }

    fn ui_ready(&self) {
        self.script().ready += 1;
    }

    fn now(&self) -> Moment {
        let s = self.script();
        Moment { monotonic: self.start.monotonic + s.clock, wall: self.start.wall + s.clock + s.asleep }
    }
}
