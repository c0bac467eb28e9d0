// The only file in the UI that imports @tauri-apps/*.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Api } from "./types";

export const tauriApi: Api = {
  regionList: () => invoke("region_list"),
  regionGet: (id) => invoke("region_get", { id }),
  prefsGet: () => invoke("prefs_get"),
  prefsSet: (prefs) => invoke("prefs_set", { prefs }),
  openHelpLink: (url) => invoke("open_help_link", { url }),
  quickExit: () => invoke("quick_exit"),
  uiReady: () => invoke("ui_ready"),
  vaultState: () => invoke("vault_state"),
  vaultCreate: (passphrase) => invoke("vault_create", { passphrase }),
  vaultUnlock: (passphrase) => invoke("vault_unlock", { passphrase }),
  vaultRecover: (code, newPassphrase) => invoke("vault_recover", { code, newPassphrase }),
  vaultLock: () => invoke("vault_lock"),
  passphraseStrength: (passphrase) => invoke("passphrase_strength", { passphrase }),
  vaultChangePassphrase: (current, next) => invoke("vault_change_passphrase", { current, next }),
  recoverySheetSave: (code) => invoke("recovery_sheet_save", { code }),
  vaultActivity: () => invoke("vault_activity"),
  onVaultLocked: (handler) => listen("vault-locked", () => handler()),
  dataLocation: () => invoke("data_location"),
  backupExport: (passphrase) => invoke("backup_export", { passphrase }),
  backupChoose: () => invoke("backup_choose"),
  backupRestore: (passphrase, newPassphrase) => invoke("backup_restore", { passphrase, newPassphrase }),
  childrenList: () => invoke("children_list"),
  childAdd: (input) => invoke("child_add", { input }),
  childUpdate: (id, input) => invoke("child_update", { id, input }),
  childRemove: (id) => invoke("child_remove", { id }),
};
