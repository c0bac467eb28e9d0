//! The vault's life (create, unlock, recover, lock) and the children in it.

use super::locking::LockReason;
use super::App;
use crate::error::{ErrorCode, UserError};
use crate::vault::children::{AgeBand, Child, ChildInput};
use crate::vault::keyfile::Secret;
use crate::vault::recovery::RecoveryCode;
use crate::vault::service::VaultState;
use crate::vault::secret_text::SecretText;
use crate::vault::strength::{self, Strength};
use crate::vault::VaultError;

impl App {
    pub fn vault_state(&self) -> Result<VaultState, UserError> {
        Ok(self.held_vault().state())
    }

    /// Makes the vault; returns the recovery code, formatted to show once. It is not kept anywhere.
    pub fn vault_create(&self, passphrase: SecretText) -> Result<String, UserError> {
        let code = self.held_vault().create(passphrase.as_str())?;
        self.opened()?;
        self.show_code(&code, true)
    }

    pub fn vault_unlock(&self, passphrase: SecretText) -> Result<(), UserError> {
        self.held_vault().unlock(&Secret::Passphrase(passphrase.as_str()))?;
        self.opened()
    }

    pub fn vault_recover(&self, code: SecretText, new_passphrase: SecretText) -> Result<(), UserError> {
        let code = RecoveryCode::parse(code.as_str())?;
        self.held_vault().recover(&code, new_passphrase.as_str()).map_err(|e| match e {
            VaultError::WrongSecret => UserError::new(ErrorCode::WrongSecret, "That recovery code does not open Harbour. Check it against your sheet and try again."),
            other => other.into(),
        })?;
        self.with_db(|db| Ok(db.set_needs_new_recovery_code(crate::vault::protection::NewCodeReason::Used)?))?;
        self.opened()
    }

    pub fn vault_lock(&self) -> Result<(), UserError> {
        self.lock(LockReason::Button);
        Ok(())
    }

    pub fn vault_change_passphrase(&self, current: SecretText, next: SecretText) -> Result<(), UserError> {
        Ok(self.held_vault().change_passphrase(current.as_str(), next.as_str())?)
    }

    /// The same judgement vault_create and vault_recover apply.
    pub fn passphrase_strength(&self, passphrase: SecretText) -> Result<Strength, UserError> {
        Ok(strength::judge(passphrase.as_str()))
    }

    /// The person is using Harbour: put off the auto-lock.
    pub fn vault_activity(&self) -> Result<(), UserError> {
        self.touch();
        Ok(())
    }

    /// The folder that holds the vault, for "Where is my data?".
    pub fn data_location(&self) -> Result<String, UserError> {
        Ok(self.held_vault().dir().display().to_string())
    }

    pub fn children_list(&self) -> Result<Vec<Child>, UserError> {
        self.with_db(|db| Ok(db.children()?))
    }

    pub fn child_add(&self, input: ChildInput) -> Result<Child, UserError> {
        self.with_db(|db| Ok(db.add_child(&input)?))
    }

    pub fn child_update(&self, id: i64, input: ChildInput) -> Result<Child, UserError> {
        self.with_db(|db| Ok(db.update_child(id, &input)?))
    }

    pub fn child_remove(&self, id: i64) -> Result<(), UserError> {
        self.with_db(|db| Ok(db.remove_child(id)?))
    }

    /// The child's age band on `today` (a birthday counts from the first of its
    /// month); null when their age is not known, or they are 18 or over.
    pub fn child_band(&self, id: i64, today: String) -> Result<Option<AgeBand>, UserError> {
        self.with_db(|db| Ok(db.child(id)?.input.age_on(&today).and_then(|a| a.band())))
    }
}
