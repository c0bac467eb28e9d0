//! Real storage faults on a real file system: a full disk and a read-only
//! folder, made with a small tmpfs mount. Each must give the person a clear
//! message and lose nothing that was saved before.
//!
//! Mounting needs root (as on CI and the dev machine). Elsewhere set
//! HARBOUR_SKIP_MOUNT_TESTS=1 to skip these, knowingly.

#![cfg(target_os = "linux")]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use harbour_core::error::{ErrorCode, UserError};
use harbour_core::vault::atomic::write_atomic;
use harbour_core::vault::children::{AgeBand, ChildInput};
use harbour_core::vault::keyfile::{KdfParams, Secret};
use harbour_core::vault::service::{Vault, KEY_FILE};
use harbour_core::vault::VaultError;

const CHEAP: KdfParams = KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };
const PASS: &str = "kettle harbour seven lanterns";

struct Tmpfs {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        if std::env::var_os("HARBOUR_SKIP_MOUNT_TESTS").is_some() {
            eprintln!("skipped: HARBOUR_SKIP_MOUNT_TESTS is set");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mnt");
        fs::create_dir(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not mount a tmpfs (needs root); set HARBOUR_SKIP_MOUNT_TESTS=1 to skip these tests");
        Some(Tmpfs { _dir: dir, path })
    }

    fn remount(&self, opt: &str) {
        let ok = Command::new("mount").args(["-o", &format!("remount,{opt}")]).arg(&self.path).status().unwrap().success();
        assert!(ok, "remount {opt} failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

fn child(name: &str) -> ChildInput {
    ChildInput { name: name.into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: "Phone".into(), looked_after: false }
}

fn names(v: &Vault) -> Vec<String> {
    v.db().unwrap().children().unwrap().into_iter().map(|c| c.input.name).collect()
}

fn code(e: VaultError) -> ErrorCode {
    UserError::from(e).code
}

/// Fills the file system until a write fails, and returns the filler's path.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = fs::File::create(&path).unwrap();
    let block = vec![0x5au8; 64 * 1024];
    loop {
        if f.write_all(&block).and_then(|_| f.sync_all()).is_err() {
            break;
        }
    }
    // Squeeze out the last partial block too.
    while f.write_all(&[0x5a]).and_then(|_| f.sync_all()).is_ok() {}
    path
}

#[test]
fn a_full_disk_gets_a_clear_message_and_loses_nothing() {
    let Some(disk) = Tmpfs::mount("3m") else { return };
    let data = disk.path.join("data");
    let mut v = Vault::new(&data, CHEAP);
    v.create(PASS).unwrap();
    v.db().unwrap().add_child(&child("Robin")).unwrap();
    let key_before = fs::read(data.join(KEY_FILE)).unwrap();
    let filler = fill(&disk.path);

    // A big write cannot fit; the small ones before it are safe.
    let big = ChildInput { devices: "tablet and games console ".repeat(80), ..child("Sky") };
    let mut refused = None;
    for _ in 0..200 {
        if let Err(e) = v.db().unwrap().add_child(&big) {
            refused = Some(e);
            break;
        }
    }
    let refused = refused.expect("the disk never filled");
    assert_eq!(code(refused), ErrorCode::StorageFull);
    let message = UserError::from(VaultError::Io(std::io::ErrorKind::StorageFull.into())).message;
    assert!(message.contains("disk is full") && message.contains("Nothing was lost"), "{message}");

    // A new passphrase cannot be written either, and the key file is untouched.
    assert_eq!(code(v.change_passphrase(PASS, "different strong words here").unwrap_err()), ErrorCode::StorageFull);
    assert_eq!(fs::read(data.join(KEY_FILE)).unwrap(), key_before);
    // An atomic write of a backup fails whole and leaves no partial file.
    let backup = data.join("backup.harbour-backup");
    assert!(write_atomic(&backup, &vec![1u8; 1024 * 1024]).is_err());
    assert!(!backup.exists());
    assert!(fs::read_dir(&data).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));

    // Free the space: everything saved before is there, and work carries on.
    fs::remove_file(filler).unwrap();
    v.lock();
    let mut again = Vault::new(&data, CHEAP);
    again.unlock(&Secret::Passphrase(PASS)).unwrap();
    let saved = names(&again);
    assert!(saved.contains(&"Robin".to_string()), "{saved:?}");
    again.db().unwrap().add_child(&child("Ash")).unwrap();
}

#[test]
fn a_read_only_folder_gets_a_clear_message_and_loses_nothing() {
    let Some(disk) = Tmpfs::mount("8m") else { return };
    let data = disk.path.join("data");
    let mut v = Vault::new(&data, CHEAP);
    v.create(PASS).unwrap();
    v.db().unwrap().add_child(&child("Robin")).unwrap();
    v.lock();
    let key_before = fs::read(data.join(KEY_FILE)).unwrap();
    disk.remount("ro");

    // Unlocking either works read-only or says plainly why not; never a crash.
    let mut ro = Vault::new(&data, CHEAP);
    match ro.unlock(&Secret::Passphrase(PASS)) {
        Ok(()) => {
            assert_eq!(names(&ro), ["Robin"]);
            assert_eq!(code(ro.db().unwrap().add_child(&child("Ash")).unwrap_err()), ErrorCode::StorageReadOnly);
        }
        Err(e) => assert!(matches!(code(e), ErrorCode::StorageReadOnly | ErrorCode::StorageFailed)),
    }
    assert_eq!(code(ro.change_passphrase(PASS, "different strong words here").unwrap_err()), ErrorCode::StorageReadOnly);
    ro.lock();

    disk.remount("rw");
    assert_eq!(fs::read(data.join(KEY_FILE)).unwrap(), key_before);
    let mut again = Vault::new(&data, CHEAP);
    again.unlock(&Secret::Passphrase(PASS)).unwrap();
    assert_eq!(names(&again), ["Robin"]);
}

#[test]
fn a_damaged_database_is_reported_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut v = Vault::new(&data, CHEAP);
    v.create(PASS).unwrap();
    v.db().unwrap().add_child(&child("Robin")).unwrap();
    v.lock();
    let db_path = data.join("vault.db");
    let mut bytes = fs::read(&db_path).unwrap();
    for b in bytes.iter_mut().skip(100).step_by(7) {
        *b ^= 0xff;
    }
    fs::write(&db_path, &bytes).unwrap();
    let err = v.unlock(&Secret::Passphrase(PASS)).unwrap_err();
    let user = UserError::from(err);
    assert_eq!(user.code, ErrorCode::VaultDamaged);
    assert!(user.message.contains("left exactly as it is"));
    assert_eq!(fs::read(&db_path).unwrap(), bytes);
}
