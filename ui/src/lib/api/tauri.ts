// The only file in the UI that imports @tauri-apps/*.
import { invoke } from "@tauri-apps/api/core";
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
  childrenList: () => invoke("children_list"),
  childAdd: (input) => invoke("child_add", { input }),
  childUpdate: (id, input) => invoke("child_update", { id, input }),
  childRemove: (id) => invoke("child_remove", { id }),
};
