//! The desktop shell: builds the window, wires plugins, and exposes thin
//! commands over harbour-core. No domain logic lives here.

mod agreement_commands;
mod commands;
mod file_commands;
mod guide_commands;
mod idle;
mod log_commands;
mod pack_commands;
mod prefs_store;
mod vault_commands;
mod window;

use std::sync::Mutex;

use harbour_core::vault::keyfile::KdfParams;
use harbour_core::vault::service::Vault;
use harbour_core::{links::AllowList, region};
use tauri::Manager;

/// State shared by the commands.
pub struct Shell {
    /// The help sites the system browser may be asked to open.
    pub allow: AllowList,
}

pub fn run() {
    // Help sites from the region packs, and the pages each app guide and the log's advice cite.
    let guide_urls = harbour_core::guides::builtin().ok().into_iter().flatten().flat_map(|g| g.sources.iter().map(|s| s.url.as_str()));
    let log_urls = harbour_core::log_guidance::builtin().ok().into_iter().flat_map(|g| g.urls());
    let allow = AllowList::from_urls(region::builtin().iter().filter_map(|p| p.as_ref().ok()).flat_map(|r| r.urls()).chain(guide_urls).chain(log_urls));
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_opener::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(file_commands::ChosenBackup::default())
        .manage(Shell { allow })
        .invoke_handler(tauri::generate_handler![
            commands::region_list,
            commands::region_get,
            commands::prefs_get,
            commands::prefs_set,
            commands::open_help_link,
            commands::quick_exit,
            commands::ui_ready,
            vault_commands::vault_state,
            vault_commands::vault_create,
            vault_commands::vault_unlock,
            vault_commands::vault_recover,
            vault_commands::vault_lock,
            vault_commands::children_list,
            vault_commands::child_add,
            vault_commands::child_update,
            vault_commands::child_remove,
            vault_commands::vault_change_passphrase,
            vault_commands::passphrase_strength,
            vault_commands::vault_activity,
            vault_commands::data_location,
            file_commands::recovery_sheet_save,
            file_commands::backup_export,
            file_commands::backup_choose,
            file_commands::backup_restore,
            file_commands::agreement_pdf_save,
            file_commands::prompt_card_save,
            guide_commands::guides_list,
            guide_commands::checklists,
            guide_commands::check_set,
            guide_commands::checklist_recheck,
            file_commands::guide_pdf_save,
            file_commands::checklist_pdf_save,
            agreement_commands::rule_library,
            agreement_commands::conversation_planner,
            agreement_commands::app_catalogue,
            agreement_commands::agreements_overview,
            agreement_commands::agreement_for_child,
            agreement_commands::agreement_start,
            agreement_commands::agreement_add_rule,
            agreement_commands::agreement_add_own,
            agreement_commands::agreement_reword,
            agreement_commands::agreement_remove,
            agreement_commands::agreement_move,
            agreement_commands::agreement_set_signers,
            agreement_commands::agreement_set_review_months,
            agreement_commands::agreement_sign,
            agreement_commands::agreement_signed_on_paper,
            agreement_commands::agreement_history,
            agreement_commands::child_apps,
            agreement_commands::child_apps_set,
            agreement_commands::conversation_notes,
            agreement_commands::conversation_notes_save,
            log_commands::log_guidance,
            log_commands::log_add,
            log_commands::log_entry,
            log_commands::log_timeline,
            log_commands::log_amend,
            log_commands::log_attach,
            log_commands::log_delete,
            log_commands::log_deletions,
            log_commands::call_summary,
            log_commands::call_record,
            log_commands::call_sheet_save,
            log_commands::chronology_save,
            pack_commands::pack_current,
            pack_commands::pack_choose,
            pack_commands::pack_managed,
            pack_commands::pack_accept,
            pack_commands::pack_remove,
        ])
        .setup(|app| {
            let dir = app.path().app_data_dir()?.join("vault");
            app.manage(Mutex::new(Vault::new(dir, KdfParams::DEFAULT)));
            app.manage(idle::Idle::new(prefs_store::load(app.handle()).auto_lock_minutes));
            pack_commands::setup(app.handle())?;
            idle::start(app.handle().clone());
            window::create_main(app.handle())?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Harbour could not start: {e}");
            std::process::exit(1);
        });
}
