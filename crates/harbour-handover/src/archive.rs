//! Writing and opening a hand-over file: age around tar, `manifest.json` last.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::hash_line::{self, HashLineError};
use crate::names::check_name;

pub const FORMAT: &str = "harbour-handover";
pub const VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
const MAX_MANIFEST: u64 = 1024 * 1024;
const MAX_FILES: usize = 10_000;
const CHRONOLOGY_TEXT: &str = "chronology.txt";

/// What a hand-over holds, written last so each file's SHA-256 is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// Unix seconds.
    pub made_at: i64,
    /// Who it was made for, as the carer's Harbour named them.
    pub made_for: String,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Name(String),
    #[error("{name} gave {got} bytes, not the {expected} it should have")]
    WrongSize { name: String, expected: u64, got: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Streams files into a hand-over: nothing is held whole in memory and
/// nothing readable is written anywhere but into the encrypted output.
pub struct HandoverWriter<W: Write> {
    tar: tar::Builder<age::stream::StreamWriter<W>>,
    files: Vec<ManifestFile>,
    made_at: i64,
}

impl<W: Write> HandoverWriter<W> {
    pub fn new(out: W, to: &age::x25519::Recipient, made_at: i64) -> Result<Self, WriteError> {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(to as &dyn age::Recipient))
            .map_err(|e| WriteError::Io(io::Error::other(e.to_string())))?;
        let mut tar = tar::Builder::new(encryptor.wrap_output(out)?);
        tar.mode(tar::HeaderMode::Deterministic);
        Ok(HandoverWriter { tar, files: Vec::new(), made_at })
    }

    /// Adds `size` bytes read from `data` as `name` (see [`check_name`]).
    pub fn add(&mut self, name: &str, size: u64, data: impl Read) -> Result<(), WriteError> {
        check_name(name).map_err(WriteError::Name)?;
        if name == MANIFEST || self.files.iter().any(|f| f.name == name) {
            return Err(WriteError::Name(format!("{name} is already in this hand-over")));
        }
        let mut hashing = Hashing { inner: data.take(size), hash: Sha256::new(), count: 0 };
        self.tar.append_data(&mut header(size, self.made_at), name, &mut hashing)?;
        if hashing.count != size {
            return Err(WriteError::WrongSize { name: name.into(), expected: size, got: hashing.count });
        }
        self.files.push(ManifestFile { name: name.into(), size, sha256: crate::hex(&hashing.hash.finalize()) });
        Ok(())
    }

    /// Writes the manifest and closes the encryption. Returns the output and the manifest.
    pub fn finish(mut self, made_for: &str) -> Result<(W, Manifest), WriteError> {
        let manifest =
            Manifest { format: FORMAT.into(), version: VERSION, made_at: self.made_at, made_for: made_for.into(), files: self.files };
        let json = serde_json::to_vec_pretty(&manifest).map_err(io::Error::other)?;
        self.tar.append_data(&mut header(json.len() as u64, self.made_at), MANIFEST, json.as_slice())?;
        let out = self.tar.into_inner()?.finish()?;
        Ok((out, manifest))
    }
}

fn header(size: u64, made_at: i64) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(tar::EntryType::Regular);
    h.set_size(size);
    h.set_mode(0o600);
    h.set_mtime(made_at.max(0) as u64);
    h
}

struct Hashing<R> {
    inner: R,
    hash: Sha256,
    count: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("This hand-over was made for a different key. Check that you chose your agency's hand-over key, and ask the carer which key Harbour used.")]
    OtherKey,
    #[error("This file is damaged, cut short or was changed after it was made, so it cannot be trusted. Nothing from it was kept. Ask the carer to make the hand-over again. (What was wrong: {0})")]
    Damaged(String),
    #[error("This is not a Harbour hand-over file ({0}).")]
    NotHandover(String),
    #[error("{} already exists. Choose a folder name that is not used yet.", .0.display())]
    Exists(PathBuf),
    #[error("Could not write into {}: {}. Nothing from the hand-over was kept.", .0.display(), .1)]
    Write(PathBuf, io::Error),
}

/// What an opened hand-over held, each file checked against the manifest.
#[derive(Debug)]
pub struct Opened {
    pub folder: PathBuf,
    pub manifest: Manifest,
    /// The chronology's own hash line: `Some(Ok(hash))` when it checks.
    pub chronology: Option<Result<String, HashLineError>>,
}

/// Decrypts a hand-over into the new folder `dest` and checks every file
/// against the manifest and the chronology against its own hash line. The
/// files go into a folder beside `dest` first, and only a hand-over that
/// checks completely is renamed to `dest`; anything less is removed.
pub fn open(input: impl Read, key: &age::x25519::Identity, dest: &Path) -> Result<Opened, OpenError> {
    if dest.exists() {
        return Err(OpenError::Exists(dest.into()));
    }
    let decryptor = age::Decryptor::new(input).map_err(|e| match e {
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => OpenError::NotHandover("it is not an age file".into()),
        age::DecryptError::Io(e) => OpenError::NotHandover(e.to_string()),
        e => OpenError::Damaged(e.to_string()),
    })?;
    let stream = decryptor.decrypt(std::iter::once(key as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => OpenError::OtherKey,
        e => OpenError::Damaged(e.to_string()),
    })?;
    let partial = partial_beside(dest);
    fs::create_dir(&partial).map_err(|e| OpenError::Write(partial.clone(), e))?;
    let result = unpack(stream, &partial).and_then(|manifest| {
        let chronology = if manifest.files.iter().any(|f| f.name == CHRONOLOGY_TEXT) {
            let text = fs::read(partial.join(CHRONOLOGY_TEXT)).map_err(|e| OpenError::Write(partial.clone(), e))?;
            Some(String::from_utf8(text).map_err(|_| HashLineError::Missing).and_then(|t| hash_line::check(&t)))
        } else {
            None
        };
        fs::rename(&partial, dest).map_err(|e| OpenError::Write(dest.into(), e))?;
        Ok(Opened { folder: dest.into(), manifest, chronology })
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&partial);
    }
    result
}

fn partial_beside(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".opening");
    dest.with_file_name(name)
}

/// Writes each file into `folder`, hashing it on the way, and checks the
/// manifest at the end says exactly what arrived.
fn unpack(stream: impl Read, folder: &Path) -> Result<Manifest, OpenError> {
    let damaged = |e: io::Error| OpenError::Damaged(e.to_string());
    let mut archive = tar::Archive::new(stream);
    let mut found: Vec<ManifestFile> = Vec::new();
    let mut manifest: Option<Manifest> = None;
    for entry in archive.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        let name = String::from_utf8(entry.path_bytes().into_owned()).map_err(|_| OpenError::NotHandover("a name is not text".into()))?;
        if manifest.is_some() {
            return Err(OpenError::NotHandover("there is something after the manifest".into()));
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(OpenError::NotHandover(format!("{name} is not a plain file")));
        }
        if name == MANIFEST {
            if entry.size() > MAX_MANIFEST {
                return Err(OpenError::NotHandover("the manifest is too big".into()));
            }
            let mut json = Vec::new();
            entry.read_to_end(&mut json).map_err(damaged)?;
            let m: Manifest = serde_json::from_slice(&json).map_err(|e| OpenError::NotHandover(format!("the manifest: {e}")))?;
            if m.format != FORMAT || m.version > VERSION {
                return Err(OpenError::NotHandover(format!("it says it is {} version {}", m.format, m.version)));
            }
            manifest = Some(m);
            continue;
        }
        check_name(&name).map_err(OpenError::NotHandover)?;
        if found.iter().any(|f| f.name == name) || found.len() >= MAX_FILES {
            return Err(OpenError::NotHandover(format!("{name} is in it twice, or it holds too many files")));
        }
        let path = folder.join(&name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| OpenError::Write(parent.into(), e))?;
        }
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| OpenError::Write(path.clone(), e))?;
        let mut hash = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(damaged)?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
            file.write_all(&buf[..n]).map_err(|e| OpenError::Write(path.clone(), e))?;
            size += n as u64;
        }
        file.sync_all().map_err(|e| OpenError::Write(path.clone(), e))?;
        found.push(ManifestFile { name, size, sha256: crate::hex(&hash.finalize()) });
    }
    // age checks the end of the stream only when it is read to the end.
    let mut rest = archive.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(damaged)?;
    let manifest = manifest.ok_or_else(|| OpenError::Damaged("it has no manifest: it was cut short".into()))?;
    let said: BTreeSet<_> = manifest.files.iter().collect();
    let got: BTreeSet<_> = found.iter().collect();
    if said != got {
        let differ: Vec<&str> = said.symmetric_difference(&got).map(|f| f.name.as_str()).collect();
        return Err(OpenError::Damaged(format!("these files do not match the manifest: {}", differ.join(", "))));
    }
    Ok(manifest)
}
