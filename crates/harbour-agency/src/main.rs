//! harbour-agency: the tool a foster agency uses to make a signing key, build a
//! signed `.harbourpack` from a folder, and check a pack as the app would.

use harbour_agency::folder;
mod handover;
mod keyfile;

use std::fs;

use harbour_base::files::{create_new, parent_dir, sync_dir, temp_beside, write_atomic, Access};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use harbour_pack::{PackError, Role};
use zeroize::Zeroizing;

use keyfile::{KdfParams, KeyError, KeyFile};

/// Scripts and tests may give the passphrase here instead of typing it.
const PASSPHRASE_ENV: &str = "HARBOUR_AGENCY_PASSPHRASE";
const MIN_PASSPHRASE_CHARS: usize = 12;

#[derive(Parser)]
#[command(name = "harbour-agency", version, about = "Make and check signed Harbour agency packs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make a signing key, or show its fingerprint.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Build and sign a pack from an agency folder (pack.toml, guidance/*.md, logo.png).
    Build {
        /// The key file made by `harbour-agency key new`.
        #[arg(long)]
        key: PathBuf,
        /// The agency folder.
        #[arg(long)]
        from: PathBuf,
        /// Where to write the pack (ends .harbourpack).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a pack as Harbour would, and show what is in it.
    Verify {
        pack: PathBuf,
    },
    /// Show the fingerprint of the key that signed a pack.
    Fingerprint {
        pack: PathBuf,
    },
    /// Make the key carers' Harbour encrypts hand-overs to.
    HandoverKey {
        #[command(subcommand)]
        command: HandoverKeyCommand,
    },
    /// Open a hand-over from a carer into a new folder, and check every file in it.
    Open {
        /// The hand-over file (ends .harbour-handover).
        file: PathBuf,
        /// The key file made by `harbour-agency handover-key new`.
        #[arg(long)]
        key: PathBuf,
        /// A new folder to put what it holds in.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum HandoverKeyCommand {
    /// Make a new hand-over key, kept in a file locked with a passphrase.
    New {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Make a new signing key, kept in a file locked with a passphrase.
    New {
        #[arg(long)]
        out: PathBuf,
    },
    /// Show a key's fingerprint (asks for the passphrase, to prove the key opens).
    Fingerprint {
        #[arg(long)]
        key: PathBuf,
    },
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("{0}")]
    Message(String),
    #[error("{0}")]
    Key(#[from] KeyError),
    #[error("{0}")]
    Folder(#[from] folder::FolderError),
    #[error("{0}")]
    HandoverKey(#[from] handover::KeyFileError),
    #[error("{0}")]
    Handover(#[from] harbour_handover::OpenError),
    /// A pack Harbour would refuse, found while building.
    #[error("The pack was not made, because Harbour would refuse it.\n  What is wrong: {}\n  A carer would see: {}", .0.detail(), .0.message())]
    Build(PackError),
    /// A pack Harbour refuses, found while checking.
    #[error("{}\n  What is wrong: {}", .0.message(), .0.detail())]
    Verify(PackError),
}

fn io_error(action: &str, path: &Path, e: io::Error) -> CliError {
    CliError::Message(format!("Could not {action} {}: {e}", path.display()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harbour-agency: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Key { command: KeyCommand::New { out } } => key_new(&out),
        Command::Key { command: KeyCommand::Fingerprint { key } } => {
            let file = load_key_file(&key)?;
            let passphrase = passphrase("Passphrase for the key: ", false)?;
            file.open(&passphrase)?;
            println!("{}", file.fingerprint());
            Ok(())
        }
        Command::Build { key, from, out } => build(&key, &from, &out),
        Command::HandoverKey { command: HandoverKeyCommand::New { out } } => handover_key_new(&out),
        Command::Open { file, key, out } => open(&file, &key, &out),
        Command::Verify { pack } => verify(&pack),
        Command::Fingerprint { pack } => {
            let pack = read_pack(&pack)?;
            println!("{}", pack.fingerprint());
            Ok(())
        }
    }
}

/// The passphrase from the environment, or typed at the terminal (twice for a new key).
fn passphrase(prompt: &str, confirm: bool) -> Result<Zeroizing<String>, CliError> {
    if let Some(p) = std::env::var_os(PASSPHRASE_ENV) {
        let p = p.into_string().map_err(|_| CliError::Message(format!("{PASSPHRASE_ENV} is not valid text.")))?;
        if !p.is_empty() {
            return Ok(Zeroizing::new(p));
        }
    }
    let no_terminal = |e: io::Error| {
        CliError::Message(format!("Could not read a passphrase ({e}). Run this in a terminal, or set {PASSPHRASE_ENV}."))
    };
    let first = Zeroizing::new(rpassword::prompt_password(prompt).map_err(no_terminal)?);
    if confirm {
        let second = Zeroizing::new(rpassword::prompt_password("Type it again: ").map_err(no_terminal)?);
        if *first != *second {
            return Err(CliError::Message("The two passphrases are not the same. Nothing was made.".into()));
        }
    }
    Ok(first)
}

/// Refuses a name already in use, and a passphrase too short to protect a key.
fn new_key_passphrase(out: &Path) -> Result<Zeroizing<String>, CliError> {
    if out.exists() {
        return Err(CliError::Message(format!(
            "{} already exists. harbour-agency never writes over a key. Choose another name, or move the old file first.",
            out.display()
        )));
    }
    let passphrase = passphrase("Passphrase for the new key: ", true)?;
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(CliError::Message(format!(
            "That passphrase is too short. Use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words is good."
        )));
    }
    Ok(passphrase)
}

fn key_new(out: &Path) -> Result<(), CliError> {
    let passphrase = new_key_passphrase(out)?;
    let key = keyfile::generate();
    let file = KeyFile::seal(&key, &passphrase, KdfParams::DEFAULT)?;
    write_new_private(out, &file.to_bytes())?;
    println!("Made a new signing key in {}.", out.display());
    println!("Fingerprint: {}", file.fingerprint());
    println!();
    println!("Keep this file and its passphrase safe, and apart. Anyone with both can sign packs");
    println!("that your carers' Harbour will trust. Tell carers the fingerprint so they can check a pack.");
    Ok(())
}

fn handover_key_new(out: &Path) -> Result<(), CliError> {
    let passphrase = new_key_passphrase(out)?;
    let made = handover::new_key(&passphrase, &harbour_base::dates::unix_to_iso(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64))).map_err(CliError::Message)?;
    write_new_private(out, &made.file)?;
    println!("Made a new hand-over key in {}.", out.display());
    println!("Public key: {}", made.public);
    println!();
    println!("Put the public key in your pack.toml, then build the pack again:");
    println!();
    println!("  [records.handover]");
    println!("  recipient = \"{}\"", made.public);
    println!("  how = \"Say here how and when carers should hand records over.\"");
    println!("  # When a placement ends: \"remove\" takes the child's records off the carer's");
    println!("  # computer once all are handed over; \"carer-chooses\" leaves it to the carer.");
    println!("  at_placement_end = \"carer-chooses\"");
    println!();
    println!("Keep this file and its passphrase safe, and apart: together they open every");
    println!("record your carers hand over. The age tool opens hand-overs with it too (age -d -i).");
    Ok(())
}

fn open(file: &Path, key_path: &Path, out: &Path) -> Result<(), CliError> {
    let key_bytes = read_key_file(key_path, handover::MAX_KEY_FILE, || handover::KeyFileError::Damaged("it is too big".into()).into())?;
    let input = fs::File::open(file).map_err(|e| io_error("read", file, e))?;
    let passphrase = passphrase("Passphrase for the hand-over key: ", false)?;
    let identity = handover::open_key(&key_bytes, &passphrase)?;
    let opened = harbour_handover::open(io::BufReader::new(input), &identity, out)?;
    let m = &opened.manifest;
    println!("Opened into {}.", opened.folder.display());
    println!("Made for:     {}", m.made_for);
    println!("Made on:      {}", harbour_base::dates::unix_in_words(m.made_at));
    println!("Files:        {}, each checked against its SHA-256", m.files.len());
    for f in &m.files {
        println!("              {}  {} bytes  SHA-256 {}", f.name, f.size, f.sha256);
    }
    match &opened.chronology {
        Some(Ok(hash)) => {
            println!("Chronology:   its SHA-256 line checks ({hash})");
            Ok(())
        }
        Some(Err(e)) => Err(CliError::Message(format!(
            "Every file arrived as it was sent, but the chronology does not check: {e}. Do not rely on it; ask the carer to hand over again."
        ))),
        None => {
            println!("Chronology:   none in this hand-over");
            Ok(())
        }
    }
}

/// Writes a new file whole or not at all, and never over an existing one:
/// temp file, fsync, hard link to the name (which fails if it exists), fsync the folder.
fn write_new_private(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let tmp = temp_beside(path);
    let private = |p: &Path| create_new(p, Access::OwnerOnly);
    let result = (|| {
        let _ = fs::remove_file(&tmp);
        let mut f = private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        match fs::hard_link(&tmp, path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            // File systems without hard links: create_new still refuses to overwrite.
            Err(_) => {
                let mut f = private(path)?;
                f.write_all(bytes)?;
                f.sync_all()?;
            }
        }
        sync_dir(parent_dir(path))
    })();
    let _ = fs::remove_file(&tmp);
    result.map_err(|e| io_error("write", path, e))
}

/// A key file's bytes, refused before reading if it is bigger than any key file.
fn read_key_file(path: &Path, max: u64, too_big: impl FnOnce() -> CliError) -> Result<Vec<u8>, CliError> {
    let meta = fs::metadata(path).map_err(|e| io_error("read the key file", path, e))?;
    if meta.len() > max {
        return Err(too_big());
    }
    fs::read(path).map_err(|e| io_error("read the key file", path, e))
}

fn load_key_file(path: &Path) -> Result<KeyFile, CliError> {
    Ok(KeyFile::from_bytes(&read_key_file(path, keyfile::MAX_FILE_LEN, || KeyError::Damaged("it is too big".into()).into())?)?)
}

fn build(key_path: &Path, from: &Path, out: &Path) -> Result<(), CliError> {
    if out.extension().and_then(|e| e.to_str()) != Some(harbour_pack::EXTENSION) {
        return Err(CliError::Message(format!("The pack's name should end .{}, like agency.{0}.", harbour_pack::EXTENSION)));
    }
    // Read and check everything before asking for the passphrase.
    let file = load_key_file(key_path)?;
    let source = folder::read(from)?;
    let passphrase = passphrase("Passphrase for the key: ", false)?;
    let key = file.open(&passphrase)?;
    let bytes = harbour_pack::build(&source, &key).map_err(CliError::Build)?;
    write_atomic(out, &bytes, Access::Usual).map_err(|e| io_error("write", out, e))?;
    let pack = harbour_pack::verify(&bytes).map_err(CliError::Build)?;
    println!("Made {} ({} bytes).", out.display(), bytes.len());
    print_summary(&pack);
    if pack.content().records.handover.as_ref().is_some_and(|h| h.recipient == EXAMPLE_HANDOVER_RECIPIENT) {
        eprintln!();
        eprintln!("Warning: this pack uses the example's hand-over key. Its secret half is published, so anyone");
        eprintln!("could open what your carers hand over. Make your own with `harbour-agency handover-key new`.");
    }
    Ok(())
}

/// The public key in examples/agency/pack.toml; its secret half is in the repository's test fixtures.
const EXAMPLE_HANDOVER_RECIPIENT: &str = "age13g8jmfv8qvq0yqfmc0hyd9z4wayp69wvrjeg4r0jqsssgqr3fyjsjpuzme";

fn read_pack(path: &Path) -> Result<harbour_pack::VerifiedPack, CliError> {
    let meta = fs::metadata(path).map_err(|e| io_error("read", path, e))?;
    if meta.len() > harbour_pack::limits::MAX_FILE {
        return Err(CliError::Verify(PackError::FileTooLarge { size: meta.len() }));
    }
    let bytes = fs::read(path).map_err(|e| io_error("read", path, e))?;
    harbour_pack::verify(&bytes).map_err(CliError::Verify)
}

fn verify(path: &Path) -> Result<(), CliError> {
    let pack = read_pack(path)?;
    println!("This pack is signed, complete, and Harbour would accept it.");
    print_summary(&pack);
    Ok(())
}

fn print_summary(pack: &harbour_pack::VerifiedPack) {
    let c = pack.content();
    println!("Agency:       {}", c.agency.name);
    println!("Pack version: {}", c.pack_version);
    println!("Issued:       {}", c.issued);
    let roles: Vec<&str> = c.contacts.iter().map(|x| x.role.id()).collect();
    println!("Contacts:     {} ({})", c.contacts.len(), roles.join(", "));
    let missing: Vec<&str> =
        Role::ALL.iter().filter(|r| **r != Role::Other && !c.contacts.iter().any(|x| x.role == **r)).map(|r| r.id()).collect();
    if !missing.is_empty() {
        println!("              no {} contact", missing.join(", no "));
    }
    println!("Pages:        {}", c.guidance.len());
    for p in &c.guidance {
        println!("              {} ({})", p.title, p.id);
    }
    let required = c.rules.iter().filter(|r| r.required).count();
    println!("Rules:        {} ({required} required)", c.rules.len());
    let mut records = Vec::new();
    if c.records.writer_name_required {
        records.push("writer's name required");
    }
    if c.records.ask_police_reference {
        records.push("asks for a police reference");
    }
    if c.records.note.is_some() {
        records.push("a note at the top");
    }
    println!("Records:      {}", if records.is_empty() { "no settings".to_string() } else { records.join("; ") });
    match &c.agency.logo {
        Some(l) => {
            let kind = match l.kind {
                harbour_pack::ImageKind::Png => "PNG",
                harbour_pack::ImageKind::Jpeg => "JPEG",
            };
            println!("Logo:         {kind}, {} by {} pixels", l.width, l.height)
        }
        None => println!("Logo:         none"),
    }
    println!("Fingerprint:  {}", pack.fingerprint());
}
