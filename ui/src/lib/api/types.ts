// The one interface the UI uses to reach Rust. Two implementations: tauri.ts
// (the real app) and mock.ts (a browser or a unit test).
import type { Child } from "../bindings/Child";
import type { ChildInput } from "../bindings/ChildInput";
import type { Contact } from "../bindings/Contact";
import type { VaultState } from "../bindings/VaultState";
import type { Preferences } from "../bindings/Preferences";
import type { Region } from "../bindings/Region";
import type { RegionSummary } from "../bindings/RegionSummary";
import type { UserError } from "../bindings/UserError";
import type { Strength } from "../bindings/Strength";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { RestoreResult } from "../bindings/RestoreResult";
import type { Agreement } from "../bindings/Agreement";
import type { AgeBand } from "../bindings/AgeBand";
import type { Catalogue } from "../bindings/Catalogue";
import type { ChildApps } from "../bindings/ChildApps";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { Planner } from "../bindings/Planner";
import type { RuleLibrary } from "../bindings/RuleLibrary";
import type { SignerInput } from "../bindings/SignerInput";
import type { Summary } from "../bindings/Summary";
import type { Voice } from "../bindings/Voice";
import type { Guide } from "../bindings/Guide";
import type { Checklist } from "../bindings/Checklist";
import type { CheckState } from "../bindings/CheckState";
import type { LogEntry } from "../bindings/LogEntry";
import type { LogEntryInput } from "../bindings/LogEntryInput";
import type { LogFilter } from "../bindings/LogFilter";
import type { Timeline } from "../bindings/Timeline";
import type { Deletion } from "../bindings/Deletion";
import type { LogGuidance } from "../bindings/LogGuidance";
import type { CategoryGuidance } from "../bindings/CategoryGuidance";
import type { CallSummary } from "../bindings/CallSummary";
import type { PackInfo } from "../bindings/PackInfo";
import type { PackOffer } from "../bindings/PackOffer";
import type { PackContact } from "../bindings/PackContact";
import type { PackRole } from "../bindings/PackRole";
import type { Block } from "../bindings/Block";
import type { Inline } from "../bindings/Inline";

export type {
  Block,
  Inline,
  PackContact,
  PackRole,
  PackInfo,
  PackOffer,
  CallSummary,
  CategoryGuidance,
  Deletion,
  LogEntry,
  LogEntryInput,
  LogFilter,
  LogGuidance,
  Timeline,
  CheckState,
  Checklist,
  Guide,
  AgeBand,
  Agreement,
  BackupInfo,
  Catalogue,
  ChildApps,
  HistoryEntry,
  Planner,
  RuleLibrary,
  SignerInput,
  Summary,
  Voice,
  Child,
  ChildInput,
  Contact,
  Preferences,
  Region,
  RegionSummary,
  RestoreResult,
  Strength,
  UserError,
  VaultState,
};

export interface Api {
  regionList(): Promise<RegionSummary[]>;
  regionGet(id: string): Promise<Region>;
  prefsGet(): Promise<Preferences>;
  prefsSet(prefs: Preferences): Promise<Preferences>;
  /** Opens an allow-listed help site in the system browser. */
  openHelpLink(url: string): Promise<void>;
  /** Hides the window after the UI has blanked itself. */
  quickExit(): Promise<void>;
  /** Tells the shell the first screen is drawn. */
  uiReady(): Promise<void>;

  vaultState(): Promise<VaultState>;
  /** Makes the vault; resolves to the recovery code, to show once. */
  vaultCreate(passphrase: string): Promise<string>;
  vaultUnlock(passphrase: string): Promise<void>;
  vaultRecover(code: string, newPassphrase: string): Promise<void>;
  vaultLock(): Promise<void>;
  /** Rust's judgement of a passphrase, the same one vaultCreate and vaultRecover apply. */
  passphraseStrength(passphrase: string): Promise<Strength>;
  vaultChangePassphrase(current: string, next: string): Promise<void>;
  /**
   * Asks (in a system dialog) where to save the printable recovery sheet, then
   * writes it. Resolves to the saved file's name, or null if the person cancelled.
   */
  recoverySheetSave(code: string): Promise<string | null>;
  /** Tells Rust the person is using Harbour, so auto-lock waits. Cheap; call it on input, at most every few seconds. */
  vaultActivity(): Promise<void>;
  /** Calls back when Rust locks the vault on its own (auto-lock). Resolves to a function that stops listening. */
  onVaultLocked(handler: () => void): Promise<() => void>;
  /** The folder that holds the vault, for "Where is my data?". */
  dataLocation(): Promise<string>;
  /** Asks where to save, then writes an encrypted backup. Resolves to the file name, or null if cancelled. Needs the vault unlocked. */
  backupExport(passphrase: string): Promise<string | null>;
  /** Asks which backup file to restore; reads only its outer label. Null if cancelled. */
  backupChoose(): Promise<BackupInfo | null>;
  /**
   * Restores the chosen backup. With no vault yet, newPassphrase is required and
   * becomes this computer's passphrase, and the result holds a new recovery code
   * to show once. With a vault, it must be unlocked, newPassphrase is null, and
   * the current data is kept aside until the restored copy is proven to open.
   */
  backupRestore(passphrase: string, newPassphrase: string | null): Promise<RestoreResult>;
  childrenList(): Promise<Child[]>;
  childAdd(input: ChildInput): Promise<Child>;
  childUpdate(id: number, input: ChildInput): Promise<Child>;
  childRemove(id: number): Promise<void>;

  // Agreements. `today` is the local date, YYYY-MM-DD. Every change resolves
  // to the agreement as it now is.
  ruleLibrary(): Promise<RuleLibrary>;
  conversationPlanner(): Promise<Planner>;
  appCatalogue(): Promise<Catalogue>;
  agreementsOverview(today: string): Promise<Summary[]>;
  agreementForChild(childId: number): Promise<Agreement | null>;
  /** Starts with Harbour's short set of rules for the child's age. */
  agreementStart(childId: number, today: string): Promise<Agreement>;
  agreementAddRule(id: number, ruleId: string): Promise<Agreement>;
  agreementAddOwn(id: number, section: string, voice: Voice, text: string): Promise<Agreement>;
  agreementReword(id: number, itemId: number, text: string): Promise<Agreement>;
  agreementRemove(id: number, itemId: number): Promise<Agreement>;
  /** Moves a rule to position `to` (0 is first). */
  agreementMove(id: number, itemId: number, to: number): Promise<Agreement>;
  agreementSetSigners(id: number, signers: SignerInput[]): Promise<Agreement>;
  agreementSetReviewMonths(id: number, months: number): Promise<Agreement>;
  /** Everyone types their name; `typed` pairs a signer id with what they typed. */
  agreementSign(id: number, typed: [number, string][], today: string): Promise<Agreement>;
  agreementSignedOnPaper(id: number, today: string): Promise<Agreement>;
  agreementHistory(id: number): Promise<HistoryEntry[]>;
  /**
   * Asks where to save, then writes the agreement as a PDF: the signed version
   * `versionId`, or the agreement as it reads now when null. Null if cancelled.
   */
  agreementPdfSave(id: number, versionId: number | null, today: string): Promise<string | null>;
  childApps(childId: number, today: string): Promise<ChildApps>;
  childAppsSet(childId: number, apps: string[], today: string): Promise<ChildApps>;
  conversationNotes(topic: string, childId: number | null): Promise<string>;
  conversationNotesSave(topic: string, childId: number | null, notes: string): Promise<void>;
  // App guides: content that needs no unlocking, and each child's checklists in the vault.
  guidesList(): Promise<Guide[]>;
  /** The child's checklist for every guide, in the same order as guidesList. */
  checklists(childId: number, today: string): Promise<Checklist[]>;
  /** Marks a setting done, not applicable, or (null) not done yet. */
  checkSet(childId: number, guideId: string, settingId: string, state: CheckState | null, today: string): Promise<Checklist>;
  /** "We went through it again today"; months (1 to 12) changes how often to be reminded. */
  checklistRecheck(childId: number, guideId: string, months: number | null, today: string): Promise<Checklist>;
  /** Asks where to save, then writes one guide as a PDF. Null if cancelled. */
  guidePdfSave(guideId: string): Promise<string | null>;
  /** Asks where to save, then writes a child's checklist for their apps as a PDF. Null if cancelled. */
  checklistPdfSave(childId: number, today: string): Promise<string | null>;
  /** Asks where to save, then writes a one-page prompt card for the talk. Null if cancelled. */
  promptCardSave(topic: string, childId: number | null, band: AgeBand): Promise<string | null>;

  // Concern log. Entries are never edited: corrections are amendments.
  /** What to do next for each kind of worry, with sources; needs no unlocking. */
  logGuidance(): Promise<LogGuidance>;
  logAdd(input: LogEntryInput): Promise<LogEntry>;
  /** One entry with its amendments and files. */
  logEntry(id: number): Promise<LogEntry>;
  /** Newest first: the first `limit` matching entries (all when 0) and how many match. */
  logTimeline(filter: LogFilter, limit: number): Promise<Timeline>;
  logAmend(id: number, text: string, writer: string): Promise<LogEntry>;
  /**
   * After the person confirms the file shows no sexual image of a child, asks
   * (in a system dialog) which file to keep with the entry. Null if cancelled.
   */
  logAttach(id: number, noChildImage: boolean): Promise<LogEntry | null>;
  /** Deletes on purpose, leaving a dated note that the entry existed. */
  logDelete(id: number, reason: string): Promise<Deletion>;
  logDeletions(): Promise<Deletion[]>;
  /** The facts police ask for, in order, from the chosen entries. */
  callSummary(ids: number[], today: string): Promise<CallSummary>;
  /** Adds the call's reference number and officer to each chosen entry, as an amendment. */
  callRecord(ids: number[], reference: string, officer: string, called: string, writer: string): Promise<void>;
  /** Asks where to save, then writes the sheet for the 101 call. Null if cancelled. */
  callSheetSave(ids: number[], today: string): Promise<string | null>;
  /** Asks where to save, then writes the chronology as a PDF, or as plain text. Null if cancelled. */
  chronologySave(ids: number[], madeBy: string, text: boolean): Promise<string | null>;

  // Agency packs: signed files a foster agency gives its carers. None needs unlocking.
  /** The pack in use, or null. Fails (with a message) if the pack on this computer is damaged. */
  packCurrent(): Promise<PackInfo | null>;
  /** Asks (in a system dialog) for a pack file, checks it and offers it. Null if cancelled. */
  packChoose(): Promise<PackOffer | null>;
  /** A pack an administrator put in the managed folder, offered when none is in use. */
  packManaged(): Promise<PackOffer | null>;
  /** Uses the offered pack, after the carer confirmed its fingerprint (or it updates the same agency's pack). */
  packAccept(): Promise<PackInfo>;
  packRemove(): Promise<void>;
}

/** Turns anything a command threw into a sentence a person can read. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e && typeof (e as UserError).message === "string") {
    return (e as UserError).message;
  }
  if (typeof e === "string") return e;
  return "Something went wrong. Please try again.";
}
