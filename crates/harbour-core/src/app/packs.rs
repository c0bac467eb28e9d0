//! Agency packs: the one in use, one chosen in a dialog or found in the
//! managed folder waiting for the carer to confirm it, and removing it. Every
//! pack is checked by harbour-pack before anything is shown or used.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once, RwLock};

use harbour_pack::{Decision, PackContent, PackError};

use super::App;
use super::FileDialog;
use crate::agency::{self, AcceptedPackFile, PackInfo, PackOffer};
use crate::error::{ErrorCode, UserError};
use crate::links::AllowList;

/// The pack in use, with the sites its pages link to.
pub struct ActivePack {
    pub info: PackInfo,
    pub allow: AllowList,
}

impl ActivePack {
    pub fn content(&self) -> &PackContent {
        &self.info.content
    }

    pub fn name(&self) -> &str {
        &self.info.content.agency.name
    }
}

pub(super) struct PackState {
    file: AcceptedPackFile,
    managed_dirs: Vec<PathBuf>,
    /// The accepted pack is verified on first use, not at start-up.
    loaded: Once,
    active: RwLock<Option<Arc<ActivePack>>>,
    /// Why the pack on this computer is not in use, if it was damaged.
    problem: RwLock<Option<String>>,
    /// A pack chosen or found, waiting for the carer to confirm it.
    pending: Mutex<Option<Vec<u8>>>,
}

fn refused(message: impl Into<String>) -> UserError {
    UserError::new(ErrorCode::PackRefused, message)
}

fn read_pack(path: &Path) -> Result<Vec<u8>, UserError> {
    let len = std::fs::metadata(path).map_err(|_| refused("Harbour could not read that file."))?.len();
    if len > harbour_pack::limits::MAX_FILE {
        return Err(refused(PackError::FileTooLarge { size: len }.message()));
    }
    std::fs::read(path).map_err(|_| refused("Harbour could not read that file."))
}

impl PackState {
    pub fn new(dir: PathBuf, managed_dirs: Vec<PathBuf>) -> PackState {
        PackState {
            file: AcceptedPackFile::new(&dir),
            managed_dirs,
            loaded: Once::new(),
            active: RwLock::new(None),
            problem: RwLock::new(None),
            pending: Mutex::new(None),
        }
    }

    pub fn active(&self) -> Option<Arc<ActivePack>> {
        self.load_once();
        self.active.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn problem(&self) -> Option<String> {
        self.load_once();
        self.problem.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn load_once(&self) {
        self.loaded.call_once(|| {
            self.reload();
            self.update_from_managed();
        });
    }

    fn reload(&self) {
        let (active, problem) = match self.file.load() {
            Ok(Some(p)) => {
                let info = agency::info(&p);
                let allow = AllowList::from_urls(agency::urls(p.content()).iter().map(String::as_str));
                (Some(Arc::new(ActivePack { info, allow })), None)
            }
            Ok(None) => (None, None),
            Err(e) => (None, Some(format!("The agency pack on this computer could not be used. {e} You can import it again in Settings."))),
        };
        *self.active.write().unwrap_or_else(|p| p.into_inner()) = active;
        *self.problem.write().unwrap_or_else(|p| p.into_inner()) = problem;
    }

    /// A newer pack from the same agency key in the managed folder updates quietly.
    fn update_from_managed(&self) {
        if self.active.read().unwrap_or_else(|p| p.into_inner()).is_none() {
            return;
        }
        for bytes in self.managed_packs() {
            if let Ok(p) = harbour_pack::verify(&bytes) {
                if self.file.decide(&p).0 == Decision::Update && self.file.install(&bytes).is_ok() {
                    self.reload();
                }
            }
        }
    }

    fn managed_packs(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for dir in &self.managed_dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == harbour_pack::EXTENSION)).collect();
            paths.sort();
            out.extend(paths.iter().filter_map(|p| read_pack(p).ok()));
        }
        out
    }

    /// Checks `bytes` and keeps them waiting for the carer's confirmation.
    fn offer(&self, bytes: Vec<u8>) -> Result<PackOffer, UserError> {
        let p = harbour_pack::verify(&bytes).map_err(|e| refused(e.message()))?;
        let (decision, current) = self.file.decide(&p);
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

impl App {
    /// The pack in use, or null. Fails (with a message) if the pack on this computer is damaged.
    pub fn pack_current(&self) -> Result<Option<PackInfo>, UserError> {
        match (self.packs.active(), self.packs.problem()) {
            (Some(a), _) => Ok(Some(a.info.clone())),
            (None, Some(problem)) => Err(refused(problem)),
            (None, None) => Ok(None),
        }
    }

    /// Asks for a pack file, checks it and offers it. Null if cancelled.
    pub fn pack_choose(&self) -> Result<Option<PackOffer>, UserError> {
        let dialog = FileDialog { title: "Choose your agency's pack", suggested_name: None, kind: "Harbour agency pack", extensions: &[harbour_pack::EXTENSION] };
        let Some(path) = self.host.pick_file(&dialog) else { return Ok(None) };
        self.packs.offer(read_pack(&path)?).map(Some)
    }

    /// A pack an administrator put in the managed folder, offered when none is in use.
    pub fn pack_managed(&self) -> Result<Option<PackOffer>, UserError> {
        if self.packs.active().is_some() {
            return Ok(None);
        }
        let mut last = None;
        for bytes in self.packs.managed_packs() {
            match self.packs.offer(bytes) {
                Ok(offer) => return Ok(Some(offer)),
                Err(e) => last = Some(e),
            }
        }
        last.map_or(Ok(None), Err)
    }

    /// Uses the offered pack, after the carer confirmed its fingerprint (or it
    /// updates the same agency's pack).
    pub fn pack_accept(&self) -> Result<PackInfo, UserError> {
        let pending = self.packs.pending.lock().unwrap_or_else(|p| p.into_inner()).take();
        let bytes = pending.ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Please choose the pack file first."))?;
        self.packs.load_once();
        self.packs.file.install(&bytes)?;
        self.packs.reload();
        self.packs.active().map(|a| a.info.clone()).ok_or_else(|| refused("The pack could not be used."))
    }

    /// Stops using the agency pack. Nothing the carer wrote is touched.
    pub fn pack_remove(&self) -> Result<(), UserError> {
        self.packs.load_once();
        self.packs.file.remove()?;
        self.packs.reload();
        Ok(())
    }
}
