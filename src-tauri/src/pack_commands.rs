//! Agency packs: the one in use, choosing a new one in a system dialog,
//! offering one an administrator placed in the managed folder, and removing
//! it. Every pack is checked in harbour-pack before anything is shown or used.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use harbour_core::agency::{self, PackInfo, PackOffer, Store};
use harbour_core::agreement::rules::RuleLibrary;
use harbour_core::error::{ErrorCode, UserError};
use harbour_core::links::AllowList;
use harbour_pack::{Decision, PackContent, PackError};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// The pack in use, joined to the app's content.
pub struct Active {
    pub info: PackInfo,
    pub library: RuleLibrary,
    pub allow: AllowList,
}

impl Active {
    pub fn content(&self) -> &PackContent {
        &self.info.content
    }

    pub fn name(&self) -> &str {
        &self.info.content.agency.name
    }
}

pub struct AgencyCell {
    store: Store,
    active: RwLock<Option<Arc<Active>>>,
    /// Why the pack on this computer is not in use, if it was damaged.
    problem: RwLock<Option<String>>,
    /// A pack chosen or found, waiting for the carer to confirm it.
    pending: Mutex<Option<Vec<u8>>>,
}

/// The folders an administrator can put a pack in. `HARBOUR_PACK_DIR` adds one,
/// for installers and tests; packs from there are checked like any other.
fn managed_dirs() -> Vec<PathBuf> {
    let mut dirs = harbour_pack::managed_dirs();
    if let Some(extra) = std::env::var_os("HARBOUR_PACK_DIR").filter(|v| !v.is_empty()) {
        dirs.insert(0, PathBuf::from(extra));
    }
    dirs
}

fn read_pack(path: &std::path::Path) -> Result<Vec<u8>, UserError> {
    let refused = |m: String| UserError::new(ErrorCode::PackRefused, m);
    let len = std::fs::metadata(path).map_err(|_| refused("Harbour could not read that file.".into()))?.len();
    if len > harbour_pack::limits::MAX_FILE {
        return Err(refused(PackError::FileTooLarge { size: len }.message()));
    }
    std::fs::read(path).map_err(|_| refused("Harbour could not read that file.".into()))
}

impl AgencyCell {
    pub fn new(dir: PathBuf) -> AgencyCell {
        let cell = AgencyCell { store: Store::new(&dir), active: RwLock::new(None), problem: RwLock::new(None), pending: Mutex::new(None) };
        cell.reload();
        cell.update_from_managed();
        cell
    }

    pub fn active(&self) -> Option<Arc<Active>> {
        self.active.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn reload(&self) {
        let (active, problem) = match self.store.load() {
            Ok(Some(p)) => {
                let info = agency::info(&p);
                let base = harbour_core::agreement::rules::builtin().ok();
                let library = base.map(|b| agency::library_with(b, p.content())).unwrap_or_else(|| RuleLibrary {
                    schema: 1,
                    checked: String::new(),
                    sections: Vec::new(),
                    rules: Vec::new(),
                    sources: Vec::new(),
                });
                let urls = agency::urls(p.content());
                let allow = AllowList::from_urls(urls.iter().map(String::as_str));
                (Some(Arc::new(Active { info, library, allow })), None)
            }
            Ok(None) => (None, None),
            Err(e) => (None, Some(format!("The agency pack on this computer could not be used. {e} You can import it again in Settings."))),
        };
        *self.active.write().unwrap_or_else(|p| p.into_inner()) = active;
        *self.problem.write().unwrap_or_else(|p| p.into_inner()) = problem;
    }

    /// A newer pack from the same agency key in the managed folder updates quietly.
    fn update_from_managed(&self) {
        if self.active().is_none() {
            return;
        }
        for bytes in self.managed_packs() {
            if let Ok(p) = harbour_pack::verify(&bytes) {
                if self.store.decide(&p).0 == Decision::Update && self.store.install(&bytes).is_ok() {
                    self.reload();
                }
            }
        }
    }

    fn managed_packs(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for dir in managed_dirs() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == harbour_pack::EXTENSION))
                .collect();
            paths.sort();
            out.extend(paths.iter().filter_map(|p| read_pack(p).ok()));
        }
        out
    }

    /// Checks `bytes` and keeps them waiting for the carer's confirmation.
    fn offer(&self, bytes: Vec<u8>) -> Result<PackOffer, UserError> {
        let p = harbour_pack::verify(&bytes).map_err(|e| UserError::new(ErrorCode::PackRefused, e.message()))?;
        let (decision, current) = self.store.decide(&p);
        let offer = PackOffer {
            info: agency::info(&p),
            decision,
            current_version: current.as_ref().map(|c| c.content().pack_version),
            current_agency: current.as_ref().map(|c| c.content().agency.name.clone()),
        };
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(bytes);
        Ok(offer)
    }
}

/// The pack in use, if any.
#[tauri::command(async)]
pub fn pack_current(agency: State<'_, AgencyCell>) -> Result<Option<PackInfo>, UserError> {
    if let Some(problem) = agency.problem.read().unwrap_or_else(|p| p.into_inner()).clone() {
        if agency.active().is_none() {
            return Err(UserError::new(ErrorCode::PackRefused, problem));
        }
    }
    Ok(agency.active().map(|a| a.info.clone()))
}

/// Asks which pack file to import, checks it, and offers it. Null if cancelled.
#[tauri::command(async)]
pub fn pack_choose<R: Runtime>(app: AppHandle<R>, agency: State<'_, AgencyCell>) -> Result<Option<PackOffer>, UserError> {
    let picked = app
        .dialog()
        .file()
        .set_title("Choose your agency's pack")
        .add_filter("Harbour agency pack", &[harbour_pack::EXTENSION])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    agency.offer(read_pack(&path)?).map(Some)
}

/// A pack an administrator placed in the managed folder, offered when no pack is in use.
#[tauri::command(async)]
pub fn pack_managed(agency: State<'_, AgencyCell>) -> Result<Option<PackOffer>, UserError> {
    if agency.active().is_some() {
        return Ok(None);
    }
    let mut last = None;
    for bytes in agency.managed_packs() {
        match agency.offer(bytes) {
            Ok(offer) => return Ok(Some(offer)),
            Err(e) => last = Some(e),
        }
    }
    last.map_or(Ok(None), Err)
}

/// Puts the offered pack in use, once the carer has confirmed its fingerprint
/// (or it is a newer pack from the same agency key).
#[tauri::command(async)]
pub fn pack_accept(agency: State<'_, AgencyCell>) -> Result<PackInfo, UserError> {
    let bytes = agency
        .pending
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Please choose the pack file first."))?;
    agency.store.install(&bytes)?;
    agency.reload();
    agency.active().map(|a| a.info.clone()).ok_or_else(|| UserError::new(ErrorCode::PackRefused, "The pack could not be used."))
}

/// Stops using the agency pack. Nothing the carer wrote is touched.
#[tauri::command(async)]
pub fn pack_remove(agency: State<'_, AgencyCell>) -> Result<(), UserError> {
    agency.store.remove()?;
    agency.reload();
    Ok(())
}

pub fn setup<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let dir = app.path().app_data_dir()?.join("agency");
    app.manage(AgencyCell::new(dir));
    Ok(())
}
