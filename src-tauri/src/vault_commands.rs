//! Thin commands over harbour_core::vault. They run off the main thread
//! (`async`), because unlocking takes about half a second by design.

use std::sync::{Mutex, MutexGuard};

use harbour_core::error::UserError;
use harbour_core::vault::children::{Child, ChildInput};
use harbour_core::vault::keyfile::Secret;
use harbour_core::vault::recovery::RecoveryCode;
use harbour_core::vault::service::{Vault, VaultState};
use harbour_core::vault::strength::{self, Strength};
use tauri::State;

use crate::idle::Idle;

pub type VaultCell = Mutex<Vault>;

pub fn vault<'a>(cell: &'a State<'_, VaultCell>) -> MutexGuard<'a, Vault> {
    // A panic while holding the lock cannot leave the vault half-changed
    // (every change is one SQLite transaction), so carry on with it.
    cell.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn lock(cell: &State<'_, VaultCell>) {
    vault(cell).lock();
}

/// Locks and says whether there was anything to lock.
pub fn lock_if_unlocked(cell: &State<'_, VaultCell>) -> bool {
    let mut v = vault(cell);
    let was_open = v.state() == VaultState::Unlocked;
    v.lock();
    was_open
}

#[tauri::command(async)]
pub fn vault_state(cell: State<'_, VaultCell>) -> VaultState {
    vault(&cell).state()
}

/// Returns the recovery code, formatted to show once. It is not kept anywhere.
#[tauri::command(async)]
pub fn vault_create(cell: State<'_, VaultCell>, idle: State<'_, Idle>, passphrase: String) -> Result<String, UserError> {
    let code = vault(&cell).create(&passphrase)?;
    idle.touch();
    Ok(code.display().to_string())
}

#[tauri::command(async)]
pub fn vault_unlock(cell: State<'_, VaultCell>, idle: State<'_, Idle>, passphrase: String) -> Result<(), UserError> {
    vault(&cell).unlock(&Secret::Passphrase(&passphrase))?;
    idle.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn vault_recover(cell: State<'_, VaultCell>, idle: State<'_, Idle>, code: String, new_passphrase: String) -> Result<(), UserError> {
    let code = RecoveryCode::parse(&code)?;
    vault(&cell).recover(&code, &new_passphrase)?;
    idle.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn vault_change_passphrase(cell: State<'_, VaultCell>, current: String, next: String) -> Result<(), UserError> {
    Ok(vault(&cell).change_passphrase(&current, &next)?)
}

#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> Strength {
    strength::judge(&passphrase)
}

/// The person is using Harbour: put off the auto-lock.
#[tauri::command]
pub fn vault_activity(idle: State<'_, Idle>) {
    idle.touch();
}

#[tauri::command(async)]
pub fn data_location(cell: State<'_, VaultCell>) -> String {
    vault(&cell).dir().display().to_string()
}

#[tauri::command(async)]
pub fn vault_lock(cell: State<'_, VaultCell>) {
    lock(&cell);
}

#[tauri::command(async)]
pub fn children_list(cell: State<'_, VaultCell>) -> Result<Vec<Child>, UserError> {
    Ok(vault(&cell).db()?.children()?)
}

#[tauri::command(async)]
pub fn child_add(cell: State<'_, VaultCell>, input: ChildInput) -> Result<Child, UserError> {
    Ok(vault(&cell).db()?.add_child(&input)?)
}

#[tauri::command(async)]
pub fn child_update(cell: State<'_, VaultCell>, id: i64, input: ChildInput) -> Result<Child, UserError> {
    Ok(vault(&cell).db()?.update_child(id, &input)?)
}

#[tauri::command(async)]
pub fn child_remove(cell: State<'_, VaultCell>, id: i64) -> Result<(), UserError> {
    Ok(vault(&cell).db()?.remove_child(id)?)
}
