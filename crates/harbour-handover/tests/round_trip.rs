//! A hand-over made by Harbour opens only with the agency's key, and only whole.

use std::io::{self, Read};
use std::path::Path;

use harbour_handover::{hash_line, open, HandoverWriter, Identity, OpenError};

const MADE_AT: i64 = 1_796_300_000;

/// A chronology, a PDF stand-in and a PNG stand-in, encrypted to `key`.
fn handover(key: &Identity) -> Vec<u8> {
    let (chronology, _) = hash_line::seal("CONCERN LOG CHRONOLOGY\nEntry 1 of 1\nUsername: ścieżka_07\n");
    let mut w = HandoverWriter::new(Vec::new(), &key.to_public(), MADE_AT).unwrap();
    w.add("chronology.txt", chronology.len() as u64, chronology.as_bytes()).unwrap();
    w.add("chronology.pdf", 9, &b"%PDF-1.7\n"[..]).unwrap();
    w.add("files/1-screenshot.png", 8, &b"\x89PNG\r\n\x1a\n"[..]).unwrap();
    w.finish("Brightwater Fostering").unwrap().0
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walk(dir) {
        out.push(e.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn round_trip_with_every_hash_checked() {
    let key = Identity::generate();
    let bytes = handover(&key);
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("opened");
    let opened = open(bytes.as_slice(), &key, &dest).unwrap();
    assert_eq!(names_in(&dest), ["chronology.pdf", "chronology.txt", "files/1-screenshot.png"]);
    assert_eq!(opened.manifest.made_for, "Brightwater Fostering");
    assert_eq!(opened.manifest.made_at, MADE_AT);
    assert!(matches!(opened.chronology, Some(Ok(_))));
    for f in &opened.manifest.files {
        let bytes = std::fs::read(dest.join(&f.name)).unwrap();
        assert_eq!(harbour_handover::sha256_hex(&bytes), f.sha256, "{}", f.name);
        assert_eq!(bytes.len() as u64, f.size);
    }
    assert!(std::fs::read_to_string(dest.join("chronology.txt")).unwrap().contains("ścieżka_07"), "typed text arrives exactly");
    // Only the folder asked for is left; the one it was unpacked into is gone.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn nothing_readable_in_the_file() {
    let key = Identity::generate();
    let bytes = handover(&key);
    let text = String::from_utf8_lossy(&bytes);
    for plain in ["CONCERN LOG", "chronology", "manifest", "Brightwater", "PNG"] {
        assert!(!text.contains(plain), "{plain} is visible in the encrypted file");
    }
    assert!(text.starts_with("age-encryption.org/v1\n"), "a standard age file");
}

fn refused(bytes: &[u8], key: &Identity) -> OpenError {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("opened");
    let e = open(bytes, key, &dest).unwrap_err();
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "nothing kept after {e}");
    e
}

#[test]
fn another_key_cannot_open_it() {
    let bytes = handover(&Identity::generate());
    assert!(matches!(refused(&bytes, &Identity::generate()), OpenError::OtherKey));
}

#[test]
fn any_changed_byte_is_refused() {
    let key = Identity::generate();
    let bytes = handover(&key);
    let header_end = bytes.windows(4).position(|w| w == b"\n---").unwrap();
    for at in [10, header_end + 2, header_end + 60, bytes.len() / 2, bytes.len() - 1] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        let e = refused(&changed, &key);
        assert!(matches!(e, OpenError::Damaged(_) | OpenError::NotHandover(_) | OpenError::OtherKey), "byte {at}: {e}");
    }
}

#[test]
fn a_file_cut_short_is_refused() {
    let key = Identity::generate();
    let bytes = handover(&key);
    for len in [0, 20, 200, bytes.len() / 2, bytes.len() - 17, bytes.len() - 1] {
        let e = refused(&bytes[..len], &key);
        assert!(matches!(e, OpenError::Damaged(_) | OpenError::NotHandover(_)), "cut at {len}: {e}");
    }
}

#[test]
fn a_changed_chronology_is_reported_by_its_own_hash() {
    let key = Identity::generate();
    let (text, _) = hash_line::seal("CONCERN LOG CHRONOLOGY\nWhat I saw: a message\n");
    let changed = text.replace("a message", "two messages");
    let mut w = HandoverWriter::new(Vec::new(), &key.to_public(), MADE_AT).unwrap();
    w.add("chronology.txt", changed.len() as u64, changed.as_bytes()).unwrap();
    let bytes = w.finish("Brightwater Fostering").unwrap().0;
    let tmp = tempfile::tempdir().unwrap();
    let opened = open(bytes.as_slice(), &key, &tmp.path().join("o")).unwrap();
    assert_eq!(opened.chronology, Some(Err(hash_line::HashLineError::Mismatch)));
}

#[test]
fn an_existing_folder_is_never_written_into() {
    let key = Identity::generate();
    let tmp = tempfile::tempdir().unwrap();
    assert!(matches!(open(handover(&key).as_slice(), &key, tmp.path()), Err(OpenError::Exists(_))));
}

#[test]
fn unsafe_names_and_wrong_sizes_are_refused_when_writing() {
    let key = Identity::generate();
    let mut w = HandoverWriter::new(Vec::new(), &key.to_public(), MADE_AT).unwrap();
    for bad in ["../evil", "/etc/x", "files/a/b", "manifest.json"] {
        assert!(w.add(bad, 1, &b"x"[..]).is_err(), "{bad}");
    }
    assert!(w.add("short.txt", 10, &b"abc"[..]).is_err());
}

/// Zeros made as they are read, so a large file is never whole in memory.
struct Zeros(u64);

impl Read for Zeros {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = (buf.len() as u64).min(self.0) as usize;
        buf[..n].fill(0);
        self.0 -= n as u64;
        Ok(n)
    }
}

/// Counts what was written without keeping it.
struct Counted<W>(W, u64);

impl<W: io::Write> io::Write for Counted<W> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let n = self.0.write(b)?;
        self.1 += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[test]
fn large_files_are_streamed_through_to_a_file() {
    const SIZE: u64 = 12 * 1024 * 1024;
    let key = Identity::generate();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("big.age");
    let out = Counted(std::fs::File::create(&path).unwrap(), 0);
    let mut w = HandoverWriter::new(out, &key.to_public(), MADE_AT).unwrap();
    w.add("files/1-video.mp4", SIZE, Zeros(SIZE)).unwrap();
    let (out, manifest) = w.finish("Brightwater Fostering").unwrap();
    assert!(out.1 > SIZE, "every byte went to the file");
    let opened = open(std::fs::File::open(&path).unwrap(), &key, &tmp.path().join("o")).unwrap();
    assert_eq!(opened.manifest, manifest);
    assert_eq!(std::fs::metadata(tmp.path().join("o/files/1-video.mp4")).unwrap().len(), SIZE);
}
