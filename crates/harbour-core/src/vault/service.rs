//! The vault as the app uses it: where its files live, whether it exists,
//! and creating, unlocking, recovering and locking it. No Tauri here.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::atomic::{remove_sqlite_files, rename_durably, write_atomic};
use super::backup;
use super::db::Db;
use super::keyfile::{KdfParams, KeyFile, Secret};
use super::recovery::RecoveryCode;
use super::strength::require_acceptable as check_passphrase;
use super::{unix_now, DbKey, VaultError};

pub const KEY_FILE: &str = "vault.key";
pub const DB_FILE: &str = "vault.db";
/// Where a restored database is built before it replaces the current one.
const RESTORING_FILE: &str = "vault.db.restoring";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum VaultState {
    /// First run: no vault yet.
    Absent,
    Locked,
    Unlocked,
}

/// An unlocked vault: the open database and its key. The key is kept only
/// so a restore can write the backup's data under it; SQLCipher holds it in
/// memory for as long as the database is open anyway.
struct Open {
    db: Db,
    key: DbKey,
}

pub struct Vault {
    dir: PathBuf,
    kdf: KdfParams,
    open: Option<Open>,
}

impl Vault {
    pub fn new(dir: impl Into<PathBuf>, kdf: KdfParams) -> Vault {
        Vault { dir: dir.into(), kdf, open: None }
    }

    fn key_path(&self) -> PathBuf {
        self.dir.join(KEY_FILE)
    }

    fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// The folder that holds the vault, for "Where is my data?".
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn state(&self) -> VaultState {
        if self.open.is_some() {
            VaultState::Unlocked
        } else if self.key_path().exists() {
            VaultState::Locked
        } else {
            VaultState::Absent
        }
    }

    /// Makes a new vault and leaves it unlocked. Returns the recovery code,
    /// which is shown once and never stored.
    pub fn create(&mut self, passphrase: &str) -> Result<RecoveryCode, VaultError> {
        if self.state() != VaultState::Absent {
            return Err(VaultError::Invalid("A vault already exists here.".into()));
        }
        check_passphrase(passphrase)?;
        create_private_dir(&self.dir)?;
        self.keep_orphan_aside()?;
        let code = RecoveryCode::generate();
        let (file, key) = KeyFile::create(passphrase, &code, self.kdf)?;
        let db = Db::open(&self.db_path(), &key)?;
        write_atomic(&self.key_path(), &file.to_bytes())?;
        self.open = Some(Open { db, key });
        Ok(code)
    }

    /// A database with no key file cannot be opened by anyone. Keep it aside
    /// rather than delete it: nothing is ever thrown away silently.
    fn keep_orphan_aside(&self) -> Result<(), VaultError> {
        let db_path = self.db_path();
        if db_path.exists() {
            let aside = self.dir.join(format!("{DB_FILE}.without-key-{}", unix_now()));
            fs::rename(&db_path, aside)?;
            for ext in ["-wal", "-shm"] {
                let _ = fs::remove_file(self.dir.join(format!("{DB_FILE}{ext}")));
            }
        }
        Ok(())
    }

    /// Reads the key file. One weaker than both the documented floor and the
    /// settings this vault makes new files with is refused: the app (DEFAULT)
    /// never opens a file made with test settings.
    fn key_file(&self) -> Result<KeyFile, VaultError> {
        let file = KeyFile::from_bytes(&fs::read(self.key_path())?)?;
        if file.weakest_memory_kib() < self.kdf.memory_kib.min(KdfParams::FLOOR_MEMORY_KIB) {
            return Err(VaultError::Damaged("the key file asks for less protection than Harbour allows".into()));
        }
        Ok(file)
    }

    pub fn unlock(&mut self, secret: &Secret) -> Result<(), VaultError> {
        let key = self.key_file()?.unlock(secret)?;
        let db = Db::open(&self.db_path(), &key)?;
        self.open = Some(Open { db, key });
        Ok(())
    }

    /// Opens the vault with the recovery code and sets a new passphrase.
    pub fn recover(&mut self, code: &RecoveryCode, new_passphrase: &str) -> Result<(), VaultError> {
        check_passphrase(new_passphrase)?;
        let file = self.key_file()?;
        let key = file.unlock(&Secret::Recovery(code))?;
        let db = Db::open(&self.db_path(), &key)?;
        write_atomic(&self.key_path(), &file.with_new_secret(&key, &Secret::Passphrase(new_passphrase), self.kdf)?.to_bytes())?;
        self.open = Some(Open { db, key });
        Ok(())
    }

    pub fn change_passphrase(&mut self, current: &str, new_passphrase: &str) -> Result<(), VaultError> {
        check_passphrase(new_passphrase)?;
        let file = self.key_file()?;
        let key = file.unlock(&Secret::Passphrase(current))?;
        Ok(write_atomic(&self.key_path(), &file.with_new_secret(&key, &Secret::Passphrase(new_passphrase), self.kdf)?.to_bytes())?)
    }

    /// Wraps the key under a new recovery code, in one crash-safe write: from
    /// then on the old code no longer opens the vault. Needs the vault open.
    pub fn replace_recovery_code(&mut self, code: &RecoveryCode) -> Result<(), VaultError> {
        let open = self.open.as_ref().ok_or(VaultError::Locked)?;
        let file = self.key_file()?;
        Ok(write_atomic(&self.key_path(), &file.with_new_secret(&open.key, &Secret::Recovery(code), self.kdf)?.to_bytes())?)
    }

    /// Closes the database; the key went with the unlock that opened it.
    pub fn lock(&mut self) {
        self.open = None;
    }

    pub fn db(&self) -> Result<&Db, VaultError> {
        self.open.as_ref().map(|o| &o.db).ok_or(VaultError::Locked)
    }

    /// The whole database, sealed under `passphrase`, as backup file bytes.
    pub fn backup(&self, passphrase: &str) -> Result<Vec<u8>, VaultError> {
        let db = self.db()?;
        check_passphrase(passphrase)?;
        backup::export(db, passphrase, self.kdf, unix_now())
    }

    /// Replaces the data with a checked backup.
    ///
    /// With no vault yet, `new_passphrase` makes one (the returned recovery
    /// code is shown once). With an unlocked vault, the backup's data is
    /// written under the current key beside the current database and proven
    /// to open; only then is the current database renamed aside (kept, never
    /// deleted) and the restored one put in its place.
    pub fn restore(&mut self, verified: &backup::Verified, new_passphrase: Option<&str>) -> Result<Option<RecoveryCode>, VaultError> {
        let restoring = self.dir.join(RESTORING_FILE);
        match (self.state(), new_passphrase) {
            (VaultState::Absent, Some(passphrase)) => {
                check_passphrase(passphrase)?;
                create_private_dir(&self.dir)?;
                remove_sqlite_files(&restoring);
                let code = RecoveryCode::generate();
                let (file, key) = KeyFile::create(passphrase, &code, self.kdf)?;
                verified.write_database(&restoring, &key)?;
                self.keep_orphan_aside()?;
                rename_durably(&restoring, &self.db_path())?;
                // The key file last: until it exists, this folder reads as "no vault".
                write_atomic(&self.key_path(), &file.to_bytes())?;
                let db = Db::open(&self.db_path(), &key)?;
                self.open = Some(Open { db, key });
                Ok(Some(code))
            }
            (VaultState::Absent, None) => Err(VaultError::Invalid("Please choose a passphrase for Harbour on this computer.".into())),
            (VaultState::Locked, _) => Err(VaultError::Locked),
            (VaultState::Unlocked, _) => {
                remove_sqlite_files(&restoring);
                let key = DbKey::from_bytes(self.open.as_ref().expect("unlocked").key.as_bytes()).expect("32 bytes");
                verified.write_database(&restoring, &key)?;
                // Close the current database (SQLite folds its log back in), keep it aside, swap.
                self.open = None;
                let aside = self.dir.join(format!("{DB_FILE}.before-restore-{}", unix_now()));
                fs::rename(self.db_path(), &aside)?;
                if let Err(e) = rename_durably(&restoring, &self.db_path()) {
                    let _ = fs::rename(&aside, self.db_path());
                    let db = Db::open(&self.db_path(), &key)?;
                    self.open = Some(Open { db, key });
                    return Err(e.into());
                }
                let db = Db::open(&self.db_path(), &key)?;
                self.open = Some(Open { db, key });
                Ok(None)
            }
        }
    }
}



fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::ChildInput;

    const PASS: &str = "kettle harbour seven lanterns";

    fn vault(dir: &Path) -> Vault {
        Vault::new(dir.join("data"), KdfParams::TEST)
    }

    fn child() -> ChildInput {
        ChildInput { name: "Robin".into(), birth_month: None, birth_year: None, age_band: Some(crate::vault::children::AgeBand::From8To10), devices: String::new(), looked_after: false }
    }

    #[test]
    fn first_run_lock_and_unlock_keep_the_data() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        assert_eq!(v.state(), VaultState::Absent);
        v.create(PASS).unwrap();
        assert_eq!(v.state(), VaultState::Unlocked);
        v.db().unwrap().add_child(&child()).unwrap();
        v.lock();
        assert_eq!(v.state(), VaultState::Locked);
        assert!(matches!(v.db(), Err(VaultError::Locked)));

        // A new process: a fresh Vault over the same folder.
        let mut again = vault(d.path());
        assert_eq!(again.state(), VaultState::Locked);
        assert!(matches!(again.unlock(&Secret::Passphrase("wrong words here")), Err(VaultError::WrongSecret)));
        assert_eq!(again.state(), VaultState::Locked);
        again.unlock(&Secret::Passphrase(PASS)).unwrap();
        assert_eq!(again.db().unwrap().children().unwrap()[0].input.name, "Robin");
    }

    #[test]
    fn the_recovery_code_opens_it_and_sets_a_new_passphrase() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        let code = v.create(PASS).unwrap();
        v.lock();
        let typed = RecoveryCode::parse(&code.display().to_lowercase()).unwrap();
        v.recover(&typed, "a brand new passphrase").unwrap();
        v.lock();
        assert!(matches!(v.unlock(&Secret::Passphrase(PASS)), Err(VaultError::WrongSecret)));
        v.unlock(&Secret::Passphrase("a brand new passphrase")).unwrap();
    }

    #[test]
    fn a_new_recovery_code_replaces_the_old_one() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        let old = v.create(PASS).unwrap();
        let new = RecoveryCode::generate();
        v.replace_recovery_code(&new).unwrap();
        v.lock();
        assert!(matches!(v.replace_recovery_code(&RecoveryCode::generate()), Err(VaultError::Locked)));
        assert!(matches!(v.recover(&old, "another long one"), Err(VaultError::WrongSecret)), "the old code no longer opens it");
        v.recover(&new, "another long one").unwrap();
        v.lock();
        v.unlock(&Secret::Passphrase("another long one")).unwrap();
    }

    #[test]
    fn a_vault_made_with_older_settings_opens_and_each_secret_set_again_takes_todays() {
        use crate::vault::keyfile::SlotKind;
        let d = tempfile::tempdir().unwrap();
        let older = KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 };
        let today = KdfParams { memory_kib: 256, iterations: 3, parallelism: 1 };
        Vault::new(d.path().join("data"), older).create(PASS).unwrap();

        let mut v = Vault::new(d.path().join("data"), today);
        v.unlock(&Secret::Passphrase(PASS)).unwrap();
        v.lock();
        v.change_passphrase(PASS, "another long one").unwrap();
        let file = v.key_file().unwrap();
        assert_eq!(file.kdf_of(SlotKind::Passphrase).unwrap(), today);
        assert_eq!(file.kdf_of(SlotKind::Recovery).unwrap(), older);

        v.unlock(&Secret::Passphrase("another long one")).unwrap();
        v.replace_recovery_code(&RecoveryCode::generate()).unwrap();
        assert_eq!(v.key_file().unwrap().kdf_of(SlotKind::Recovery).unwrap(), today);
    }

    #[test]
    fn changing_the_passphrase_needs_the_current_one() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        v.create(PASS).unwrap();
        v.lock();
        assert!(matches!(v.change_passphrase("not the passphrase", "another long one"), Err(VaultError::WrongSecret)));
        v.change_passphrase(PASS, "another long one").unwrap();
        assert!(matches!(v.unlock(&Secret::Passphrase(PASS)), Err(VaultError::WrongSecret)));
        v.unlock(&Secret::Passphrase("another long one")).unwrap();
    }

    #[test]
    fn short_passphrases_and_second_vaults_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        assert!(matches!(v.create("short"), Err(VaultError::Invalid(_))));
        assert_eq!(v.state(), VaultState::Absent);
        v.create(PASS).unwrap();
        assert!(matches!(v.create(PASS), Err(VaultError::Invalid(_))));
    }

    #[test]
    fn the_app_refuses_a_key_file_made_with_test_settings() {
        let d = tempfile::tempdir().unwrap();
        vault(d.path()).create(PASS).unwrap();
        let mut app = Vault::new(d.path().join("data"), KdfParams::DEFAULT);
        assert!(matches!(app.unlock(&Secret::Passphrase(PASS)), Err(VaultError::Damaged(_))));
    }

    #[test]
    fn a_damaged_key_file_is_reported_and_left_as_it_is() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        v.create(PASS).unwrap();
        v.lock();
        let key = d.path().join("data").join(KEY_FILE);
        fs::write(&key, b"{ not json").unwrap();
        assert!(matches!(v.unlock(&Secret::Passphrase(PASS)), Err(VaultError::Damaged(_))));
        assert_eq!(fs::read(&key).unwrap(), b"{ not json");
    }

    fn names(v: &Vault) -> Vec<String> {
        v.db().unwrap().children().unwrap().into_iter().map(|c| c.input.name).collect()
    }

    #[test]
    fn a_backup_restores_on_another_computer_with_a_new_passphrase() {
        let d = tempfile::tempdir().unwrap();
        let mut home = vault(d.path());
        home.create(PASS).unwrap();
        home.db().unwrap().add_child(&child()).unwrap();
        let bytes = home.backup("a separate backup phrase").unwrap();

        let other = tempfile::tempdir().unwrap();
        let mut away = vault(other.path());
        let verified = backup::open(&bytes, "a separate backup phrase").unwrap();
        assert!(matches!(away.restore(&verified, None), Err(VaultError::Invalid(_))));
        assert_eq!(away.state(), VaultState::Absent);
        let code = away.restore(&verified, Some("new computer new words")).unwrap().expect("a recovery code");
        assert_eq!(names(&away), ["Robin"]);
        away.lock();
        let mut reopened = vault(other.path());
        reopened.recover(&code, "and again other words").unwrap();
        assert_eq!(names(&reopened), ["Robin"]);
        assert!(!other.path().join("data").join(RESTORING_FILE).exists());
    }

    #[test]
    fn restoring_over_data_keeps_the_old_database_aside() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        v.create(PASS).unwrap();
        v.db().unwrap().add_child(&child()).unwrap();
        let bytes = v.backup(PASS).unwrap();
        v.db().unwrap().add_child(&ChildInput { name: "Added after the backup".into(), ..child() }).unwrap();

        let verified = backup::open(&bytes, PASS).unwrap();
        v.lock();
        assert!(matches!(v.restore(&verified, None), Err(VaultError::Locked)));
        v.unlock(&Secret::Passphrase(PASS)).unwrap();
        assert!(v.restore(&verified, None).unwrap().is_none());
        assert_eq!(names(&v), ["Robin"]);

        let aside: Vec<_> = fs::read_dir(v.dir()).unwrap().filter_map(|e| e.ok()).map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains("before-restore")).collect();
        assert_eq!(aside.len(), 1);
        v.lock();
        // The kept copy still opens with the same key, so nothing was lost.
        let key = KeyFile::from_bytes(&fs::read(d.path().join("data").join(KEY_FILE)).unwrap()).unwrap().unlock(&Secret::Passphrase(PASS)).unwrap();
        let kept = Db::open(&aside[0], &key).unwrap();
        assert_eq!(kept.children().unwrap().len(), 2);
    }

    #[test]
    fn backups_need_an_unlocked_vault_and_a_strong_passphrase() {
        let d = tempfile::tempdir().unwrap();
        let mut v = vault(d.path());
        v.create(PASS).unwrap();
        assert!(matches!(v.backup("password1"), Err(VaultError::Invalid(_))));
        v.lock();
        assert!(matches!(v.backup(PASS), Err(VaultError::Locked)));
    }

    #[test]
    fn an_orphan_database_is_kept_aside_not_deleted() {
        let d = tempfile::tempdir().unwrap();
        let data = d.path().join("data");
        fs::create_dir_all(&data).unwrap();
        fs::write(data.join(DB_FILE), b"old bytes").unwrap();
        vault(d.path()).create(PASS).unwrap();
        let kept: Vec<_> = fs::read_dir(&data).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().contains("without-key")).collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(fs::read(kept[0].path()).unwrap(), b"old bytes");
    }
}
