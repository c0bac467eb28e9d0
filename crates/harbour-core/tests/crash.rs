//! Kills a process that is writing to the vault at random moments, hundreds of
//! times, and checks that every change it reported as committed survived and
//! that the database always opens. The writer is this same test binary,
//! started again with HARBOUR_CRASH_WRITER set.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harbour_core::vault::children::ChildInput;
use harbour_core::vault::db::Db;
use harbour_core::vault::DbKey;

fn input(n: u64) -> ChildInput {
    ChildInput {
        name: format!("child {n}"),
        birth_month: Some((n % 12 + 1) as u8),
        birth_year: Some(2012),
        age_band: None,
        devices: "x".repeat((n % 500) as usize),
        looked_after: n.is_multiple_of(2),
    }
}

/// The writer: adds, edits and removes children forever, printing each id once committed.
#[test]
fn crash_writer() {
    let Ok(path) = std::env::var("HARBOUR_CRASH_WRITER") else { return };
    let key = DbKey::from_hex(&std::env::var("HARBOUR_CRASH_KEY").unwrap()).unwrap();
    let db = Db::open(path.as_ref(), &key).unwrap();
    let mut n: u64 = std::env::var("HARBOUR_CRASH_SEED").unwrap().parse().unwrap();
    loop {
        n += 1;
        let c = db.add_child(&input(n)).unwrap();
        if n.is_multiple_of(3) {
            db.update_child(c.id, &input(n + 1_000_000)).unwrap();
            println!("updated {} {}", c.id, n + 1_000_000);
        } else {
            println!("added {} {}", c.id, n);
        }
    }
}

#[test]
fn committed_changes_survive_being_killed() {
    let runs: u32 = std::env::var("HARBOUR_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.db");
    let key_hex = "11".repeat(32);
    let key = DbKey::from_hex(&key_hex).unwrap();
    drop(Db::open(&path, &key).unwrap());
    let exe = std::env::current_exe().unwrap();
    // id -> the name its last printed commit gave it, and the name a commit
    // that landed but was not printed yet may have given it.
    let mut expected: BTreeMap<i64, (String, Option<String>)> = BTreeMap::new();
    let mut seed: u64 = 0x9e37_79b9;
    let started = Instant::now();

    for run in 0..runs {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let base = u64::from(run) * 3_000_000;
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_writer", "--nocapture", "--test-threads=1"])
            .env("HARBOUR_CRASH_WRITER", &path)
            .env("HARBOUR_CRASH_KEY", &key_hex)
            .env("HARBOUR_CRASH_SEED", base.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill it a random 0-30 ms after its first commit: mid-write, most times.
        // The test harness prints its own lines first ("running 1 test"), so wait
        // for a commit line: on a busy machine the harness alone can take 30 ms.
        let first = loop {
            let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("run {run}: the writer never committed"));
            if line.starts_with("added ") || line.starts_with("updated ") {
                break line;
            }
        };
        std::thread::sleep(Duration::from_micros(seed % 30_000));
        kill(&mut child, run);
        reader.join().unwrap();
        for line in std::iter::once(first).chain(rx.try_iter()) {
            let parts: Vec<&str> = line.split(' ').collect();
            let [what, id, n] = parts[..] else { continue };
            let (Ok(id), Ok(n)) = (id.parse::<i64>(), n.parse::<u64>()) else { continue };
            let pending_update = (what == "added" && n % 3 == 0).then(|| format!("child {}", n + 1_000_000));
            expected.insert(id, (format!("child {n}"), pending_update));
        }
        let db = Db::open(&path, &key).unwrap_or_else(|e| panic!("run {run}: the vault did not open after a kill: {e}"));
        let names: HashMap<i64, String> = db.children().unwrap().into_iter().map(|c| (c.id, c.input.name)).collect();
        for (id, (name, pending)) in expected.iter_mut() {
            let found = names.get(id).unwrap_or_else(|| panic!("run {run}: committed child {id} was lost"));
            assert!(found == name || Some(found) == pending.as_ref(), "run {run}: child {id} is {found:?}, expected {name:?}");
            // Whatever is on disk now is what later runs must keep.
            *name = found.clone();
            *pending = None;
        }
    }
    assert!(expected.len() as u32 >= runs, "the writer committed too little to test anything ({} changes)", expected.len());
    eprintln!("{runs} kills, {} committed children checked, in {:?}", expected.len(), started.elapsed());
}

/// Kills the writer and waits for it. Wine's TerminateProcess can fail with
/// "Internal error" while the process is already ending; that counts as
/// killed once it has gone, and is tried again while it has not.
fn kill(child: &mut std::process::Child, run: u32) {
    for attempt in 0.. {
        match child.kill() {
            Ok(()) => break,
            Err(_) if child.try_wait().unwrap().is_some() => break,
            Err(e) if attempt == 20 => panic!("run {run}: the writer could not be killed: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    child.wait().unwrap();
}
