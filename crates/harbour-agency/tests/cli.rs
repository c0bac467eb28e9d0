//! The real harbour-agency binary, run as an agency would run it, in a temp folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

const BIN: &str = env!("CARGO_BIN_EXE_harbour-agency");
const PASSPHRASE: &str = "seagull harbour lantern 42";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/agency")
}

fn run(args: &[&str], passphrase: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdin(Stdio::null()).env_remove("HARBOUR_AGENCY_PASSPHRASE");
    if let Some(p) = passphrase {
        cmd.env("HARBOUR_AGENCY_PASSPHRASE", p);
    }
    cmd.output().expect("runs harbour-agency")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The first `XXXX-XXXX-XXXX-XXXX` in some text.
fn find_fingerprint(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.len() == 19 && w.split('-').count() == 4 && w.split('-').all(|g| g.len() == 4))
        .unwrap_or_else(|| panic!("no fingerprint in {text:?}"))
        .to_string()
}

struct Key {
    _dir: tempfile::TempDir,
    path: PathBuf,
    fingerprint: String,
}

/// One key for the tests that only need some key (Argon2id takes a moment in a debug build).
static KEY: LazyLock<Key> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agency.key");
    let o = run(&["key", "new", "--out", path.to_str().unwrap()], Some(PASSPHRASE));
    assert!(o.status.success(), "{}", stderr(&o));
    let fingerprint = find_fingerprint(&stdout(&o));
    Key { _dir: dir, path, fingerprint }
});

fn build_example(out: &Path) -> Output {
    run(
        &["build", "--key", KEY.path.to_str().unwrap(), "--from", example().to_str().unwrap(), "--out", out.to_str().unwrap()],
        Some(PASSPHRASE),
    )
}

#[test]
fn new_key_build_verify_and_the_fingerprints_match() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("agency.key");
    let made = run(&["key", "new", "--out", key.to_str().unwrap()], Some(PASSPHRASE));
    assert!(made.status.success(), "{}", stderr(&made));
    let fp = find_fingerprint(&stdout(&made));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The secret is not in the key file in the clear; the fingerprint is.
    let key_text = std::fs::read_to_string(&key).unwrap();
    assert!(key_text.contains(&fp));

    let pack = dir.path().join("agency.harbourpack");
    let built = run(
        &["build", "--key", key.to_str().unwrap(), "--from", example().to_str().unwrap(), "--out", pack.to_str().unwrap()],
        Some(PASSPHRASE),
    );
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(find_fingerprint(&stdout(&built)), fp);
    assert!(stderr(&built).contains("uses the example's hand-over key"), "a published key is called out: {}", stderr(&built));

    let checked = run(&["verify", pack.to_str().unwrap()], None);
    assert!(checked.status.success(), "{}", stderr(&checked));
    let out = stdout(&checked);
    assert!(out.contains("Brightwater Fostering"), "{out}");
    assert!(out.contains("Pack version: 1"), "{out}");
    assert!(out.contains("Rules:        5 (2 required)"), "{out}");
    assert!(out.contains("Pages:        3"), "{out}");
    assert_eq!(find_fingerprint(&out), fp);

    let from_pack = run(&["fingerprint", pack.to_str().unwrap()], None);
    assert!(from_pack.status.success());
    assert_eq!(stdout(&from_pack).trim(), fp);

    let from_key = run(&["key", "fingerprint", "--key", key.to_str().unwrap()], Some(PASSPHRASE));
    assert!(from_key.status.success(), "{}", stderr(&from_key));
    assert_eq!(stdout(&from_key).trim(), fp);

    // The library reads the file the same way, with the same fingerprint.
    let verified = harbour_pack::verify(&std::fs::read(&pack).unwrap()).unwrap();
    assert_eq!(verified.fingerprint(), fp);
    assert_eq!(verified.content().guidance[0].id, "online-safety-policy");
    assert!(verified.content().records.writer_name_required);
    let handover = verified.content().records.handover.as_ref().expect("the example takes records through Harbour");
    assert_eq!(handover.at_placement_end, harbour_pack::AtPlacementEnd::Remove);
    assert_eq!(verified.content().delegated_authority.get(&harbour_pack::DelegatedDecision::Photos), Some(&harbour_pack::Decider::SocialWorker));
    // No temp files left behind.
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["agency.harbourpack", "agency.key"]);
}

#[test]
fn a_tampered_copy_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("agency.harbourpack");
    let built = build_example(&pack);
    assert!(built.status.success(), "{}", stderr(&built));
    let bytes = std::fs::read(&pack).unwrap();
    for at in [40, bytes.len() / 2, bytes.len() - 1] {
        let mut t = bytes.clone();
        t[at] ^= 0x20;
        let copy = dir.path().join("copy.harbourpack");
        std::fs::write(&copy, &t).unwrap();
        let o = run(&["verify", copy.to_str().unwrap()], None);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("This pack has been changed since the agency signed it"), "{}", stderr(&o));
        assert!(stdout(&o).is_empty());
        let o = run(&["fingerprint", copy.to_str().unwrap()], None);
        assert!(!o.status.success());
    }
    let cut = dir.path().join("cut.harbourpack");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    assert!(!run(&["verify", cut.to_str().unwrap()], None).status.success());
    let not_a_pack = dir.path().join("notes.harbourpack");
    std::fs::write(&not_a_pack, b"hello").unwrap();
    let o = run(&["verify", not_a_pack.to_str().unwrap()], None);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not a Harbour agency pack"), "{}", stderr(&o));
}

#[test]
fn a_wrong_passphrase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("agency.harbourpack");
    let o = run(
        &["build", "--key", KEY.path.to_str().unwrap(), "--from", example().to_str().unwrap(), "--out", pack.to_str().unwrap()],
        Some("not the passphrase at all"),
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("That passphrase does not open this key"), "{}", stderr(&o));
    assert!(!pack.exists());
    let o = run(&["key", "fingerprint", "--key", KEY.path.to_str().unwrap()], Some("not the passphrase at all"));
    assert!(!o.status.success());
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_key_is_never_overwritten_and_needs_a_long_passphrase() {
    let before = std::fs::read(&KEY.path).unwrap();
    let o = run(&["key", "new", "--out", KEY.path.to_str().unwrap()], Some(PASSPHRASE));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&KEY.path).unwrap(), before);

    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short.key");
    let o = run(&["key", "new", "--out", short.to_str().unwrap()], Some("short"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("too short"), "{}", stderr(&o));
    assert!(!short.exists());
}

fn copy_example(to: &Path) {
    std::fs::create_dir_all(to.join("guidance")).unwrap();
    for name in ["pack.toml", "logo.png"] {
        std::fs::copy(example().join(name), to.join(name)).unwrap();
    }
    for entry in std::fs::read_dir(example().join("guidance")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join("guidance").join(entry.file_name())).unwrap();
    }
}

#[test]
fn build_refuses_what_the_app_would_refuse() {
    type Change = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "html",
            Box::new(|d| std::fs::write(d.join("guidance/keeping-records.md"), "# Records\n\n<script>alert(1)</script>\n").unwrap()),
            "guidance page keeping-records: raw HTML",
        ),
        (
            "http",
            Box::new(|d| {
                let t = std::fs::read_to_string(d.join("pack.toml")).unwrap();
                std::fs::write(d.join("pack.toml"), t.replace("https://northmoor.example.org", "http://northmoor.example.org")).unwrap()
            }),
            "is not an https:// link",
        ),
        (
            "logo",
            Box::new(|d| std::fs::write(d.join("logo.png"), b"<svg/>").unwrap()),
            "logo: not a PNG or JPEG",
        ),
        (
            "band",
            Box::new(|d| {
                let t = std::fs::read_to_string(d.join("pack.toml")).unwrap();
                std::fs::write(d.join("pack.toml"), t.replacen("\"5-7\"", "\"under-8\"", 1)).unwrap()
            }),
            "unknown variant `under-8`",
        ),
        (
            "title",
            Box::new(|d| std::fs::write(d.join("guidance/keeping-records.md"), "No heading here.\n").unwrap()),
            "the page needs a title",
        ),
        (
            "order",
            Box::new(|d| std::fs::write(d.join("guidance/extra.md"), "# Extra\n\nMore.\n").unwrap()),
            "guidance/extra.md is not in guidance_order",
        ),
    ];
    for (name, change, expect) in cases {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("agency");
        copy_example(&folder);
        change(&folder);
        let pack = dir.path().join("out.harbourpack");
        let o = run(
            &["build", "--key", KEY.path.to_str().unwrap(), "--from", folder.to_str().unwrap(), "--out", pack.to_str().unwrap()],
            Some(PASSPHRASE),
        );
        assert!(!o.status.success(), "{name}");
        assert!(stderr(&o).contains(expect), "{name}: {}", stderr(&o));
        assert!(!pack.exists(), "{name}");
    }
}

#[test]
fn the_shared_key_fingerprint_is_well_formed() {
    assert!(harbour_pack::normalize_fingerprint(&KEY.fingerprint).as_deref() == Some(KEY.fingerprint.as_str()));
}

/// A hand-over key made by the real binary, and its public key as printed.
struct HandoverKey {
    _dir: tempfile::TempDir,
    path: PathBuf,
    public: String,
}

static HANDOVER_KEY: LazyLock<HandoverKey> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handover.key");
    let o = run(&["handover-key", "new", "--out", path.to_str().unwrap()], Some(PASSPHRASE));
    assert!(o.status.success(), "{}", stderr(&o));
    let public = stdout(&o).split_whitespace().find(|w| w.starts_with("age1")).expect("prints the public key").to_string();
    assert!(stdout(&o).contains(&format!("recipient = \"{public}\"")), "prints the pack.toml lines");
    HandoverKey { _dir: dir, path, public }
});

/// What a carer's Harbour would send: a chronology with its hash line and a PNG.
fn handover_for(public: &str) -> Vec<u8> {
    let to = harbour_handover::parse_recipient(public).unwrap();
    let (chronology, _) = harbour_handover::hash_line::seal("CONCERN LOG CHRONOLOGY\nEntry 1 of 1\nUsername: ścieżka_07\n");
    let png = std::fs::read(example().join("logo.png")).unwrap();
    let mut w = harbour_handover::HandoverWriter::new(Vec::new(), &to, 1_796_300_000).unwrap();
    w.add("chronology.txt", chronology.len() as u64, chronology.as_bytes()).unwrap();
    w.add("files/1-screenshot.png", png.len() as u64, png.as_slice()).unwrap();
    w.finish("Brightwater Fostering").unwrap().0
}

fn open_handover(bytes: &[u8], dir: &Path, passphrase: &str) -> (Output, PathBuf) {
    let file = dir.join("from-carer.harbour-handover");
    std::fs::write(&file, bytes).unwrap();
    let out = dir.join("opened");
    let o = run(&["open", file.to_str().unwrap(), "--key", HANDOVER_KEY.path.to_str().unwrap(), "--out", out.to_str().unwrap()], Some(passphrase));
    (o, out)
}

#[test]
fn handover_key_is_private_and_never_overwritten() {
    let bytes = std::fs::read(&HANDOVER_KEY.path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "), "a standard age file locked with the passphrase");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&HANDOVER_KEY.path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let o = run(&["handover-key", "new", "--out", HANDOVER_KEY.path.to_str().unwrap()], Some(PASSPHRASE));
    assert!(!o.status.success() && stderr(&o).contains("never writes over a key"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&HANDOVER_KEY.path).unwrap(), bytes);
}

#[test]
fn open_checks_every_file_of_a_handover() {
    let dir = tempfile::tempdir().unwrap();
    let (o, out) = open_handover(&handover_for(&HANDOVER_KEY.public), dir.path(), PASSPHRASE);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    let png = std::fs::read(example().join("logo.png")).unwrap();
    assert!(said.contains("Made for:     Brightwater Fostering"), "{said}");
    assert!(said.contains(&format!("files/1-screenshot.png  {} bytes  SHA-256 {}", png.len(), harbour_handover::sha256_hex(&png))), "{said}");
    assert!(said.contains("its SHA-256 line checks"), "{said}");
    assert_eq!(std::fs::read(out.join("files/1-screenshot.png")).unwrap(), png);
    assert!(std::fs::read_to_string(out.join("chronology.txt")).unwrap().contains("ścieżka_07"));
}

/// Runs `open` on `bytes` and returns what it said, checking nothing was kept.
fn open_refused(bytes: &[u8], passphrase: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (o, out) = open_handover(bytes, dir.path(), passphrase);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(!out.exists(), "nothing was kept");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "only the hand-over file is left: {names:?}");
    stderr(&o)
}

#[test]
fn open_refuses_a_changed_a_cut_short_and_another_keys_handover() {
    let good = handover_for(&HANDOVER_KEY.public);
    let mut changed = good.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x20;
    assert!(open_refused(&changed, PASSPHRASE).contains("damaged, cut short or was changed"));
    assert!(open_refused(&good[..good.len() - 100], PASSPHRASE).contains("damaged, cut short or was changed"));
    let other = harbour_handover::Identity::generate().to_public().to_string();
    assert!(open_refused(&handover_for(&other), PASSPHRASE).contains("made for a different key"));
    assert!(open_refused(&good, "not the passphrase at all").contains("does not open this hand-over key"));
    assert!(open_refused(b"hello", PASSPHRASE).contains("not a Harbour hand-over file"));
}
