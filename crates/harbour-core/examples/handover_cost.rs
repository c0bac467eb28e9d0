//! One hand-over, timed, with the process's peak memory before and after it.
//! Run by bench/handover_cost with 0, 5 and 50 MB of kept files. The vault is
//! made by one process (`make`) and handed over from by another (`hand`), so
//! the peak measured is the hand-over's own, not that of adding the files.
//!
//! handover_cost make <folder> <entries> <MB of files>
//! handover_cost hand <folder>        (prints one JSON line)

use std::sync::Arc;
use std::time::Instant;

use harbour_core::app::scripted::ScriptedHost;
use harbour_core::app::{App, AppConfig, HandoverTo};
use harbour_core::vault::keyfile::KdfParams;
use harbour_core::vault::log::LogEntryInput;

/// The process's peak resident memory so far, in KiB (Linux).
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
}

const PASS: &str = "kettle harbour seven lanterns";

fn app(folder: &str) -> (App, Arc<ScriptedHost>) {
    let host = Arc::new(ScriptedHost::new());
    let config = AppConfig { data_dir: std::path::PathBuf::from(folder), kdf: KdfParams::TEST, managed_pack_dirs: vec![] };
    (App::new(config, host.clone()), host)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["make", folder, entries, mb] => make(folder, entries.parse().unwrap(), mb.parse().unwrap()),
        ["hand", folder] => hand(folder),
        _ => panic!("handover_cost make <folder> <entries> <MB> | handover_cost hand <folder>"),
    }
}

fn make(folder: &str, entries: u64, mb: u64) {
    let (app, host) = app(folder);
    app.vault_create(PASS.into()).unwrap();
    let ids: Vec<i64> = (0..entries)
        .map(|n| {
            let facts = format!("Entry {n}: a message asked for a photo and said not to tell anyone. {}", "Details as written. ".repeat(20));
            app.log_add(LogEntryInput { happened_at: format!("2026-11-{:02}T19:40", n % 28 + 1), facts, ..Default::default() }).unwrap().id
        })
        .collect();
    // Kept files of 10 MB (the most is 20), text so any kind check passes.
    let file_mb = 10;
    for n in 0..mb.div_ceil(file_mb) {
        let size = (file_mb.min(mb - n * file_mb) * 1024 * 1024) as usize;
        let path = host.dir().join(format!("kept-{n}.txt"));
        std::fs::write(&path, (0..size).map(|i| b'a' + (i % 26) as u8).collect::<Vec<u8>>()).unwrap();
        host.answer_next_dialog(Some(path));
        app.log_attach(ids[n as usize % ids.len()], true).unwrap();
    }
}

fn hand(folder: &str) {
    let (app, host) = app(folder);
    app.vault_unlock(PASS.into()).unwrap();
    let timeline = app.log_timeline(Default::default(), 10_000).unwrap();
    let ids: Vec<i64> = timeline.entries.iter().map(|e| e.id).collect();
    let kept: i64 = ids.iter().flat_map(|id| app.log_entry(*id).unwrap().attachments).map(|a| a.size).sum();
    let mb = kept / (1024 * 1024);
    let to = HandoverTo::Person { name: "Bench".into(), key: "age1kxp3qwhlqqc9yqvzv2ht56aaztqmgtdtptexsspt7wmwm7pw5ylskg5qpv".into() };
    let out = host.dir().join("out.harbour-handover");
    host.answer_next_dialog(Some(out.clone()));
    let before = peak_kib();
    let start = Instant::now();
    app.handover_save(ids, "Bench".into(), to).unwrap().expect("saved");
    let secs = start.elapsed().as_secs_f64();
    let after = peak_kib();
    let size = std::fs::metadata(&out).unwrap().len();
    println!(r#"{{"entries":{},"mb":{mb},"seconds":{secs:.4},"peak_before_kib":{before},"peak_after_kib":{after},"file_bytes":{size}}}"#, timeline.entries.len());
}
