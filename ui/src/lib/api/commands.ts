// Generated from crates/harbour-core/src/app/commands.rs by `UPDATE_BINDINGS=1 cargo test -p harbour-core bindings`.
// Do not edit: change the Rust list and run that command.
import type { AgeBand } from "../bindings/AgeBand";
import type { Agreement } from "../bindings/Agreement";
import type { AgreementSummary } from "../bindings/AgreementSummary";
import type { AuthorityChoice } from "../bindings/AuthorityChoice";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { CallSummary } from "../bindings/CallSummary";
import type { Catalogue } from "../bindings/Catalogue";
import type { CheckState } from "../bindings/CheckState";
import type { Checklist } from "../bindings/Checklist";
import type { Child } from "../bindings/Child";
import type { ChildApps } from "../bindings/ChildApps";
import type { ChildInput } from "../bindings/ChildInput";
import type { ChronologyFormat } from "../bindings/ChronologyFormat";
import type { ConversationFit } from "../bindings/ConversationFit";
import type { DelegatedAuthority } from "../bindings/DelegatedAuthority";
import type { Deletion } from "../bindings/Deletion";
import type { FirstScreen } from "../bindings/FirstScreen";
import type { HandoverTo } from "../bindings/HandoverTo";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { LawStatement } from "../bindings/LawStatement";
import type { ListedGuide } from "../bindings/ListedGuide";
import type { LogEntry } from "../bindings/LogEntry";
import type { LogEntryInput } from "../bindings/LogEntryInput";
import type { LogFilter } from "../bindings/LogFilter";
import type { LogGuidance } from "../bindings/LogGuidance";
import type { Nation } from "../bindings/Nation";
import type { NationChoice } from "../bindings/NationChoice";
import type { OfferedSection } from "../bindings/OfferedSection";
import type { PackInfo } from "../bindings/PackInfo";
import type { PackOffer } from "../bindings/PackOffer";
import type { PlacementEndPlan } from "../bindings/PlacementEndPlan";
import type { PlacementNote } from "../bindings/PlacementNote";
import type { Planner } from "../bindings/Planner";
import type { Preferences } from "../bindings/Preferences";
import type { Region } from "../bindings/Region";
import type { RegionSummary } from "../bindings/RegionSummary";
import type { RestoreResult } from "../bindings/RestoreResult";
import type { Rule } from "../bindings/Rule";
import type { RuleLibrary } from "../bindings/RuleLibrary";
import type { SignerInput } from "../bindings/SignerInput";
import type { Strength } from "../bindings/Strength";
import type { Timeline } from "../bindings/Timeline";
import type { VaultState } from "../bindings/VaultState";
import type { Voice } from "../bindings/Voice";

/** Every command: its arguments as sent, and what it resolves to. */
export interface Commands {
  region_list: { args: {}; result: Array<RegionSummary> };
  region_get: { args: { id: string }; result: Region };
  help_region: { args: {}; result: Region };
  prefs_get: { args: {}; result: Preferences };
  first_screen: { args: {}; result: FirstScreen };
  prefs_set: { args: { prefs: Preferences }; result: Preferences };
  nation_set: { args: { nation: Nation | null }; result: Preferences };
  nation_choices: { args: {}; result: Array<NationChoice> };
  law_on_images: { args: {}; result: Array<LawStatement> };
  open_help_link: { args: { url: string }; result: null };
  quick_exit: { args: {}; result: null };
  ui_ready: { args: {}; result: null };
  vault_state: { args: {}; result: VaultState };
  vault_create: { args: { passphrase: string }; result: string };
  vault_unlock: { args: { passphrase: string }; result: null };
  vault_recover: { args: { code: string; new_passphrase: string }; result: null };
  vault_lock: { args: {}; result: null };
  lock_notice: { args: {}; result: string | null };
  passphrase_strength: { args: { passphrase: string }; result: Strength };
  vault_change_passphrase: { args: { current: string; next: string }; result: null };
  vault_activity: { args: {}; result: null };
  data_location: { args: {}; result: string };
  recovery_code_new: { args: {}; result: string };
  recovery_code_confirm: { args: { typed: string }; result: null };
  recovery_code_needed: { args: {}; result: boolean };
  recovery_sheet_save: { args: { code: string }; result: string | null };
  backup_export: { args: { passphrase: string }; result: string | null };
  backup_choose: { args: {}; result: BackupInfo | null };
  backup_restore: { args: { passphrase: string; new_passphrase: string | null }; result: RestoreResult };
  children_list: { args: {}; result: Array<Child> };
  child_add: { args: { input: ChildInput }; result: Child };
  child_update: { args: { id: number; input: ChildInput }; result: Child };
  child_remove: { args: { id: number }; result: null };
  child_band: { args: { id: number; today: string }; result: AgeBand | null };
  rule_library: { args: {}; result: RuleLibrary };
  conversation_planner: { args: {}; result: Planner };
  app_catalogue: { args: {}; result: Catalogue };
  agreements_overview: { args: { today: string }; result: Array<AgreementSummary> };
  agreement_for_child: { args: { child_id: number }; result: Agreement | null };
  agreement_start: { args: { child_id: number; today: string }; result: Agreement };
  agreement_add_rule: { args: { id: number; rule_id: string }; result: Agreement };
  agreement_add_own: { args: { id: number; section: string; voice: Voice; text: string }; result: Agreement };
  agreement_reword: { args: { id: number; item_id: number; text: string }; result: Agreement };
  agreement_remove: { args: { id: number; item_id: number }; result: Agreement };
  agreement_move: { args: { id: number; item_id: number; to: number }; result: Agreement };
  agreement_set_signers: { args: { id: number; signers: Array<SignerInput> }; result: Agreement };
  agreement_set_review_months: { args: { id: number; months: number }; result: Agreement };
  agreement_sign: { args: { id: number; typed: Array<[number, string]>; today: string }; result: Agreement };
  agreement_signed_on_paper: { args: { id: number; today: string }; result: Agreement };
  agreement_missing_required: { args: { id: number }; result: Array<Rule> };
  agreement_offer: { args: { id: number; today: string }; result: Array<OfferedSection> };
  conversation_fit: { args: { child_id: number | null; band: AgeBand | null; today: string }; result: ConversationFit };
  agreement_history: { args: { id: number }; result: Array<HistoryEntry> };
  agreement_pdf_save: { args: { id: number; version_id: number | null; today: string }; result: string | null };
  delegated_authority: { args: { child_id: number }; result: DelegatedAuthority };
  delegated_authority_set: { args: { child_id: number; choices: Array<AuthorityChoice> }; result: DelegatedAuthority };
  child_apps: { args: { child_id: number; today: string }; result: ChildApps };
  child_apps_set: { args: { child_id: number; apps: Array<string>; today: string }; result: ChildApps };
  conversation_notes: { args: { topic: string; child_id: number | null }; result: string };
  conversation_notes_save: { args: { topic: string; child_id: number | null; notes: string }; result: null };
  prompt_card_save: { args: { topic: string; child_id: number | null; band: AgeBand }; result: string | null };
  guides_list: { args: { today: string }; result: Array<ListedGuide> };
  checklists: { args: { child_id: number; today: string }; result: Array<Checklist> };
  check_set: { args: { child_id: number; guide_id: string; setting_id: string; state: CheckState | null; today: string }; result: Checklist };
  checklist_recheck: { args: { child_id: number; guide_id: string; months: number | null; today: string }; result: Checklist };
  guide_pdf_save: { args: { guide_id: string }; result: string | null };
  checklist_pdf_save: { args: { child_id: number; today: string }; result: string | null };
  log_guidance: { args: {}; result: LogGuidance };
  log_add: { args: { input: LogEntryInput }; result: LogEntry };
  log_entry: { args: { id: number }; result: LogEntry };
  log_timeline: { args: { filter: LogFilter; limit: number }; result: Timeline };
  log_amend: { args: { id: number; text: string; writer: string }; result: LogEntry };
  log_child_statement: { args: { id: number; text: string; written_down_by: string }; result: LogEntry };
  log_attach: { args: { id: number; no_child_image: boolean }; result: LogEntry | null };
  log_delete: { args: { id: number; reason: string }; result: Deletion };
  log_deletions: { args: {}; result: Array<Deletion> };
  call_summary: { args: { ids: Array<number>; today: string }; result: CallSummary };
  call_record: { args: { ids: Array<number>; reference: string; officer: string; called: string; writer: string }; result: null };
  call_sheet_save: { args: { ids: Array<number>; today: string }; result: string | null };
  chronology_save: { args: { ids: Array<number>; made_by: string; format: ChronologyFormat }; result: string | null };
  handover_save: { args: { ids: Array<number>; made_by: string; to: HandoverTo }; result: string | null };
  placement_end_plan: { args: { child_id: number }; result: PlacementEndPlan };
  placement_end: { args: { child_id: number; typed_name: string }; result: PlacementNote };
  placement_notes: { args: {}; result: Array<PlacementNote> };
  pack_current: { args: {}; result: PackInfo | null };
  pack_choose: { args: {}; result: PackOffer | null };
  pack_managed: { args: {}; result: PackOffer | null };
  pack_accept: { args: { fingerprint: string; sha256: string }; result: PackInfo };
  pack_remove: { args: {}; result: null };
}

export type CommandName = keyof Commands;

/** Sends one command to Rust. A name that is not a command is a type error. */
export type Call = <K extends CommandName>(command: K, args: Commands[K]["args"]) => Promise<Commands[K]["result"]>;

export const commandNames: readonly CommandName[] = [
  "region_list",
  "region_get",
  "help_region",
  "prefs_get",
  "first_screen",
  "prefs_set",
  "nation_set",
  "nation_choices",
  "law_on_images",
  "open_help_link",
  "quick_exit",
  "ui_ready",
  "vault_state",
  "vault_create",
  "vault_unlock",
  "vault_recover",
  "vault_lock",
  "lock_notice",
  "passphrase_strength",
  "vault_change_passphrase",
  "vault_activity",
  "data_location",
  "recovery_code_new",
  "recovery_code_confirm",
  "recovery_code_needed",
  "recovery_sheet_save",
  "backup_export",
  "backup_choose",
  "backup_restore",
  "children_list",
  "child_add",
  "child_update",
  "child_remove",
  "child_band",
  "rule_library",
  "conversation_planner",
  "app_catalogue",
  "agreements_overview",
  "agreement_for_child",
  "agreement_start",
  "agreement_add_rule",
  "agreement_add_own",
  "agreement_reword",
  "agreement_remove",
  "agreement_move",
  "agreement_set_signers",
  "agreement_set_review_months",
  "agreement_sign",
  "agreement_signed_on_paper",
  "agreement_missing_required",
  "agreement_offer",
  "conversation_fit",
  "agreement_history",
  "agreement_pdf_save",
  "delegated_authority",
  "delegated_authority_set",
  "child_apps",
  "child_apps_set",
  "conversation_notes",
  "conversation_notes_save",
  "prompt_card_save",
  "guides_list",
  "checklists",
  "check_set",
  "checklist_recheck",
  "guide_pdf_save",
  "checklist_pdf_save",
  "log_guidance",
  "log_add",
  "log_entry",
  "log_timeline",
  "log_amend",
  "log_child_statement",
  "log_attach",
  "log_delete",
  "log_deletions",
  "call_summary",
  "call_record",
  "call_sheet_save",
  "chronology_save",
  "handover_save",
  "placement_end_plan",
  "placement_end",
  "placement_notes",
  "pack_current",
  "pack_choose",
  "pack_managed",
  "pack_accept",
  "pack_remove",
];

/** One typed function per command, over any way of sending them. */
export function commandsOver(call: Call) {
  return {
    regionList: () => call("region_list", {}),
    regionGet: (id: string) => call("region_get", { id }),
    /** The help list for the region in the preferences, so the first screen needs one question. */
    helpRegion: () => call("help_region", {}),
    prefsGet: () => call("prefs_get", {}),
    /** Everything the first screen shows, in one answer. The desktop also gives it to the page before its scripts run. */
    firstScreen: () => call("first_screen", {}),
    prefsSet: (prefs: Preferences) => call("prefs_set", { prefs }),
    /** The answer to "Which part of the UK do you live in?"; null is "not sure". */
    nationSet: (nation: Nation | null) => call("nation_set", { nation }),
    /** The answers to that question, in order. */
    nationChoices: () => call("nation_choices", {}),
    /** What the law says about nude and sexual images, for the family's nation, with its sources. */
    lawOnImages: () => call("law_on_images", {}),
    /** Opens an allow-listed help site in the system browser. */
    openHelpLink: (url: string) => call("open_help_link", { url }),
    /** Locks Harbour and hides the window, after the page has blanked itself. */
    quickExit: () => call("quick_exit", {}),
    /** Tells Harbour the first screen is drawn. */
    uiReady: () => call("ui_ready", {}),
    vaultState: () => call("vault_state", {}),
    /** Makes the vault; resolves to the recovery code, to show once. */
    vaultCreate: (passphrase: string) => call("vault_create", { passphrase }),
    vaultUnlock: (passphrase: string) => call("vault_unlock", { passphrase }),
    vaultRecover: (code: string, newPassphrase: string) => call("vault_recover", { code, new_passphrase: newPassphrase }),
    vaultLock: () => call("vault_lock", {}),
    /** Why Harbour last locked, in a sentence for the unlock screen; null once it is unlocked again. */
    lockNotice: () => call("lock_notice", {}),
    /** Rust's judgement of a passphrase, the same one vaultCreate and vaultRecover apply. */
    passphraseStrength: (passphrase: string) => call("passphrase_strength", { passphrase }),
    vaultChangePassphrase: (current: string, next: string) => call("vault_change_passphrase", { current, next }),
    /** Tells Rust the person is using Harbour, so auto-lock waits. Call it on input, at most every few seconds. */
    vaultActivity: () => call("vault_activity", {}),
    /** The folder that holds the vault, for "Where is my data?". */
    dataLocation: () => call("data_location", {}),
    /** Makes a new recovery code to show once; it replaces the old one only when typed back. */
    recoveryCodeNew: () => call("recovery_code_new", {}),
    /** The person typed back the recovery code on screen; a new one then replaces the old one. */
    recoveryCodeConfirm: (typed: string) => call("recovery_code_confirm", { typed }),
    /** Whether to ask for a new recovery code: the last one was never typed back, or was used. */
    recoveryCodeNeeded: () => call("recovery_code_needed", {}),
    /** Asks where to save the printable recovery sheet, then writes it. The file's name, or null if cancelled. */
    recoverySheetSave: (code: string) => call("recovery_sheet_save", { code }),
    /** Asks where to save, then writes an encrypted backup. Needs the vault unlocked. The file's name, or null if cancelled. */
    backupExport: (passphrase: string) => call("backup_export", { passphrase }),
    /** Asks which backup file to restore; reads only its outer label. Null if cancelled. */
    backupChoose: () => call("backup_choose", {}),
    /** Restores the chosen backup. With no vault yet, newPassphrase is required and the result holds a new recovery code to show once; with a vault, it must be unlocked and newPassphrase is null. */
    backupRestore: (passphrase: string, newPassphrase: string | null) => call("backup_restore", { passphrase, new_passphrase: newPassphrase }),
    childrenList: () => call("children_list", {}),
    childAdd: (input: ChildInput) => call("child_add", { input }),
    childUpdate: (id: number, input: ChildInput) => call("child_update", { id, input }),
    childRemove: (id: number) => call("child_remove", { id }),
    /** The child's age band today; null when their age is not known, or they are 18 or over. */
    childBand: (id: number, today: string) => call("child_band", { id, today }),
    ruleLibrary: () => call("rule_library", {}),
    conversationPlanner: () => call("conversation_planner", {}),
    appCatalogue: () => call("app_catalogue", {}),
    agreementsOverview: (today: string) => call("agreements_overview", { today }),
    agreementForChild: (childId: number) => call("agreement_for_child", { child_id: childId }),
    /** Starts with Harbour's short set of rules for the child's age (and an agency's required rules for a looked-after child). */
    agreementStart: (childId: number, today: string) => call("agreement_start", { child_id: childId, today }),
    agreementAddRule: (id: number, ruleId: string) => call("agreement_add_rule", { id, rule_id: ruleId }),
    agreementAddOwn: (id: number, section: string, voice: Voice, text: string) => call("agreement_add_own", { id, section, voice, text }),
    agreementReword: (id: number, itemId: number, text: string) => call("agreement_reword", { id, item_id: itemId, text }),
    agreementRemove: (id: number, itemId: number) => call("agreement_remove", { id, item_id: itemId }),
    /** Moves a rule to position `to` (0 is first). */
    agreementMove: (id: number, itemId: number, to: number) => call("agreement_move", { id, item_id: itemId, to }),
    agreementSetSigners: (id: number, signers: Array<SignerInput>) => call("agreement_set_signers", { id, signers }),
    agreementSetReviewMonths: (id: number, months: number) => call("agreement_set_review_months", { id, months }),
    /** Everyone types their name; `typed` pairs a signer id with what they typed. */
    agreementSign: (id: number, typed: Array<[number, string]>, today: string) => call("agreement_sign", { id, typed, today }),
    agreementSignedOnPaper: (id: number, today: string) => call("agreement_signed_on_paper", { id, today }),
    /** The rules the agency asks every looked-after child's agreement to hold that this one does not. */
    agreementMissingRequired: (id: number) => call("agreement_missing_required", { id }),
    /** The rules that could be added: for the child's age, suiting the child, not in yet, by section. */
    agreementOffer: (id: number, today: string) => call("agreement_offer", { id, today }),
    /** The planner's topics (and their rules) that suit the child, or with none chosen the family, with the words for the child's band today, or with no child chosen for `band` (null: the family's band). */
    conversationFit: (childId: number | null, band: AgeBand | null, today: string) => call("conversation_fit", { child_id: childId, band, today }),
    agreementHistory: (id: number) => call("agreement_history", { id }),
    /** Asks where to save, then writes the agreement as a PDF: the signed version `versionId`, or as it reads now when null. Null if cancelled. */
    agreementPdfSave: (id: number, versionId: number | null, today: string) => call("agreement_pdf_save", { id, version_id: versionId, today }),
    /** For a looked-after child: who decides about phones, apps, social media, photos and staying over, with a caution where it is not the carer. */
    delegatedAuthority: (childId: number) => call("delegated_authority", { child_id: childId }),
    /** Records who decides what, as the placement plan says, all or none; a null decider is "not recorded yet". */
    delegatedAuthoritySet: (childId: number, choices: Array<AuthorityChoice>) => call("delegated_authority_set", { child_id: childId, choices }),
    childApps: (childId: number, today: string) => call("child_apps", { child_id: childId, today }),
    childAppsSet: (childId: number, apps: Array<string>, today: string) => call("child_apps_set", { child_id: childId, apps, today }),
    conversationNotes: (topic: string, childId: number | null) => call("conversation_notes", { topic, child_id: childId }),
    conversationNotesSave: (topic: string, childId: number | null, notes: string) => call("conversation_notes_save", { topic, child_id: childId, notes }),
    /** Asks where to save, then writes a one-page prompt card for the talk. Null if cancelled. */
    promptCardSave: (topic: string, childId: number | null, band: AgeBand) => call("prompt_card_save", { topic, child_id: childId, band }),
    /** Every guide, with whether it may be out of date today and the ages too young for it. */
    guidesList: (today: string) => call("guides_list", { today }),
    /** The child's checklist for every guide, in the same order as guidesList. */
    checklists: (childId: number, today: string) => call("checklists", { child_id: childId, today }),
    /** Marks a setting done, not applicable, or (null) not done yet. */
    checkSet: (childId: number, guideId: string, settingId: string, state: CheckState | null, today: string) => call("check_set", { child_id: childId, guide_id: guideId, setting_id: settingId, state, today }),
    /** "We went through it again today"; months (1 to 12) changes how often to be reminded. */
    checklistRecheck: (childId: number, guideId: string, months: number | null, today: string) => call("checklist_recheck", { child_id: childId, guide_id: guideId, months, today }),
    /** Asks where to save, then writes one guide as a PDF. Null if cancelled. */
    guidePdfSave: (guideId: string) => call("guide_pdf_save", { guide_id: guideId }),
    /** Asks where to save, then writes a child's checklist for their apps as a PDF. Null if cancelled. */
    checklistPdfSave: (childId: number, today: string) => call("checklist_pdf_save", { child_id: childId, today }),
    /** What to do next for each kind of worry, with sources; needs no unlocking. */
    logGuidance: () => call("log_guidance", {}),
    logAdd: (input: LogEntryInput) => call("log_add", { input }),
    /** One entry with its amendments and files. */
    logEntry: (id: number) => call("log_entry", { id }),
    /** Newest first: the first `limit` matching entries (all when 0) and how many match. */
    logTimeline: (filter: LogFilter, limit: number) => call("log_timeline", { filter, limit }),
    logAmend: (id: number, text: string, writer: string) => call("log_amend", { id, text, writer }),
    /** Adds the child's own words to an entry about them, marked as theirs and dated; the entry is not changed. */
    logChildStatement: (id: number, text: string, writtenDownBy: string) => call("log_child_statement", { id, text, written_down_by: writtenDownBy }),
    /** After the person confirms the file shows no sexual image of a child, asks which file to keep with the entry. Null if cancelled. */
    logAttach: (id: number, noChildImage: boolean) => call("log_attach", { id, no_child_image: noChildImage }),
    /** Deletes on purpose, leaving a dated note that the entry existed. */
    logDelete: (id: number, reason: string) => call("log_delete", { id, reason }),
    logDeletions: () => call("log_deletions", {}),
    /** The facts police ask for, in order, from the chosen entries. */
    callSummary: (ids: Array<number>, today: string) => call("call_summary", { ids, today }),
    /** Adds the call's reference number and officer to every chosen entry, all or none. */
    callRecord: (ids: Array<number>, reference: string, officer: string, called: string, writer: string) => call("call_record", { ids, reference, officer, called, writer }),
    /** Asks where to save, then writes the sheet for the 101 call. Null if cancelled. */
    callSheetSave: (ids: Array<number>, today: string) => call("call_sheet_save", { ids, today }),
    /** Asks where to save, then writes the chronology as a PDF or as plain text. Null if cancelled. */
    chronologySave: (ids: Array<number>, madeBy: string, format: ChronologyFormat) => call("chronology_save", { ids, made_by: madeBy, format }),
    /** Asks where to save, then writes the chosen entries and their files encrypted for the agency or a named person, and notes the hand-over on each entry. Null if cancelled. */
    handoverSave: (ids: Array<number>, madeBy: string, to: HandoverTo) => call("handover_save", { ids, made_by: madeBy, to }),
    /** For a looked-after child: what is held, what is not yet handed over, and what the agency's pack asks. */
    placementEndPlan: (childId: number) => call("placement_end_plan", { child_id: childId }),
    /** Removes the child's records once all are handed over, after the person types the child's name; leaves a dated note. */
    placementEnd: (childId: number, typedName: string) => call("placement_end", { child_id: childId, typed_name: typedName }),
    /** The dated notes of placements that ended, newest first. */
    placementNotes: () => call("placement_notes", {}),
    /** The pack in use, or null. Fails (with a message) if the pack on this computer is damaged. */
    packCurrent: () => call("pack_current", {}),
    /** Asks for a pack file, checks it and offers it. Null if cancelled. */
    packChoose: () => call("pack_choose", {}),
    /** A pack an administrator put in the managed folder, offered when none is in use. */
    packManaged: () => call("pack_managed", {}),
    /** Uses the offered pack (named by its SHA-256) once the carer has typed the fingerprint their agency gave them; a newer pack from the same agency needs none. */
    packAccept: (fingerprint: string, sha256: string) => call("pack_accept", { fingerprint, sha256 }),
    packRemove: () => call("pack_remove", {}),
  };
}
