//! The encrypted vault: one SQLCipher database whose random key is wrapped,
//! in a small key file, under the passphrase and under a recovery code.
//! The format is described in docs/vault-format.md.

pub mod agreements;
pub mod atomic;
pub mod backup;
pub mod checklists;
pub mod child_statement;
pub mod children;
pub mod conversation_notes;
pub mod db;
pub mod delegated_authority;
pub mod handover;
pub mod keyfile;
pub mod log;
pub mod placement;
pub mod protection;
pub mod recovery;
pub mod secret_text;
pub mod service;
pub mod strength;

use zeroize::Zeroizing;

/// How a choice (a role, an age band, who decides) is kept in the database:
/// by its serde name, the name the UI uses too, so there is one list of names.
pub(crate) fn stored_name<T: serde::Serialize>(choice: T) -> String {
    match serde_json::to_value(choice) {
        Ok(serde_json::Value::String(name)) => name,
        _ => unreachable!("a choice serialises to its name"),
    }
}

/// The choice kept as `name`; None if this Harbour does not know the name.
pub(crate) fn from_stored_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.into())).ok()
}

/// The random 256-bit database key. Wiped from memory when dropped.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn random() -> DbKey {
        use chacha20poly1305::aead::{rand_core::RngCore, OsRng};
        let mut k = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(k.as_mut());
        DbKey(k)
    }

    /// A key from 64 hex digits. For tests and recovery tools; the app itself
    /// only ever gets its key by unwrapping the key file.
    pub fn from_hex(hex: &str) -> Option<DbKey> {
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
        DbKey::from_bytes(&bytes?)
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<DbKey> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(DbKey(Zeroizing::new(arr)))
    }

    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as SQLCipher reads a raw key: `x'<64 hex digits>'`.
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        let hex: Zeroizing<String> = Zeroizing::new(self.0.iter().map(|b| format!("{b:02x}")).collect());
        Zeroizing::new(format!("x'{}'", hex.as_str()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("that passphrase or recovery code does not open this vault")]
    WrongSecret,
    #[error("that recovery code has a typing mistake in it")]
    RecoveryCodeTypo,
    #[error("the vault file is damaged: {0}")]
    Damaged(String),
    #[error("this vault was made by a newer version of Harbour (format {0})")]
    TooNew(u32),
    #[error("{0}")]
    Invalid(String),
    #[error("that passphrase does not open this backup")]
    BackupNotOpened,
    #[error("the backup file is damaged: {0}")]
    BackupDamaged(String),
    #[error("the vault is locked")]
    Locked,
    #[error("the vault could not be read or written: {0}")]
    Io(#[from] std::io::Error),
    #[error("the vault database failed: {0}")]
    Db(String),
}

impl From<rusqlite::Error> for VaultError {
    // A full disk or a read-only folder reaches us through SQLite as well as
    // through std::fs; both become the same io error, so the person gets the
    // same plain message whichever layer noticed.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        use std::io::{Error, ErrorKind};
        match e.sqlite_error_code() {
            Some(C::DiskFull) => VaultError::Io(Error::from(ErrorKind::StorageFull)),
            Some(C::ReadOnly) | Some(C::PermissionDenied) => VaultError::Io(Error::from(ErrorKind::PermissionDenied)),
            Some(C::CannotOpen) => VaultError::Io(Error::from(ErrorKind::NotFound)),
            Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => VaultError::Damaged("the vault database is damaged".into()),
            _ => VaultError::Db(e.to_string()),
        }
    }
}

/// Seconds since 1970, for "written at" and "signed at" times.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
