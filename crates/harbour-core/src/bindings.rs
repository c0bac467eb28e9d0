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
    crate::vault::agreements::Summary::export_all(&cfg).unwrap();
    crate::vault::agreements::HistoryEntry::export_all(&cfg).unwrap();
    crate::vault::agreements::SignerInput::export_all(&cfg).unwrap();
    crate::guides::Guide::export_all(&cfg).unwrap();
    crate::vault::checklists::Checklist::export_all(&cfg).unwrap();
    crate::vault::checklists::CheckState::export_all(&cfg).unwrap();
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
