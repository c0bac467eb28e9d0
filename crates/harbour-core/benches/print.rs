//! Printing speed and size: the family agreement and a 50-entry chronology.
//! `bench/print_cost` runs this file against Harbour and against the engine
//! before it (PDF base fonts, commit 13f81f2) in one go, and prints the ratios.
//!
//! cargo bench -p harbour-core --bench print

use criterion::{criterion_group, criterion_main, Criterion};
use harbour_core::print::agreement_pdf::{self, AgreementPrint, PrintSection, PrintSigned, PrintSigner};
use harbour_core::print::chronology;
use harbour_core::vault::children::{AgeBand, ChildInput};
use harbour_core::vault::db::Db;
use harbour_core::vault::log::{LogEntry, LogEntryInput};
use harbour_core::vault::DbKey;

const RULES: &[&str] = &[
    "We keep phones and tablets downstairs at night, charging in the kitchen.",
    "If something online makes any of us feel worried, scared or upset, we tell a grown-up we trust.",
    "We ask before downloading a new app or game, and we look at its settings together.",
    "We only add people we know in real life, and we never share where we live or go to school.",
    "Nobody in this family will be in trouble for telling us about something that went wrong online.",
];

fn agreement() -> Vec<u8> {
    let sections = ["Screens at home", "Staying safe", "Being kind", "Games and apps"]
        .iter()
        .map(|title| PrintSection { title, rules: RULES.to_vec() })
        .collect();
    agreement_pdf::render(&AgreementPrint {
        child_name: "Zofia",
        made_on: "24 November 2026",
        review_on: Some("24 February 2027"),
        sections,
        signers: vec![PrintSigner { name: "Zofia", role: "Child" }, PrintSigner { name: "Alex", role: "Parent" }],
        signed: Some(PrintSigned { on: "24 November 2026", names: vec!["Zofia", "Alex"] }),
        agency: None,
        who_decides: None,
    })
}

fn entries(db: &Db) -> (Vec<LogEntry>, harbour_core::vault::children::Child) {
    let child = db
        .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
        .unwrap();
    let entries = (0..50)
        .map(|n| {
            let input = LogEntryInput {
                child_id: Some(child.id),
                happened_at: format!("2026-11-{:02}T19:{:02}", 1 + n % 28, n % 60),
                category: "sextortion".into(),
                platform: "Snapchat".into(),
                account: format!("skater_boy_{n:02}"),
                facts: "He said he had a photo of Sam and wanted £50 in gift cards by tonight, or he would send it to everyone on Sam's friends list. Sam showed me the messages and we took screenshots of the chat and his profile before blocking him.".into(),
                writer: "Alex".into(),
                ..Default::default()
            };
            db.add_log_entry(&input).unwrap()
        })
        .collect();
    (entries, child)
}

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("harbour-print-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::open(&dir.join("v.db"), &DbKey::random()).unwrap();
    let (entries, child) = entries(&db);
    let children = [child];
    let chronology = || chronology::pdf(&entries, &children, "Alex Doe", 1_795_478_400, None);
    // The first document also loads the fonts. Sizes and this go to standard
    // error, where bench/print_cost reads them.
    let start = std::time::Instant::now();
    let first = agreement();
    eprintln!("first agreement {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    eprintln!("size agreement {}", first.len());
    eprintln!("size chronology {}", chronology().len());
    c.bench_function("print/agreement", |b| b.iter(agreement));
    c.bench_function("print/chronology-50", |b| b.iter(chronology));
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
