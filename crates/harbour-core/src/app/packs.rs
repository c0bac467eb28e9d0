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
use crate::vault::protection::PinnedPack;
use crate::vault::service::VaultState;

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

    /// Stops using the pack on this computer, saying why.
    fn set_aside(&self, problem: String) {
        *self.active.write().unwrap_or_else(|p| p.into_inner()) = None;
        *self.problem.write().unwrap_or_else(|p| p.into_inner()) = Some(problem);
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
        let (decision, current) = self.file.trust(&p)?;
        let offer = PackOffer {
            info: agency::info(&p),
            decision,
            current_version: current.as_ref().map(|c| c.content().pack_version),
            current_agency: current.as_ref().map(|c| c.content().agency.name.clone()),
            sha256: crate::vault::log::sha256_hex(&bytes),
        };
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(bytes);
        Ok(offer)
    }
}

fn pin_of(pack: &ActivePack) -> PinnedPack {
    PinnedPack { fingerprint: pack.info.fingerprint.clone(), pack_version: pack.content().pack_version, agency: pack.name().to_string() }
}

/// What the vault's pin says of the pack on this computer: None if it may be
/// used, or why not.
pub fn pin_refusal(pin: &PinnedPack, on_disk: Option<&PinnedPack>) -> Option<String> {
    let Some(now) = on_disk else {
        return Some(format!("The agency pack you accepted from {} is no longer on this computer. You can import it again in Settings.", pin.agency));
    };
    if now.fingerprint != pin.fingerprint {
        return Some(format!(
            "The agency pack on this computer is not the one you accepted from {}: it was signed by a different key, so Harbour is not using it. \
             If your agency has sent you a new pack, remove this one in Settings, import the new one and check its fingerprint with your agency.",
            pin.agency
        ));
    }
    if now.pack_version < pin.pack_version {
        return Some(format!(
            "The agency pack on this computer is an older version ({}) than the one you accepted ({}), so Harbour is not using it. Import your agency's latest pack in Settings.",
            now.pack_version, pin.pack_version
        ));
    }
    None
}

impl App {
    /// Refuses a change to protection or trust while Harbour is locked.
    pub(super) fn require_not_locked(&self, what: &str) -> Result<(), UserError> {
        if self.held_vault().state() == VaultState::Locked {
            return Err(UserError::new(ErrorCode::VaultLocked, format!("Harbour is locked. Unlock it to {what}.")));
        }
        Ok(())
    }

    /// After an unlock: holds the pack on this computer to the one pinned in
    /// the vault (a first pack, or a newer one from the same key, is pinned).
    pub(super) fn check_pack_pin(&self) -> Result<(), UserError> {
        let on_disk = self.packs.active().map(|a| pin_of(&a));
        let damaged = self.packs.problem().is_some();
        self.with_db(|db| {
            match (db.pinned_pack()?, &on_disk) {
                (None, Some(now)) => db.pin_pack(now)?,
                (None, None) => {}
                (Some(_), None) if damaged => {}
                (Some(pin), now) => match pin_refusal(&pin, now.as_ref()) {
                    Some(problem) => self.packs.set_aside(problem),
                    None if now.as_ref().is_some_and(|n| n.pack_version > pin.pack_version) => db.pin_pack(now.as_ref().expect("checked"))?,
                    None => {}
                },
            }
            Ok(())
        })
    }

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
        self.require_not_locked("change the agency pack")?;
        let dialog = FileDialog::open("Choose your agency's pack", "Harbour agency pack", &[harbour_pack::EXTENSION]);
        let Some(path) = self.host.pick_file(&dialog) else { return Ok(None) };
        self.packs.offer(read_pack(&path)?).map(Some)
    }

    /// A pack an administrator put in the managed folder, offered when none is in use.
    /// While Harbour is locked nothing is offered (accepting would be refused anyway).
    pub fn pack_managed(&self) -> Result<Option<PackOffer>, UserError> {
        if self.packs.active().is_some() || self.held_vault().state() == VaultState::Locked {
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

    /// Uses the offered pack: the exact file that was offered (`sha256`), once
    /// the carer has typed the fingerprint their agency gave them. A newer
    /// pack from the agency key already in use needs no fingerprint.
    pub fn pack_accept(&self, fingerprint: String, sha256: String) -> Result<PackInfo, UserError> {
        self.require_not_locked("change the agency pack")?;
        let mut pending = self.packs.pending.lock().unwrap_or_else(|p| p.into_inner());
        let bytes = pending.as_ref().ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Please choose the pack file first."))?;
        if crate::vault::log::sha256_hex(bytes) != sha256 {
            return Err(refused("This is not the pack Harbour showed you. Please choose the pack file again."));
        }
        let p = harbour_pack::verify(bytes).map_err(|e| refused(e.message()))?;
        let (decision, _) = self.packs.file.trust(&p)?;
        if decision == Decision::New && !harbour_pack::fingerprint_matches(p.public_key(), &fingerprint) {
            return Err(refused(
                "That is not this pack's fingerprint, so Harbour did not use it. Check the fingerprint your agency gave you, group by group. If it still does not match, do not use this pack.",
            ));
        }
        let bytes = pending.take().expect("checked above");
        drop(pending);
        self.packs.load_once();
        self.packs.file.install(&bytes)?;
        self.packs.reload();
        let active = self.packs.active().ok_or_else(|| refused("The pack could not be used."))?;
        // Pinned now if the vault is open, or when it is made (first run).
        let _ = self.with_db(|db| Ok(db.pin_pack(&pin_of(&active))?));
        Ok(active.info.clone())
    }

    /// Stops using the agency pack. Nothing the carer wrote is touched.
    pub fn pack_remove(&self) -> Result<(), UserError> {
        self.require_not_locked("change the agency pack")?;
        self.packs.load_once();
        self.packs.file.remove()?;
        let _ = self.with_db(|db| Ok(db.unpin_pack()?));
        self.packs.reload();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::agency::tests::pack;
    use crate::app::commands::tests::{test_app, PASS};
    use crate::vault::children::{AgeBand, ChildInput};

    fn offer_file(app: &App, host: &crate::app::scripted::ScriptedHost, bytes: Vec<u8>) -> Result<Option<PackOffer>, UserError> {
        let path = host.dir().join(format!("p{}.{}", bytes.len(), harbour_pack::EXTENSION));
        std::fs::write(&path, bytes).unwrap();
        host.answer_next_dialog(Some(path));
        app.pack_choose()
    }

    /// Offers a pack file and accepts it, typing its fingerprint as the agency gave it.
    fn use_file(app: &App, host: &crate::app::scripted::ScriptedHost, bytes: Vec<u8>) -> PackInfo {
        let offer = offer_file(app, host, bytes).unwrap().unwrap();
        app.pack_accept(offer.info.fingerprint.to_lowercase().replace('-', " "), offer.sha256).unwrap()
    }

    #[test]
    fn accepting_a_pack_means_typing_its_fingerprint_for_the_exact_file_offered() {
        let (app, host) = test_app();
        let offer = offer_file(&app, &host, pack(1, 7)).unwrap().unwrap();
        let other_key = harbour_pack::fingerprint(&harbour_pack::ed25519_dalek::SigningKey::from_bytes(&[8; 32]).verifying_key().to_bytes());
        let wrong = app.pack_accept(other_key, offer.sha256.clone()).unwrap_err();
        assert!(wrong.message.starts_with("That is not this pack's fingerprint"), "{}", wrong.message);
        assert_eq!(app.pack_accept(String::new(), offer.sha256.clone()).unwrap_err().code, ErrorCode::PackRefused, "a first pack needs the fingerprint");
        let swapped = app.pack_accept(offer.info.fingerprint.clone(), "0".repeat(64)).unwrap_err();
        assert_eq!(swapped.message, "This is not the pack Harbour showed you. Please choose the pack file again.");
        assert_eq!(app.pack_current().unwrap(), None, "nothing used yet");
        app.pack_accept(offer.info.fingerprint.clone(), offer.sha256).unwrap();
        // A newer pack from the same key updates without typing it again.
        let update = offer_file(&app, &host, pack(2, 7)).unwrap().unwrap();
        assert_eq!(update.decision, Decision::Update);
        assert_eq!(app.pack_accept(String::new(), update.sha256).unwrap().content.pack_version, 2);
    }

    #[test]
    fn a_pack_is_used_only_once_accepted_and_its_required_rules_start_a_looked_after_childs_agreement() {
        let (app, host) = test_app();
        assert_eq!(app.pack_current().unwrap(), None);
        let offer = offer_file(&app, &host, pack(1, 7)).unwrap().unwrap();
        assert_eq!(offer.decision, Decision::New);
        assert_eq!(app.pack_current().unwrap(), None, "offered, not yet used");
        let (fp, sha) = (offer.info.fingerprint.clone(), offer.sha256.clone());
        assert_eq!(app.pack_accept(fp.clone(), sha.clone()).unwrap().content.agency.name, "Brightwater Fostering");
        assert_eq!(app.pack_accept(fp, sha).unwrap_err().message, "Please choose the pack file first.", "an offer is accepted once");

        app.vault_create(PASS.into()).unwrap();
        let kai_input = || ChildInput { name: "Kai".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: true };
        let kai = app.child_add(kai_input()).unwrap();
        let a = app.agreement_start(kai.id, "2026-11-24".into()).unwrap();
        let ids: Vec<&str> = a.items.iter().filter_map(|i| i.rule_id.as_deref()).collect();
        assert!(ids.contains(&"agency-birth-family"), "{ids:?}");
        assert!(!ids.contains(&"agency-tell-carer"), "only required rules are added");
        let ids_once = ids.iter().filter(|id| **id == "agency-birth-family").count();
        assert_eq!(ids_once, 1);
        // Taken out, the agency's required rule is asked for again, with who it is from.
        assert!(app.agreement_missing_required(a.id).unwrap().is_empty());
        let item = a.items.iter().find(|i| i.rule_id.as_deref() == Some("agency-birth-family")).unwrap();
        app.agreement_remove(a.id, item.id).unwrap();
        let missing = app.agreement_missing_required(a.id).unwrap();
        assert_eq!(missing.iter().map(|r| (r.id.as_str(), r.from_agency.as_deref())).collect::<Vec<_>>(), [("agency-birth-family", Some("Brightwater Fostering"))]);
        assert_eq!(app.rule_library().unwrap().rule("tell-carer-if-family-get-in-touch").unwrap().from_agency, None, "Harbour's own rule");
        // Another child's agreement is not asked for it.
        let sam = app.child_add(ChildInput { name: "Sam".into(), looked_after: false, ..kai_input() }).unwrap();
        let b = app.agreement_start(sam.id, "2026-11-24".into()).unwrap();
        assert!(app.agreement_missing_required(b.id).unwrap().is_empty(), "only for a looked-after child");
        // The agency's usual split of decisions stands until the carer records the plan's.
        let photos = app.delegated_authority(kai.id).unwrap().rows.into_iter().find(|r| r.decision == harbour_pack::DelegatedDecision::Photos).unwrap();
        assert_eq!((photos.decider, photos.from_agency), (Some(harbour_pack::Decider::SocialWorker), true));

        // The agency's links open; others still do not.
        let policy = "https://brightwater.example.org/policy";
        app.open_help_link(policy.into()).unwrap();
        assert_eq!(host.opened(), [policy]);
    }

    #[test]
    fn the_trust_rule_says_why_a_pack_is_refused() {
        let (app, host) = test_app();
        use_file(&app, &host, pack(2, 7));
        let same = offer_file(&app, &host, pack(2, 7)).unwrap_err();
        assert_eq!(same.message, "You already have version 2 of this pack, which is the same or newer. Nothing was changed.");
        let other = offer_file(&app, &host, pack(3, 8)).unwrap_err();
        assert!(other.message.starts_with("This pack was signed by a different key from Brightwater Fostering's pack"), "{}", other.message);
        assert_eq!(offer_file(&app, &host, pack(3, 7)).unwrap().unwrap().decision, Decision::Update);
        let mut tampered = pack(4, 7);
        let middle = tampered.len() / 2;
        tampered[middle] ^= 1;
        assert_eq!(offer_file(&app, &host, tampered).unwrap_err().code, ErrorCode::PackRefused);
        app.pack_remove().unwrap();
        assert_eq!(app.pack_current().unwrap(), None);
    }

    #[test]
    fn a_damaged_pack_on_this_computer_is_reported_not_ignored() {
        let (app, host) = test_app();
        use_file(&app, &host, pack(1, 7));
        let file = host.dir().join("data").join("agency").join(format!("agency.{}", harbour_pack::EXTENSION));
        let mut bytes = std::fs::read(&file).unwrap();
        bytes[10] ^= 1;
        std::fs::write(&file, bytes).unwrap();
        // The next start of Harbour reads the damaged file.
        let config = crate::app::AppConfig { data_dir: host.dir().join("data"), kdf: crate::vault::keyfile::KdfParams::TEST, managed_pack_dirs: vec![] };
        let again = App::new(config, host.clone());
        let err = again.pack_current().unwrap_err();
        assert!(err.message.starts_with("The agency pack on this computer could not be used."), "{}", err.message);
        let first = again.first_screen().unwrap();
        assert_eq!((first.agency, first.agency_problem), (None, Some(err)), "the first screen says the same");
    }

    #[test]
    fn a_locked_harbour_takes_no_pack_changes() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        use_file(&app, &host, pack(1, 7));
        app.vault_lock().unwrap();
        for refused in [offer_file(&app, &host, pack(2, 7)).map(drop), app.pack_accept(String::new(), String::new()).map(drop), app.pack_remove()] {
            let e = refused.unwrap_err();
            assert_eq!(e.code, ErrorCode::VaultLocked);
            assert_eq!(e.message, "Harbour is locked. Unlock it to change the agency pack.");
        }
        assert_eq!(app.pack_current().unwrap().unwrap().content.pack_version, 1, "nothing changed");
        app.vault_unlock(PASS.into()).unwrap();
        app.pack_remove().unwrap();
        assert_eq!(app.pack_current().unwrap(), None);
    }

    fn pack_file(host: &crate::app::scripted::ScriptedHost) -> std::path::PathBuf {
        host.dir().join("data").join("agency").join(format!("agency.{}", harbour_pack::EXTENSION))
    }

    /// Harbour started again over the same folder, as after a restart.
    fn restarted(host: &Arc<crate::app::scripted::ScriptedHost>) -> App {
        let config = crate::app::AppConfig { data_dir: host.dir().join("data"), kdf: crate::vault::keyfile::KdfParams::TEST, managed_pack_dirs: vec![] };
        App::new(config, host.clone())
    }

    #[test]
    fn a_pack_swapped_while_locked_is_not_used_after_unlock() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        use_file(&app, &host, pack(2, 7));
        app.vault_lock().unwrap();
        // Someone at the computer replaces the pack with one signed by their own key.
        std::fs::write(pack_file(&host), pack(9, 8)).unwrap();
        let again = restarted(&host);
        again.vault_unlock(PASS.into()).unwrap();
        let e = again.pack_current().unwrap_err();
        assert!(e.message.starts_with("The agency pack on this computer is not the one you accepted from Brightwater Fostering"), "{}", e.message);
        assert!(again.open_help_link("https://brightwater.example.org/policy".into()).is_err(), "its links are not allowed either");

        // An older pack from the right key is refused too; a newer one is pinned.
        std::fs::write(pack_file(&host), pack(1, 7)).unwrap();
        let older = restarted(&host);
        older.vault_unlock(PASS.into()).unwrap();
        assert!(older.pack_current().unwrap_err().message.contains("older version (1) than the one you accepted (2)"));
        std::fs::write(pack_file(&host), pack(3, 7)).unwrap();
        let newer = restarted(&host);
        newer.vault_unlock(PASS.into()).unwrap();
        assert_eq!(newer.pack_current().unwrap().unwrap().content.pack_version, 3);
        std::fs::write(pack_file(&host), pack(2, 7)).unwrap();
        let back = restarted(&host);
        back.vault_unlock(PASS.into()).unwrap();
        assert!(back.pack_current().is_err(), "the pin moved to version 3");

        // Gone altogether: said, not silently forgotten.
        std::fs::remove_file(pack_file(&host)).unwrap();
        let gone = restarted(&host);
        gone.vault_unlock(PASS.into()).unwrap();
        assert!(gone.pack_current().unwrap_err().message.contains("is no longer on this computer"));
        // Removing it on purpose, unlocked, clears the pin.
        gone.pack_remove().unwrap();
        assert_eq!(gone.pack_current().unwrap(), None);
        let clean = restarted(&host);
        clean.vault_unlock(PASS.into()).unwrap();
        assert_eq!(clean.pack_current().unwrap(), None);
    }

    #[test]
    fn a_pack_accepted_at_first_run_is_pinned_when_the_vault_is_made() {
        let (app, host) = test_app();
        use_file(&app, &host, pack(1, 7));
        app.vault_create(PASS.into()).unwrap();
        app.vault_lock().unwrap();
        std::fs::write(pack_file(&host), pack(5, 8)).unwrap();
        let again = restarted(&host);
        again.vault_unlock(PASS.into()).unwrap();
        assert!(again.pack_current().is_err());
    }

    #[test]
    fn a_pack_in_the_managed_folder_is_offered_when_none_is_in_use() {
        let (app, host) = test_app();
        let managed = host.dir().join("managed");
        std::fs::create_dir_all(&managed).unwrap();
        std::fs::write(managed.join(format!("a.{}", harbour_pack::EXTENSION)), pack(1, 7)).unwrap();
        app.vault_create(PASS.into()).unwrap();
        app.vault_lock().unwrap();
        assert_eq!(app.pack_managed().unwrap(), None, "nothing is offered while locked, and no alarm either");
        app.vault_unlock(PASS.into()).unwrap();
        let offer = app.pack_managed().unwrap().unwrap();
        assert_eq!(offer.info.content.pack_version, 1);
        app.pack_accept(offer.info.fingerprint, offer.sha256).unwrap();
        assert_eq!(app.pack_managed().unwrap(), None, "not offered again once in use");
    }
}
