//! Vault speed: unlock at the real Argon2id settings, a durable write, and
//! listing 10,000 records. Each figure comes with a baseline measured in the
//! same run (a bare SQLite insert, a single Argon2id pass at 8 MiB) so the
//! ratios mean something on any machine.
//!
//! cargo bench -p harbour-core --bench vault

use criterion::{criterion_group, criterion_main, Criterion};
use harbour_core::vault::children::{AgeBand, ChildInput};
use harbour_core::vault::keyfile::{KdfParams, KeyFile, Secret};
use harbour_core::vault::recovery::RecoveryCode;
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
    g.finish();
}

criterion_group!(benches, unlock, records);
criterion_main!(benches);
