//! The one error shape the UI receives: a stable code to branch on and a plain
//! sentence a person can read. Messages never contain personal data.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vault::VaultError;
use crate::{links::LinkError, region::RegionError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    UnknownRegion,
    BrokenContent,
    LinkRefused,
    OpenFailed,
    PreferencesNotSaved,
    WindowFailed,
    WrongSecret,
    RecoveryCodeTypo,
    VaultDamaged,
    VaultTooNew,
    VaultLocked,
    InvalidInput,
    StorageFailed,
    StorageFull,
    StorageReadOnly,
    BackupDamaged,
    /// An agency pack was refused: damaged, not signed, or not from the same agency key.
    PackRefused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct UserError {
    pub code: ErrorCode,
    pub message: String,
}

impl UserError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        UserError { code, message: message.into() }
    }
}

impl From<RegionError> for UserError {
    fn from(e: RegionError) -> Self {
        match e {
            RegionError::Unknown(_) => UserError::new(ErrorCode::UnknownRegion, "Harbour has no help list for that region."),
            RegionError::Parse(_) | RegionError::Invalid(_) => UserError::new(
                ErrorCode::BrokenContent,
                format!("Harbour's help list is damaged, so it is not shown. In an emergency call 999. ({e})"),
            ),
        }
    }
}

impl From<LinkError> for UserError {
    fn from(e: LinkError) -> Self {
        UserError::new(ErrorCode::LinkRefused, format!("Harbour did not open that link: {e}."))
    }
}

fn io_error(io: &std::io::Error) -> UserError {
    use std::io::ErrorKind as K;
    match io.kind() {
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => UserError::new(
            ErrorCode::StorageFull,
            "This computer's disk is full, so Harbour did not save. Nothing was lost. Free up some space, then try again.",
        ),
        K::ReadOnlyFilesystem | K::PermissionDenied => UserError::new(
            ErrorCode::StorageReadOnly,
            "Harbour is not allowed to write to its folder, so nothing was changed. Settings shows where the folder is; it needs to be writable by you.",
        ),
        kind => UserError::new(
            ErrorCode::StorageFailed,
            format!("Harbour could not save to this computer, so nothing was changed. ({kind})"),
        ),
    }
}

impl From<VaultError> for UserError {
    // Messages say what happened and what to do; they never repeat what a person typed.
    fn from(e: VaultError) -> Self {
        use ErrorCode::*;
        match e {
            VaultError::WrongSecret => UserError::new(WrongSecret, "That passphrase does not open Harbour. Check it and try again, or use your recovery code."),
            VaultError::RecoveryCodeTypo => UserError::new(RecoveryCodeTypo, "That recovery code has a typing mistake. Check each group of five and try again."),
            VaultError::Damaged(why) => UserError::new(VaultDamaged, format!("Harbour's locked data is damaged, so it was left exactly as it is. ({why})")),
            VaultError::TooNew(_) => UserError::new(VaultTooNew, "This data was saved by a newer version of Harbour. Please update Harbour to open it."),
            VaultError::Locked => UserError::new(VaultLocked, "Harbour is locked. Unlock it to carry on."),
            VaultError::BackupNotOpened => UserError::new(WrongSecret, "That passphrase does not open this backup. Check it and try again. Nothing in Harbour has changed."),
            VaultError::BackupDamaged(why) => UserError::new(BackupDamaged, format!("That backup file cannot be used: {why}. Nothing was restored, and your data in Harbour has not changed.")),
            VaultError::Invalid(msg) => UserError::new(InvalidInput, msg),
            VaultError::Io(io) => io_error(&io),
            VaultError::Db(_) => UserError::new(StorageFailed, "Harbour could not save to its locked data, so nothing was changed."),
        }
    }
}

impl From<crate::agency::PackFileError> for UserError {
    fn from(e: crate::agency::PackFileError) -> Self {
        use crate::agency::PackFileError::*;
        match e {
            Io(io) => UserError::from(VaultError::from(io)),
            other => UserError::new(ErrorCode::PackRefused, other.to_string()),
        }
    }
}
