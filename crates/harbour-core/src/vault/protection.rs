//! What the vault remembers about its own protection: the agency pack the
//! carer accepted, and whether the recovery code should be replaced.
//!
//! The agency pack the carer accepted, as the vault remembers it: its key's
//! fingerprint, its version and the agency's name. The pack file itself lives
//! outside the vault (it holds nothing personal), so anyone at the computer
//! could swap it while Harbour is locked; the pin tells at the next unlock.

use rusqlite::{params, OptionalExtension};

use super::db::Db;
use super::VaultError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedPack {
    pub fingerprint: String,
    pub pack_version: u32,
    pub agency: String,
}

impl Db {
    pub fn pinned_pack(&self) -> Result<Option<PinnedPack>, VaultError> {
        Ok(self
            .conn
            .query_row("SELECT fingerprint, pack_version, agency FROM pinned_pack WHERE id = 1", [], |r| {
                Ok(PinnedPack { fingerprint: r.get(0)?, pack_version: r.get(1)?, agency: r.get(2)? })
            })
            .optional()?)
    }

    pub fn pin_pack(&self, pin: &PinnedPack) -> Result<(), VaultError> {
        self.conn.execute(
            "INSERT INTO pinned_pack (id, fingerprint, pack_version, agency) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, pack_version = excluded.pack_version, agency = excluded.agency",
            params![pin.fingerprint, pin.pack_version, pin.agency],
        )?;
        Ok(())
    }

    pub fn unpin_pack(&self) -> Result<(), VaultError> {
        self.conn.execute("DELETE FROM pinned_pack", [])?;
        Ok(())
    }

    /// Whether the person should make a new recovery code: the one they were
    /// shown was never confirmed, or it has been used to open Harbour.
    pub fn needs_new_recovery_code(&self) -> Result<bool, VaultError> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM recovery_code_state)", [], |r| r.get(0))?)
    }

    pub fn set_needs_new_recovery_code(&self, why: NewCodeReason) -> Result<(), VaultError> {
        let why = match why {
            NewCodeReason::Unconfirmed => "unconfirmed",
            NewCodeReason::Used => "used",
        };
        self.conn.execute(
            "INSERT INTO recovery_code_state (id, needs_new) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET needs_new = excluded.needs_new",
            [why],
        )?;
        Ok(())
    }

    pub fn recovery_code_in_place(&self) -> Result<(), VaultError> {
        self.conn.execute("DELETE FROM recovery_code_state", [])?;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewCodeReason {
    /// Shown at first run (or after a restore) but not typed back.
    Unconfirmed,
    /// Used to open Harbour: whoever had it may still have it.
    Used,
}
