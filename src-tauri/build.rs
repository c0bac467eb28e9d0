fn main() {
    // The page has one command, `call`, which hands every request to
    // harbour_core::app::dispatch; the list of what it may ask lives there.
    let manifest = tauri_build::AppManifest::new().commands(&["call"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script failed");
}

