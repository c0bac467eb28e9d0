//! The vault as the app uses it: where its files live, whether it exists,
//! and creating, unlocking, recovering and locking it. No Tauri here.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::atomic::write_atomic;
use super::db::Db;
use super::keyfile::{KdfParams, KeyFile, Secret};
use super::recovery::RecoveryCode;
use super::VaultError;

pub const KEY_FILE: &str = "vault.key";
pub const DB_FILE: &str = "vault.db";
/// Shortest passphrase accepted. Strength is judged by the meter in the UI;
/// this only stops the obviously unsafe.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum VaultState {
    /// First run: no vault yet.
    Absent,
    Locked,
    Unlocked,
}

pub struct Vault {
    dir: PathBuf,
    kdf: KdfParams,
    open: Option<Db>,
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
        let db_path = self.db_path();
        if db_path.exists() {
            // A database with no key file cannot be opened by anyone. Keep it
            // aside rather than delete it: nothing is ever thrown away silently.
            let aside = self.dir.join(format!("{DB_FILE}.without-key-{}", unix_now()));
            fs::rename(&db_path, aside)?;
            for ext in ["-wal", "-shm"] {
                let _ = fs::remove_file(self.dir.join(format!("{DB_FILE}{ext}")));
            }
        }
        let code = RecoveryCode::generate();
        let (file, key) = KeyFile::create(passphrase, &code, self.kdf)?;
        let db = Db::open(&db_path, &key)?;
        write_atomic(&self.key_path(), &file.to_bytes())?;
        self.open = Some(db);
        Ok(code)
    }

    fn key_file(&self) -> Result<KeyFile, VaultError> {
        let bytes = fs::read(self.key_path())?;
        KeyFile::from_bytes(&bytes)
    }

    pub fn unlock(&mut self, secret: &Secret) -> Result<(), VaultError> {
        let key = self.key_file()?.unlock(secret)?;
        self.open = Some(Db::open(&self.db_path(), &key)?);
        Ok(())
    }

    /// Opens the vault with the recovery code and sets a new passphrase.
    pub fn recover(&mut self, code: &RecoveryCode, new_passphrase: &str) -> Result<(), VaultError> {
        check_passphrase(new_passphrase)?;
        let file = self.key_file()?;
        let key = file.unlock(&Secret::Recovery(code))?;
        let db = Db::open(&self.db_path(), &key)?;
        write_atomic(&self.key_path(), &file.with_new_passphrase(&key, new_passphrase)?.to_bytes())?;
        self.open = Some(db);
        Ok(())
    }

    pub fn change_passphrase(&mut self, current: &str, new_passphrase: &str) -> Result<(), VaultError> {
        check_passphrase(new_passphrase)?;
        let file = self.key_file()?;
        let key = file.unlock(&Secret::Passphrase(current))?;
        Ok(write_atomic(&self.key_path(), &file.with_new_passphrase(&key, new_passphrase)?.to_bytes())?)
    }

    /// Closes the database; the key went with the unlock that opened it.
    pub fn lock(&mut self) {
        self.open = None;
    }

    pub fn db(&self) -> Result<&Db, VaultError> {
        self.open.as_ref().ok_or(VaultError::Locked)
    }
}

fn check_passphrase(p: &str) -> Result<(), VaultError> {
    if p.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::Invalid(format!(
            "Please use at least {MIN_PASSPHRASE_CHARS} characters. A few words you will remember work well."
        )));
    }
    Ok(())
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

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
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
