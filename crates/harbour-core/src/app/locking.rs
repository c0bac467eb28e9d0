//! Every way Harbour locks, and the one sentence that tells the person why.

use super::App;
use crate::error::UserError;

/// Why the vault was locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    /// The Lock button.
    Button,
    QuickExit,
    /// Nobody used Harbour for the chosen time.
    Idle,
    /// The computer slept (or was about to).
    Sleep,
    /// The desktop session or its screen was locked.
    ScreenLocked,
}

impl LockReason {
    fn notice(self) -> &'static str {
        match self {
            LockReason::Button => "You locked Harbour.",
            LockReason::QuickExit => "Harbour locked itself when you used Quick exit.",
            LockReason::Idle => "Harbour locked itself because it was not used for a while.",
            LockReason::Sleep => "Harbour locked itself because the computer went to sleep.",
            LockReason::ScreenLocked => "Harbour locked itself because the computer's screen was locked.",
        }
    }
}

impl App {
    /// Locks the vault and forgets any code on screen. Says whether it was open.
    pub(super) fn lock(&self, reason: LockReason) -> bool {
        let mut v = self.held_vault();
        let was_open = v.db().is_ok();
        v.lock();
        drop(v);
        self.forget_shown_code();
        if was_open {
            *self.last_lock.lock().unwrap_or_else(|p| p.into_inner()) = Some(reason);
        }
        was_open
    }

    /// After the vault opens by any route: the idle time starts again, the
    /// lock reason is forgotten and the agency pack is held to its pin.
    pub(super) fn opened(&self) -> Result<(), UserError> {
        self.touch();
        *self.last_lock.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.check_pack_pin()
    }

    /// Called on the shell's timer: locks when the idle time has run out (or
    /// the computer slept through it) and tells the page. Says whether it locked.
    pub fn lock_if_idle(&self) -> bool {
        match self.idle.expired(self.host.now()) {
            Some(reason) if !self.first_code_on_screen() => self.lock_by_itself(reason),
            _ => false,
        }
    }

    /// The computer is going to sleep or its screen is locking: lock now and
    /// tell the page. Says whether there was anything to lock.
    pub fn lock_by_itself(&self, reason: LockReason) -> bool {
        let locked = self.lock(reason);
        if locked {
            self.host.vault_locked_by_itself();
        }
        locked
    }

    /// Why Harbour last locked, in a sentence for the unlock screen; none once unlocked again.
    pub fn lock_notice(&self) -> Result<Option<String>, UserError> {
        Ok(self.last_lock.lock().unwrap_or_else(|p| p.into_inner()).map(|r| r.notice().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};

    #[test]
    fn the_unlock_screen_is_told_why_harbour_locked() {
        let (app, host) = test_app();
        assert_eq!(app.lock_notice().unwrap(), None, "never locked: nothing to explain");
        app.vault_create(PASS.into()).unwrap();

        app.vault_lock().unwrap();
        assert_eq!(app.lock_notice().unwrap().as_deref(), Some("You locked Harbour."));
        app.vault_lock().unwrap();
        assert_eq!(app.lock_notice().unwrap().as_deref(), Some("You locked Harbour."), "locking a locked vault keeps the reason");

        app.vault_unlock(PASS.into()).unwrap();
        assert_eq!(app.lock_notice().unwrap(), None, "unlocking forgets it");
        assert!(app.lock_by_itself(LockReason::ScreenLocked));
        assert_eq!(app.lock_notice().unwrap().as_deref(), Some("Harbour locked itself because the computer's screen was locked."));
        assert!(!app.lock_by_itself(LockReason::Sleep), "nothing to lock: the first reason stays");
        assert_eq!(host.locks_told(), 1);
        assert!(app.lock_notice().unwrap().unwrap().contains("screen was locked"));

        app.vault_unlock(PASS.into()).unwrap();
        app.quick_exit().unwrap();
        assert!(app.lock_notice().unwrap().unwrap().contains("Quick exit"));
    }

    #[test]
    fn sleeping_through_the_idle_time_is_told_as_sleep_and_sitting_unused_as_idle() {
        let (app, host) = test_app();
        let code = app.vault_create(PASS.into()).unwrap();
        app.recovery_code_confirm(code.as_str().into()).unwrap();
        host.sleep_minutes(3 * 60);
        assert!(app.lock_if_idle());
        assert!(app.lock_notice().unwrap().unwrap().contains("went to sleep"));

        app.vault_unlock(PASS.into()).unwrap();
        host.advance_minutes(60);
        assert!(app.lock_if_idle());
        assert!(app.lock_notice().unwrap().unwrap().contains("not used for a while"));
    }
}
