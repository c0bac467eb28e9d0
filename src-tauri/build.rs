fn main() {
    // Listing the app's commands here makes Tauri generate one permission per
    // command, so capabilities/main.json can allow exactly these and no others.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "region_list",
        "region_get",
        "prefs_get",
        "prefs_set",
        "open_help_link",
        "quick_exit",
        "ui_ready",
        "vault_state",
        "vault_create",
        "vault_unlock",
        "vault_recover",
        "vault_lock",
        "children_list",
        "child_add",
        "child_update",
        "child_remove",
        "vault_change_passphrase",
        "passphrase_strength",
        "vault_activity",
        "data_location",
        "recovery_sheet_save",
        "backup_export",
        "backup_choose",
        "backup_restore",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script failed");
}

