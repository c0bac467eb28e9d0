//! Every command the page can send, listed once. The list generates the
//! dispatcher the desktop shell and the test host call, and the TypeScript the
//! page calls through (`ui/src/lib/api/commands.ts`), so a command's name,
//! arguments and result cannot drift apart.

use serde_json::Value;

use super::App;
use crate::error::{ErrorCode, UserError};

/// Deserialises the arguments of one command; `null` means none.
fn args<T: serde::de::DeserializeOwned>(command: &str, value: Value) -> Result<T, UserError> {
    let value = if value.is_null() { Value::Object(Default::default()) } else { value };
    serde_json::from_value(value).map_err(|e| UserError::new(ErrorCode::InvalidInput, format!("Harbour could not read what the screen sent for {command}. ({e})")))
}

fn result<T: serde::Serialize>(out: T) -> Result<Value, UserError> {
    serde_json::to_value(out).map_err(|_| UserError::new(ErrorCode::InvalidInput, "Harbour could not send its answer to the screen."))
}

/// One command as the TypeScript generator sees it.
#[cfg(test)]
pub struct Signature {
    pub name: &'static str,
    pub doc: Vec<&'static str>,
    /// (name, TypeScript type) for each argument, in order.
    pub args: Vec<(&'static str, String)>,
    pub result: String,
    /// Generated types the command uses, to import.
    pub imports: Vec<String>,
}

#[cfg(test)]
fn ts_type<T: ts_rs::TS + 'static + ?Sized>(imports: &mut Vec<String>) -> String {
    use ts_rs::{Config, Dependency, TypeVisitor, TS};
    struct Named<'a>(&'a Config, &'a mut Vec<String>);
    impl TypeVisitor for Named<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            match Dependency::from_ty::<U>(self.0) {
                Some(d) => self.1.push(d.ts_name),
                None => U::visit_generics(self),
            }
        }
    }
    let cfg = Config::new().with_large_int("number");
    Named(&cfg, imports).visit::<T>();
    T::name(&cfg)
}

macro_rules! commands {
    ($( $(#[doc = $doc:literal])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty; )*) => {
        /// Runs one command by name with its arguments as JSON.
        pub fn dispatch(app: &App, command: &str, arguments: Value) -> Result<Value, UserError> {
            match command {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(deny_unknown_fields)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = args(command, arguments)?;
                    let out: $out = app.$name($($arg),*)?;
                    result(out)
                })*
                _ => Err(UserError::new(ErrorCode::InvalidInput, "Harbour does not know that command.")),
            }
        }

        /// Every command's name, in the order listed.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        #[cfg(test)]
        pub fn signatures() -> Vec<Signature> {
            vec![$({
                let mut imports = Vec::new();
                let args = vec![$((stringify!($arg), ts_type::<$ty>(&mut imports))),*];
                let result = ts_type::<$out>(&mut imports);
                Signature { name: stringify!($name), doc: vec![$($doc),*], args, result, imports }
            }),*]
        }
    };
}

use crate::agency::{PackInfo, PackOffer};
use crate::agreement::conversations::Planner;
use crate::agreement::rules::{Rule, RuleLibrary, Voice};
use crate::apps::{Catalogue, ChildApps};
use super::agreements::{ConversationFit, OfferedSection};
use super::guides::ListedGuide;
use crate::log_guidance::LogGuidance;
use crate::law::LawStatement;
use crate::nation::{Nation, NationChoice};
use crate::prefs::Preferences;
use crate::print::call_sheet::CallSummary;
use crate::region::{Region, RegionSummary};
use crate::vault::agreements::{Agreement, AgreementSummary, HistoryEntry, SignerInput};
use crate::vault::backup::{BackupInfo, RestoreResult};
use crate::vault::checklists::{CheckState, Checklist};
use crate::vault::delegated_authority::{AuthorityChoice, DelegatedAuthority};
use crate::vault::children::{AgeBand, Child, ChildInput};
use crate::vault::log::{Deletion, LogEntry, LogEntryInput, LogFilter, Timeline};
use crate::vault::service::VaultState;
use crate::vault::secret_text::SecretText;
use crate::vault::strength::Strength;
use super::handover::HandoverTo;
use super::PlacementEndPlan;
use crate::vault::placement::PlacementNote;
use super::log::ChronologyFormat;
use super::settings::FirstScreen;

commands! {
    // Settings, help and the window.
    fn region_list() -> Vec<RegionSummary>;
    fn region_get(id: String) -> Region;
    /// The help list for the region in the preferences, so the first screen needs one question.
    fn help_region() -> Region;
    fn prefs_get() -> Preferences;
    /// Everything the first screen shows, in one answer. The desktop also gives it to the page before its scripts run.
    fn first_screen() -> FirstScreen;
    fn prefs_set(prefs: Preferences) -> Preferences;
    /// The answer to "Which part of the UK do you live in?"; null is "not sure".
    fn nation_set(nation: Option<Nation>) -> Preferences;
    /// The answers to that question, in order.
    fn nation_choices() -> Vec<NationChoice>;
    /// What the law says about nude and sexual images, for the family's nation, with its sources.
    fn law_on_images() -> Vec<LawStatement>;
    /// Opens an allow-listed help site in the system browser.
    fn open_help_link(url: String) -> ();
    /// Locks Harbour and hides the window, after the page has blanked itself.
    fn quick_exit() -> ();
    /// Tells Harbour the first screen is drawn.
    fn ui_ready() -> ();

    // The vault and the family.
    fn vault_state() -> VaultState;
    /// Makes the vault; resolves to the recovery code, to show once.
    fn vault_create(passphrase: SecretText) -> String;
    fn vault_unlock(passphrase: SecretText) -> ();
    fn vault_recover(code: SecretText, new_passphrase: SecretText) -> ();
    fn vault_lock() -> ();
    /// Why Harbour last locked, in a sentence for the unlock screen; null once it is unlocked again.
    fn lock_notice() -> Option<String>;
    /// Rust's judgement of a passphrase, the same one vaultCreate and vaultRecover apply.
    fn passphrase_strength(passphrase: SecretText) -> Strength;
    fn vault_change_passphrase(current: SecretText, next: SecretText) -> ();
    /// Tells Rust the person is using Harbour, so auto-lock waits. Call it on input, at most every few seconds.
    fn vault_activity() -> ();
    /// The folder that holds the vault, for "Where is my data?".
    fn data_location() -> String;
    /// Makes a new recovery code to show once; it replaces the old one only when typed back.
    fn recovery_code_new() -> String;
    /// The person typed back the recovery code on screen; a new one then replaces the old one.
    fn recovery_code_confirm(typed: SecretText) -> ();
    /// Whether to ask for a new recovery code: the last one was never typed back, or was used.
    fn recovery_code_needed() -> bool;
    /// Asks where to save the printable recovery sheet, then writes it. The file's name, or null if cancelled.
    fn recovery_sheet_save(code: SecretText) -> Option<String>;
    /// Asks where to save, then writes an encrypted backup. Needs the vault unlocked. The file's name, or null if cancelled.
    fn backup_export(passphrase: SecretText) -> Option<String>;
    /// Asks which backup file to restore; reads only its outer label. Null if cancelled.
    fn backup_choose() -> Option<BackupInfo>;
    /// Restores the chosen backup. With no vault yet, newPassphrase is required and the result holds a new recovery code to show once; with a vault, it must be unlocked and newPassphrase is null.
    fn backup_restore(passphrase: SecretText, new_passphrase: Option<SecretText>) -> RestoreResult;
    fn children_list() -> Vec<Child>;
    fn child_add(input: ChildInput) -> Child;
    fn child_update(id: i64, input: ChildInput) -> Child;
    fn child_remove(id: i64) -> ();
    /// The child's age band today; null when their age is not known, or they are 18 or over.
    fn child_band(id: i64, today: String) -> Option<AgeBand>;

    // Agreements. `today` is the local date, YYYY-MM-DD. Every change resolves to the agreement as it now is.
    fn rule_library() -> RuleLibrary;
    fn conversation_planner() -> &'static Planner;
    fn app_catalogue() -> &'static Catalogue;
    fn agreements_overview(today: String) -> Vec<AgreementSummary>;
    fn agreement_for_child(child_id: i64) -> Option<Agreement>;
    /// Starts with Harbour's short set of rules for the child's age (and an agency's required rules for a looked-after child).
    fn agreement_start(child_id: i64, today: String) -> Agreement;
    fn agreement_add_rule(id: i64, rule_id: String) -> Agreement;
    fn agreement_add_own(id: i64, section: String, voice: Voice, text: String) -> Agreement;
    fn agreement_reword(id: i64, item_id: i64, text: String) -> Agreement;
    fn agreement_remove(id: i64, item_id: i64) -> Agreement;
    /// Moves a rule to position `to` (0 is first).
    fn agreement_move(id: i64, item_id: i64, to: usize) -> Agreement;
    fn agreement_set_signers(id: i64, signers: Vec<SignerInput>) -> Agreement;
    fn agreement_set_review_months(id: i64, months: u32) -> Agreement;
    /// Everyone types their name; `typed` pairs a signer id with what they typed.
    fn agreement_sign(id: i64, typed: Vec<(i64, String)>, today: String) -> Agreement;
    fn agreement_signed_on_paper(id: i64, today: String) -> Agreement;
    /// The rules the agency asks every looked-after child's agreement to hold that this one does not.
    fn agreement_missing_required(id: i64) -> Vec<Rule>;
    /// The rules that could be added: for the child's age, suiting the child, not in yet, by section.
    fn agreement_offer(id: i64, today: String) -> Vec<OfferedSection>;
    /// The planner's topics (and their rules) that suit the child, or with none chosen the family, with the words for the child's band today, or with no child chosen for `band` (null: the family's band).
    fn conversation_fit(child_id: Option<i64>, band: Option<AgeBand>, today: String) -> ConversationFit;
    fn agreement_history(id: i64) -> Vec<HistoryEntry>;
    /// Asks where to save, then writes the agreement as a PDF: the signed version `versionId`, or as it reads now when null. Null if cancelled.
    fn agreement_pdf_save(id: i64, version_id: Option<i64>, today: String) -> Option<String>;
    /// For a looked-after child: who decides about phones, apps, social media, photos and staying over, with a caution where it is not the carer.
    fn delegated_authority(child_id: i64) -> DelegatedAuthority;
    /// Records who decides what, as the placement plan says, all or none; a null decider is "not recorded yet".
    fn delegated_authority_set(child_id: i64, choices: Vec<AuthorityChoice>) -> DelegatedAuthority;
    fn child_apps(child_id: i64, today: String) -> ChildApps;
    fn child_apps_set(child_id: i64, apps: Vec<String>, today: String) -> ChildApps;
    fn conversation_notes(topic: String, child_id: Option<i64>) -> String;
    fn conversation_notes_save(topic: String, child_id: Option<i64>, notes: String) -> ();
    /// Asks where to save, then writes a one-page prompt card for the talk. Null if cancelled.
    fn prompt_card_save(topic: String, child_id: Option<i64>, band: AgeBand) -> Option<String>;

    // App guides: content that needs no unlocking, and each child's checklists in the vault.
    /// Every guide, with whether it may be out of date today and the ages too young for it.
    fn guides_list(today: String) -> Vec<ListedGuide>;
    /// The child's checklist for every guide, in the same order as guidesList.
    fn checklists(child_id: i64, today: String) -> Vec<Checklist>;
    /// Marks a setting done, not applicable, or (null) not done yet.
    fn check_set(child_id: i64, guide_id: String, setting_id: String, state: Option<CheckState>, today: String) -> Checklist;
    /// "We went through it again today"; months (1 to 12) changes how often to be reminded.
    fn checklist_recheck(child_id: i64, guide_id: String, months: Option<u32>, today: String) -> Checklist;
    /// Asks where to save, then writes one guide as a PDF. Null if cancelled.
    fn guide_pdf_save(guide_id: String) -> Option<String>;
    /// Asks where to save, then writes a child's checklist for their apps as a PDF. Null if cancelled.
    fn checklist_pdf_save(child_id: i64, today: String) -> Option<String>;

    // Concern log. Entries are never edited: corrections are amendments.
    /// What to do next for each kind of worry, with sources; needs no unlocking.
    fn log_guidance() -> &'static LogGuidance;
    fn log_add(input: LogEntryInput) -> LogEntry;
    /// One entry with its amendments and files.
    fn log_entry(id: i64) -> LogEntry;
    /// Newest first: the first `limit` matching entries (all when 0) and how many match.
    fn log_timeline(filter: LogFilter, limit: u32) -> Timeline;
    fn log_amend(id: i64, text: String, writer: String) -> LogEntry;
    /// Adds the child's own words to an entry about them, marked as theirs and dated; the entry is not changed.
    fn log_child_statement(id: i64, text: String, written_down_by: String) -> LogEntry;
    /// After the person confirms the file shows no sexual image of a child, asks which file to keep with the entry. Null if cancelled.
    fn log_attach(id: i64, no_child_image: bool) -> Option<LogEntry>;
    /// Deletes on purpose, leaving a dated note that the entry existed.
    fn log_delete(id: i64, reason: String) -> Deletion;
    fn log_deletions() -> Vec<Deletion>;
    /// The facts police ask for, in order, from the chosen entries.
    fn call_summary(ids: Vec<i64>, today: String) -> CallSummary;
    /// Adds the call's reference number and officer to every chosen entry, all or none.
    fn call_record(ids: Vec<i64>, reference: String, officer: String, called: String, writer: String) -> ();
    /// Asks where to save, then writes the sheet for the 101 call. Null if cancelled.
    fn call_sheet_save(ids: Vec<i64>, today: String) -> Option<String>;
    /// Asks where to save, then writes the chronology as a PDF or as plain text. Null if cancelled.
    fn chronology_save(ids: Vec<i64>, made_by: String, format: ChronologyFormat) -> Option<String>;
    /// Asks where to save, then writes the chosen entries and their files encrypted for the agency or a named person, and notes the hand-over on each entry. Null if cancelled.
    fn handover_save(ids: Vec<i64>, made_by: String, to: HandoverTo) -> Option<String>;
    /// For a looked-after child: what is held, what is not yet handed over, and what the agency's pack asks.
    fn placement_end_plan(child_id: i64) -> PlacementEndPlan;
    /// Removes the child's records once all are handed over, after the person types the child's name; leaves a dated note.
    fn placement_end(child_id: i64, typed_name: String) -> PlacementNote;
    /// The dated notes of placements that ended, newest first.
    fn placement_notes() -> Vec<PlacementNote>;

    // Agency packs: signed files a foster agency gives its carers.
    /// The pack in use, or null. Fails (with a message) if the pack on this computer is damaged.
    fn pack_current() -> Option<PackInfo>;
    /// Asks for a pack file, checks it and offers it. Null if cancelled.
    fn pack_choose() -> Option<PackOffer>;
    /// A pack an administrator put in the managed folder, offered when none is in use.
    fn pack_managed() -> Option<PackOffer>;
    /// Uses the offered pack (named by its SHA-256) once the carer has typed the fingerprint their agency gave them; a newer pack from the same agency needs none.
    fn pack_accept(fingerprint: String, sha256: String) -> PackInfo;
    fn pack_remove() -> ();
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::scripted::ScriptedHost;
    use crate::app::AppConfig;
    use crate::vault::keyfile::KdfParams;

    pub const PASS: &str = "kettle harbour seven lanterns";

    /// An app over a fresh folder with a scripted desktop and cheap keys.
    pub fn test_app() -> (App, Arc<ScriptedHost>) {
        let host = Arc::new(ScriptedHost::new());
        let config = AppConfig { data_dir: host.dir().join("data"), kdf: KdfParams::TEST, managed_pack_dirs: vec![host.dir().join("managed")] };
        (App::new(config, host.clone()), host)
    }

    #[test]
    fn commands_run_by_name_with_json_arguments() {
        let (app, _host) = test_app();
        assert_eq!(dispatch(&app, "vault_state", Value::Null).unwrap(), "absent");
        let code = dispatch(&app, "vault_create", serde_json::json!({ "passphrase": PASS })).unwrap();
        assert_eq!(code.as_str().unwrap().len(), 29, "the recovery code, shown once");
        assert_eq!(dispatch(&app, "children_list", serde_json::json!({})).unwrap(), serde_json::json!([]));
    }

    #[test]
    fn unknown_commands_and_arguments_are_refused_plainly() {
        let (app, _host) = test_app();
        assert_eq!(dispatch(&app, "rm_rf", Value::Null).unwrap_err().message, "Harbour does not know that command.");
        let wrong = dispatch(&app, "region_get", serde_json::json!({ "id": "uk", "extra": 1 })).unwrap_err();
        assert_eq!(wrong.code, ErrorCode::InvalidInput);
        assert!(dispatch(&app, "region_get", serde_json::json!({ "id": 7 })).is_err());
        assert!(dispatch(&app, "region_get", Value::Null).is_err(), "a missing argument");
    }

    #[test]
    fn a_locked_vault_refuses_what_needs_it() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        app.vault_lock().unwrap();
        for command in ["children_list", "log_deletions"] {
            assert_eq!(dispatch(&app, command, Value::Null).unwrap_err().code, ErrorCode::VaultLocked, "{command}");
        }
    }

    #[test]
    fn every_command_is_listed_once_and_generates_typescript() {
        let mut names = NAMES.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), NAMES.len(), "a command listed twice");
        for s in signatures() {
            assert!(!s.result.is_empty(), "{}", s.name);
            assert!(!s.args.iter().any(|(_, t)| t.contains("bigint")), "{}: ids cross as numbers", s.name);
        }
    }
}
