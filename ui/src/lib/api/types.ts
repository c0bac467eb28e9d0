// Types the screens share, all generated from Rust (ui/src/lib/bindings).
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
import type { ConversationFit } from "../bindings/ConversationFit";
import type { OfferedSection } from "../bindings/OfferedSection";
import type { Rule } from "../bindings/Rule";
import type { RuleLibrary } from "../bindings/RuleLibrary";
import type { SignerInput } from "../bindings/SignerInput";
import type { AgreementSummary } from "../bindings/AgreementSummary";
import type { ChronologyFormat } from "../bindings/ChronologyFormat";
import type { HandoverTo } from "../bindings/HandoverTo";
import type { PlacementEndPlan } from "../bindings/PlacementEndPlan";
import type { PlacementNote } from "../bindings/PlacementNote";
import type { DelegatedAuthority } from "../bindings/DelegatedAuthority";
import type { AuthorityChoice } from "../bindings/AuthorityChoice";
import type { Decider } from "../bindings/Decider";
import type { DelegatedDecision } from "../bindings/DelegatedDecision";
import type { ChildStatement } from "../bindings/ChildStatement";
import type { FirstScreen } from "../bindings/FirstScreen";
import type { NationChoice } from "../bindings/NationChoice";
import type { LawStatement } from "../bindings/LawStatement";
import type { Nation } from "../bindings/Nation";
import type { Voice } from "../bindings/Voice";
import type { Guide } from "../bindings/Guide";
import type { ListedGuide } from "../bindings/ListedGuide";
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
  DelegatedAuthority,
  AuthorityChoice,
  Decider,
  DelegatedDecision,
  PlacementEndPlan,
  PlacementNote,
  ChildStatement,
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
  ListedGuide,
  AgeBand,
  Agreement,
  BackupInfo,
  Catalogue,
  ChildApps,
  HistoryEntry,
  Planner,
  ConversationFit,
  OfferedSection,
  Rule,
  RuleLibrary,
  SignerInput,
  AgreementSummary,
  ChronologyFormat,
  HandoverTo,
  FirstScreen,
  NationChoice,
  LawStatement,
  Nation,
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

/** Turns anything a command threw into a sentence a person can read. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e && typeof (e as UserError).message === "string") {
    return (e as UserError).message;
  }
  if (typeof e === "string") return e;
  return "Something went wrong. Please try again.";
}
