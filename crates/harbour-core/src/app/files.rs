//! The recovery sheet and backups: files the person chooses in a system dialog.

use std::path::Path;

use super::{file_name, App, FileDialog};
use crate::dates::unix_in_words;
use crate::error::{ErrorCode, UserError};
use crate::vault::backup::{self, BackupInfo, RestoreResult};
use crate::vault::recovery::RecoveryCode;
use crate::vault::secret_text::SecretText;
use crate::print::recovery_sheet;
use crate::vault::{strength, unix_now, VaultError};

pub const BACKUP_EXTENSION: &str = "harbour-backup";

fn read_backup(path: &Path) -> Result<Vec<u8>, VaultError> {
    let len = std::fs::metadata(path)?.len();
    if len > backup::MAX_FILE_LEN {
        return Err(VaultError::BackupDamaged("it is far too large to be a Harbour backup".into()));
    }
    Ok(std::fs::read(path)?)
}

impl App {
    /// Asks where to save the printable recovery sheet, then writes it. The
    /// code comes from the page, which is showing it; it is checked, never kept.
    /// Resolves to the saved file's name, or null if the person cancelled.
    pub fn recovery_sheet_save(&self, code: SecretText) -> Result<Option<String>, UserError> {
        let code = RecoveryCode::parse(code.as_str())?;
        let pdf = recovery_sheet::render(&code, &unix_in_words(unix_now()));
        self.save_with_dialog(FileDialog::save("Save your recovery sheet", "PDF document", &["pdf"]), &pdf)
    }

    /// Asks where to save, then writes the whole vault sealed under `passphrase`.
    /// Needs the vault unlocked. Null if cancelled.
    pub fn backup_export(&self, passphrase: SecretText) -> Result<Option<String>, UserError> {
        // Refuse before the dialog if it cannot work, so no one picks a place for nothing.
        self.with_db(|_| Ok(()))?;
        strength::require_acceptable(passphrase.as_str())?;
        let bytes = zeroize::Zeroizing::new(self.held_vault().backup(passphrase.as_str())?);
        self.save_with_dialog(FileDialog::save("Save a backup", "Harbour backup", &[BACKUP_EXTENSION]), &bytes)
    }

    /// Asks which backup to restore and reads only its outer label. Null if cancelled.
    pub fn backup_choose(&self) -> Result<Option<BackupInfo>, UserError> {
        let Some(path) = self.host.pick_file(&FileDialog::open("Choose a Harbour backup", "Harbour backup", &[BACKUP_EXTENSION])) else { return Ok(None) };
        let info = backup::info(&read_backup(&path)?, &file_name(&path))?;
        *self.chosen_backup.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(info))
    }

    /// Opens and checks the chosen backup in full, then restores it. With no
    /// vault yet, `new_passphrase` is required and becomes this computer's
    /// passphrase, and the result holds a new recovery code to show once. With
    /// a vault, it must be unlocked, `new_passphrase` is null, and the current
    /// data is kept aside until the restored copy is proven to open.
    pub fn backup_restore(&self, passphrase: SecretText, new_passphrase: Option<SecretText>) -> Result<RestoreResult, UserError> {
        let chosen = self.chosen_backup.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let path = chosen.ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Please choose the backup file first."))?;
        let verified = backup::open(&read_backup(&path)?, passphrase.as_str())?;
        let code = self.held_vault().restore(&verified, new_passphrase.as_ref().map(SecretText::as_str))?;
        self.opened()?;
        *self.chosen_backup.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(RestoreResult { recovery_code: code.map(|c| self.show_code(&c, true)).transpose()? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};
    use crate::vault::children::{AgeBand, ChildInput};

    #[test]
    fn a_backup_made_here_restores_on_a_new_computer() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let child = ChildInput { name: "Rowan".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false };
        app.child_add(child).unwrap();
        let file = host.dir().join("b.harbour-backup");
        host.answer_next_dialog(Some(file.clone()));
        app.backup_export("a separate backup phrase".into()).unwrap().unwrap();

        let (other, other_host) = test_app();
        assert_eq!(other.backup_restore("x".into(), None).unwrap_err().message, "Please choose the backup file first.");
        other_host.answer_next_dialog(Some(file));
        assert_eq!(other.backup_choose().unwrap().unwrap().file_name, "b.harbour-backup");
        assert_eq!(other.backup_restore("wrong words entirely".into(), Some(PASS.into())).unwrap_err().code, ErrorCode::WrongSecret);
        let code = other.backup_restore("a separate backup phrase".into(), Some(PASS.into())).unwrap().recovery_code;
        assert!(code.is_some(), "a new vault gets a new recovery code");
        assert_eq!(other.children_list().unwrap()[0].input.name, "Rowan");
    }
}
