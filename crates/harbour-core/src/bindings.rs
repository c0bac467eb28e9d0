//! Keeps the TypeScript types in ui/src/lib/bindings in step with the Rust ones.
//! `UPDATE_BINDINGS=1 cargo test -p harbour-core bindings` rewrites them.

use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::{prefs, region};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    region::Region::export_all(&cfg).unwrap();
    region::RegionSummary::export_all(&cfg).unwrap();
    prefs::Preferences::export_all(&cfg).unwrap();
    crate::error::UserError::export_all(&cfg).unwrap();
    crate::vault::children::Child::export_all(&cfg).unwrap();
    crate::vault::children::ChildInput::export_all(&cfg).unwrap();
    crate::vault::service::VaultState::export_all(&cfg).unwrap();
    crate::vault::strength::Strength::export_all(&cfg).unwrap();
    crate::vault::backup::BackupInfo::export_all(&cfg).unwrap();
    crate::vault::backup::RestoreResult::export_all(&cfg).unwrap();
    crate::vault::log::LogFilter::export_all(&cfg).unwrap();
    crate::vault::log::Deletion::export_all(&cfg).unwrap();
    crate::vault::log::Timeline::export_all(&cfg).unwrap();
    crate::agency::PackInfo::export_all(&cfg).unwrap();
    crate::agency::PackOffer::export_all(&cfg).unwrap();
    harbour_pack::PackErrorView::export_all(&cfg).unwrap();
    crate::vault::log::LogEntryInput::export_all(&cfg).unwrap();
    crate::vault::log::LogEntry::export_all(&cfg).unwrap();
    crate::log_guidance::LogGuidance::export_all(&cfg).unwrap();
    crate::print::call_sheet::CallSummary::export_all(&cfg).unwrap();
    crate::agreement::rules::RuleLibrary::export_all(&cfg).unwrap();
    crate::agreement::conversations::Planner::export_all(&cfg).unwrap();
    crate::apps::Catalogue::export_all(&cfg).unwrap();
    crate::apps::ChildApps::export_all(&cfg).unwrap();
    crate::vault::agreements::Agreement::export_all(&cfg).unwrap();
    crate::vault::agreements::AgreementSummary::export_all(&cfg).unwrap();
    crate::vault::agreements::HistoryEntry::export_all(&cfg).unwrap();
    crate::vault::agreements::SignerInput::export_all(&cfg).unwrap();
    crate::guides::Guide::export_all(&cfg).unwrap();
    crate::vault::checklists::Checklist::export_all(&cfg).unwrap();
    crate::vault::checklists::CheckState::export_all(&cfg).unwrap();
    crate::app::ChronologyFormat::export_all(&cfg).unwrap();
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `ui/src/lib/api/commands.ts`: the type of every command and one typed
/// function per command, made from the list in app/commands.rs.
fn commands_ts() -> String {
    let sigs = crate::app::commands::signatures();
    let mut imports: Vec<String> = sigs.iter().flat_map(|s| s.imports.iter().cloned()).collect();
    imports.sort();
    imports.dedup();
    let mut out = String::from(
        "// Generated from crates/harbour-core/src/app/commands.rs by `UPDATE_BINDINGS=1 cargo test -p harbour-core bindings`.\n// Do not edit: change the Rust list and run that command.\n",
    );
    for i in &imports {
        out += &format!("import type {{ {i} }} from \"../bindings/{i}\";\n");
    }
    out += "\n/** Every command: its arguments as sent, and what it resolves to. */\nexport interface Commands {\n";
    for s in &sigs {
        let args: Vec<String> = s.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        out += &format!("  {}: {{ args: {{ {} }}; result: {} }};\n", s.name, args.join("; "), s.result);
    }
    out += "}\n\nexport type CommandName = keyof Commands;\n\n/** Sends one command to Rust. A name that is not a command is a type error. */\nexport type Call = <K extends CommandName>(command: K, args: Commands[K][\"args\"]) => Promise<Commands[K][\"result\"]>;\n\n";
    out += &format!("export const commandNames: readonly CommandName[] = [\n{}];\n\n", sigs.iter().map(|s| format!("  \"{}\",\n", s.name)).collect::<String>());
    out += "/** One typed function per command, over any way of sending them. */\nexport function commandsOver(call: Call) {\n  return {\n";
    for s in &sigs {
        if !s.doc.is_empty() {
            out += &format!("    /** {} */\n", s.doc.iter().map(|d| d.trim()).collect::<Vec<_>>().join(" "));
        }
        let params: Vec<String> = s.args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
        let fields: Vec<String> = s.args.iter().map(|(n, _)| if camel(n) == *n { n.to_string() } else { format!("{n}: {}", camel(n)) }).collect();
        out += &format!("    {}: ({}) => call(\"{}\", {{ {} }}),\n", camel(s.name), params.join(", "), s.name, fields.join(", "));
    }
    out += "  };\n}\n";
    out.replace("{  }", "{}")
}

fn ts_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn the_commands_typescript_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/api/commands.ts");
    let fresh = commands_ts();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), fresh, "ui/src/lib/api/commands.ts is out of date: run UPDATE_BINDINGS=1 cargo test -p harbour-core bindings");
}

#[test]
fn bindings_are_current() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for (name, _) in ts_files(&committed) {
            std::fs::remove_file(committed.join(name)).unwrap();
        }
        export_all(&committed);
    }
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    assert_eq!(
        ts_files(&committed),
        ts_files(fresh.path()),
        "ui/src/lib/bindings is out of date: run UPDATE_BINDINGS=1 cargo test -p harbour-core bindings"
    );
}
