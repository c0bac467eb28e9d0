//! Vault speed: unlock at the real Argon2id settings, durable writes, and
//! listing, full-text searching and deleting among 10,000 concern-log-sized records. Each figure comes with a baseline measured in the
//! same run (a bare SQLite insert, a single Argon2id pass at 8 MiB) so the
//! ratios mean something on any machine.
//!
//! cargo bench -p harbour-core --bench vault

use criterion::{criterion_group, criterion_main, Criterion};
use harbour_core::vault::children::{AgeBand, ChildInput};
use harbour_core::vault::keyfile::{KdfParams, KeyFile, Secret};
use harbour_core::vault::log::{fts_query, LogEntryInput};
use harbour_core::vault::recovery::RecoveryCode;
use harbour_core::vault::db::{Db, MIGRATIONS};
use harbour_core::vault::DbKey;
use harbour_core::vault::service::Vault;

const PASS: &str = "kettle harbour seven lanterns";

fn child(n: usize) -> ChildInput {
    ChildInput {
        name: format!("Child {n:05}"),
        birth_month: None,
        birth_year: None,
        age_band: Some(AgeBand::From11To13),
        devices: "Phone: Snapchat, TikTok and YouTube. Games console: Fortnite with voice chat off.".into(),
        looked_after: n.is_multiple_of(7),
    }
}

const COMMON: &[&str] = &[
    "message", "asked", "photo", "school", "friend", "online", "game", "chat", "late", "night", "worried",
    "upset", "account", "followed", "secret", "video", "call", "phone", "said", "again", "she", "he",
];
const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ser", "ton", "bri", "del", "wen", "or", "ath", "ul", "pe", "rin", "sto", "ga", "fe"];

/// Half the words are everyday ones that occur in almost every entry; the
/// rest come from 4,096 made-up words, so a rarer word matches a few hundred.
fn word(x: u64) -> String {
    if x.is_multiple_of(2) {
        return COMMON[((x >> 1) % COMMON.len() as u64) as usize].to_string();
    }
    (0..3).map(|i| SYLLABLES[((x >> (8 + 4 * i)) % 16) as usize]).collect()
}

/// About 700 characters of text, varied so that words match some entries and not others.
fn entry(n: usize) -> LogEntryInput {
    let mut x = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(1);
    let mut words = |k: usize| -> String {
        (0..k)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                word(x)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    LogEntryInput {
        child_id: None,
        happened_at: format!("2026-{:02}-{:02}T{:02}:{:02}", n % 12 + 1, n % 28 + 1, n % 24, n % 60),
        facts: words(60),
        told: words(15),
        view: words(20),
        platform: ["Snapchat", "TikTok", "Roblox", "WhatsApp", "Instagram"][n % 5].into(),
        account: format!("user_{}", n % 500),
        evidence: words(10),
        reported: String::new(),
        actions: words(8),
        ..Default::default()
    }
}

fn unlock(c: &mut Criterion) {
    let code = RecoveryCode::generate();
    let (file, _) = KeyFile::create(PASS, &code, KdfParams::DEFAULT).unwrap();
    let light = KdfParams { memory_kib: 8 * 1024, iterations: 1, parallelism: 1 };
    let (light_file, _) = KeyFile::create(PASS, &code, light).unwrap();
    let mut g = c.benchmark_group("unlock");
    g.sample_size(10);
    g.bench_function("baseline: argon2id 8 MiB, 1 pass", |b| b.iter(|| light_file.unlock(&Secret::Passphrase(PASS)).unwrap()));
    g.bench_function(format!("harbour: argon2id {} MiB, {} passes", KdfParams::DEFAULT.memory_kib / 1024, KdfParams::DEFAULT.iterations), |b| {
        b.iter(|| file.unlock(&Secret::Passphrase(PASS)).unwrap())
    });
    g.finish();
}

fn records(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::new(dir.path().join("v"), KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 });
    vault.create(PASS).unwrap();
    let db = vault.db().unwrap();
    for n in 0..10_000 {
        db.add_child(&child(n)).unwrap();
    }

    let plain_dir = tempfile::tempdir().unwrap();
    let plain = rusqlite::Connection::open(plain_dir.path().join("plain.db")).unwrap();
    plain.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(x TEXT);").unwrap();

    let mut g = c.benchmark_group("records");
    g.sample_size(30);
    // Listing first, while the table holds exactly 10,000 rows.
    g.bench_function("harbour: list 10,000 children", |b| b.iter(|| assert_eq!(db.children().unwrap().len(), 10_000)));
    g.bench_function("baseline: unencrypted durable insert", |b| b.iter(|| plain.execute("INSERT INTO t VALUES ('x')", []).unwrap()));
    let mut n = 10_000;
    g.bench_function("harbour: add a child (durable, encrypted)", |b| {
        b.iter(|| {
            n += 1;
            db.add_child(&child(n)).unwrap()
        })
    });
    g.bench_function("harbour: update a child (durable, encrypted)", |b| {
        b.iter(|| {
            n += 1;
            db.update_child(1, &child(n)).unwrap()
        })
    });
    g.finish();
}

/// The baseline: the same schema and rows in plain, unencrypted SQLite,
/// read with the same kind of query.
fn plain_log(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;").unwrap();
    for sql in MIGRATIONS {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch("BEGIN").unwrap();
    for n in 0..10_000 {
        plain_insert(&conn, n);
    }
    conn.execute_batch("COMMIT").unwrap();
    conn
}

fn plain_insert(conn: &rusqlite::Connection, n: usize) -> i64 {
    let e = entry(n);
    conn.execute(
        "INSERT INTO log_entry (happened_at, written_at, facts, told, view, platform, account, evidence, reported, actions)
         VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![e.happened_at, e.facts, e.told, e.view, e.platform, e.account, e.evidence, e.reported, e.actions],
    )
    .unwrap();
    conn.last_insert_rowid()
}

/// Adds an entry to a log of 10,000 and deletes it again, in plain SQLite:
/// with the whole search index merged after the deletion, as Harbour did before
/// 2026-12-04 so that no removed word was left in it, or with FTS5's
/// secure-delete on, which drops the words as the entry goes.
fn plain_add_and_delete(conn: &rusqlite::Connection, merge: bool) {
    let id = plain_insert(conn, 10_001);
    conn.execute("DELETE FROM log_entry WHERE id = ?1", [id]).unwrap();
    if merge {
        conn.execute("INSERT INTO log_search(log_search) VALUES ('optimize')", []).unwrap();
    }
}

type Row = (i64, String, String, String, String, String, String, String, String, String);

fn plain_rows(conn: &rusqlite::Connection, sql: &str, params: impl rusqlite::Params) -> Vec<Row> {
    let mut stmt = conn.prepare_cached(sql).unwrap();
    let rows = stmt
        .query_map(params, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn log(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.db");
    let key_hex = "5a".repeat(32);
    let key = || DbKey::from_hex(&key_hex).unwrap();
    let db = Db::open(&path, &key()).unwrap();
    for n in 0..10_000 {
        db.add_log_entry(&entry(n)).unwrap();
    }
    let plain_dir = tempfile::tempdir().unwrap();
    let plain = plain_log(&plain_dir.path().join("plain.db"));
    const COLS: &str = "e.id, e.happened_at, e.facts, e.told, e.view, e.platform, e.account, e.evidence, e.reported, e.actions";
    let list_sql = format!("SELECT {COLS} FROM log_entry e ORDER BY e.happened_at, e.id");
    let search_sql = format!("SELECT {COLS} FROM log_entry e JOIN log_search s ON s.rowid = e.id WHERE log_search MATCH ?1 ORDER BY s.rank LIMIT 200");
    let query = fts_query("upset kaloser").unwrap();
    let hits = db.search_log("upset kaloser").unwrap().len();
    assert!(hits > 10, "the search should find something: {hits}");
    assert_eq!(plain_rows(&plain, &search_sql, [&query]).len(), hits);

    let mut g = c.benchmark_group("log");
    g.sample_size(30);
    g.bench_function("baseline: list 10,000 entries, plain SQLite", |b| b.iter(|| assert_eq!(plain_rows(&plain, &list_sql, []).len(), 10_000)));
    g.bench_function("harbour: open and list 10,000 entries (cold cache)", |b| {
        b.iter(|| assert_eq!(Db::open(&path, &key()).unwrap().log_entries().unwrap().len(), 10_000))
    });
    g.bench_function("harbour: list 10,000 entries", |b| b.iter(|| assert_eq!(db.log_entries().unwrap().len(), 10_000)));
    g.bench_function("baseline: search 10,000 entries, plain SQLite FTS5", |b| b.iter(|| plain_rows(&plain, &search_sql, [&query])));
    g.bench_function("harbour: search 10,000 entries (FTS5)", |b| b.iter(|| db.search_log("upset kaloser").unwrap()));

    let merging_dir = tempfile::tempdir().unwrap();
    let merging = plain_log(&merging_dir.path().join("merging.db"));
    merging.execute("INSERT INTO log_search(log_search, rank) VALUES ('secure-delete', 0)", []).unwrap();
    let dropping_dir = tempfile::tempdir().unwrap();
    let dropping = plain_log(&dropping_dir.path().join("dropping.db"));
    g.bench_function("baseline: add and delete one of 10,000, merging the whole index, plain SQLite", |b| b.iter(|| plain_add_and_delete(&merging, true)));
    g.bench_function("harbour's way: add and delete one of 10,000 with FTS5 secure-delete, plain SQLite", |b| b.iter(|| plain_add_and_delete(&dropping, false)));
    g.bench_function("harbour: add and delete one of 10,000 (durable, encrypted)", |b| {
        b.iter(|| db.delete_log_entry(db.add_log_entry(&entry(10_001)).unwrap().id, "bench").unwrap())
    });
    g.finish();
}

criterion_group!(benches, unlock, records, log);
criterion_main!(benches);
