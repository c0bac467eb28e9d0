//! The recovery code after the vault is made: typing it back to prove it was
//! kept, replacing it with a new one, and asking for a new one when the old
//! one was used or never confirmed.

use super::App;
use crate::error::{ErrorCode, UserError};
use crate::vault::protection::NewCodeReason;
use crate::vault::recovery::RecoveryCode;
use crate::vault::secret_text::SecretText;

/// A code on screen, waiting to be typed back.
pub(super) struct ShownCode {
    pub code: RecoveryCode,
    /// Already opens the vault (first run, restore); a replacement takes effect only once typed back.
    pub in_effect: bool,
}

impl App {
    /// Remembers a code the page is showing, for the person to type back.
    pub(super) fn show_code(&self, code: &RecoveryCode, in_effect: bool) -> Result<String, UserError> {
        let display = code.display().to_string();
        let code = RecoveryCode::parse(&display)?;
        *self.shown_code.lock().unwrap_or_else(|p| p.into_inner()) = Some(ShownCode { code, in_effect });
        if in_effect {
            self.with_db(|db| Ok(db.set_needs_new_recovery_code(NewCodeReason::Unconfirmed)?))?;
        }
        Ok(display)
    }

    /// Forgets a code on screen (Harbour locked): it was shown once.
    pub(super) fn forget_shown_code(&self) {
        *self.shown_code.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Whether the first-run code is on screen: auto-lock waits for it.
    pub(super) fn first_code_on_screen(&self) -> bool {
        self.shown_code.lock().unwrap_or_else(|p| p.into_inner()).as_ref().is_some_and(|s| s.in_effect)
    }

    /// Makes a new recovery code, to show once. It replaces the old one only
    /// when it is typed back (recovery_code_confirm).
    pub fn recovery_code_new(&self) -> Result<String, UserError> {
        self.with_db(|_| Ok(()))?;
        self.show_code(&RecoveryCode::generate(), false)
    }

    /// The person typed back the code on screen. A new code then replaces the
    /// old one, which stops working; either way Harbour stops asking for one.
    pub fn recovery_code_confirm(&self, typed: SecretText) -> Result<(), UserError> {
        let typed = RecoveryCode::parse(typed.as_str())?;
        let mut shown = self.shown_code.lock().unwrap_or_else(|p| p.into_inner());
        let Some(s) = shown.as_ref() else {
            return Err(UserError::new(ErrorCode::InvalidInput, "Harbour is not showing a recovery code. Make a new one in Settings."));
        };
        if !s.code.same_as(&typed) {
            return Err(UserError::new(ErrorCode::InvalidInput, "That does not match your recovery code. Check each group of five and try again."));
        }
        if !s.in_effect {
            self.held_vault().replace_recovery_code(&s.code)?;
        }
        self.with_db(|db| Ok(db.recovery_code_in_place()?))?;
        *shown = None;
        Ok(())
    }

    /// Whether Harbour should ask for a new recovery code: the last one shown
    /// was never typed back, or a code was used to open Harbour.
    pub fn recovery_code_needed(&self) -> Result<bool, UserError> {
        self.with_db(|db| Ok(db.needs_new_recovery_code()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};

    #[test]
    fn a_new_code_works_once_typed_back_and_the_old_one_stops() {
        let (app, _host) = test_app();
        let old = app.vault_create(PASS.into()).unwrap();
        assert!(app.recovery_code_needed().unwrap(), "not yet typed back");
        app.recovery_code_confirm(old.to_lowercase().replace('-', " ").as_str().into()).unwrap();
        assert!(!app.recovery_code_needed().unwrap());

        let new = app.recovery_code_new().unwrap();
        assert_ne!(new, old);
        let e = app.recovery_code_confirm(old.as_str().into()).unwrap_err();
        assert_eq!(e.message, "That does not match your recovery code. Check each group of five and try again.");
        app.vault_lock().unwrap();
        // Not typed back: the old code still works, and the new one never did.
        app.vault_recover(old.as_str().into(), "a second long passphrase".into()).unwrap();
        assert!(app.recovery_code_needed().unwrap(), "a used code should be replaced");

        let new = app.recovery_code_new().unwrap();
        app.recovery_code_confirm(new.as_str().into()).unwrap();
        assert!(!app.recovery_code_needed().unwrap());
        app.vault_lock().unwrap();
        let refused = app.vault_recover(old.as_str().into(), "a third long passphrase".into()).unwrap_err();
        assert_eq!(refused.code, ErrorCode::WrongSecret);
        assert!(refused.message.starts_with("That recovery code does not open Harbour."), "the message names the code, not a passphrase: {}", refused.message);
        app.vault_recover(new.as_str().into(), "a third long passphrase".into()).unwrap();
    }

    #[test]
    fn a_lock_during_the_first_run_code_keeps_harbour_usable_and_asks_for_a_new_code() {
        let (app, host) = test_app();
        let code = app.vault_create(PASS.into()).unwrap();
        host.advance_minutes(30);
        assert!(!app.lock_if_idle(), "auto-lock waits while the first code is on screen");
        app.quick_exit().unwrap();
        app.vault_unlock(PASS.into()).unwrap();
        assert!(app.recovery_code_needed().unwrap());
        assert!(app.recovery_code_confirm(code.as_str().into()).is_err(), "the code was shown once and is forgotten");
        let new = app.recovery_code_new().unwrap();
        app.recovery_code_confirm(new.as_str().into()).unwrap();
        assert!(!app.recovery_code_needed().unwrap());
        host.advance_minutes(30);
        assert!(app.lock_if_idle());
    }

    #[test]
    fn a_typo_is_said_before_anything_is_compared() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        assert_eq!(app.recovery_code_confirm("ABCDE-FGHJK".into()).unwrap_err().code, ErrorCode::RecoveryCodeTypo);
    }
}
