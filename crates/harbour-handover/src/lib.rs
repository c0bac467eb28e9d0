//! What a carer's Harbour hands to their agency, in one place for both sides:
//! Harbour writes it ([`HandoverWriter`]) and `harbour-agency open` reads and
//! checks it ([`open`]).
//!
//! A hand-over is an [age](https://age-encryption.org/v1) file encrypted to
//! the agency's X25519 key. Inside is a POSIX tar: the files, then
//! `manifest.json` with each file's size and SHA-256. age authenticates every
//! 64 KiB chunk and the end of the stream, so a changed or cut-short file fails
//! to decrypt; the manifest lets the agency check each file again later.

mod archive;
pub mod hash_line;
mod names;

pub use archive::{open, HandoverWriter, Manifest, ManifestFile, OpenError, Opened, WriteError, FORMAT, MANIFEST, VERSION};
pub use names::{check_name, kept_file_name};

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256, as Harbour prints it everywhere.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// An agency's public key for hand-overs (`age1...`), checked.
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient, String> {
    let text = text.trim();
    if !text.starts_with("age1") {
        return Err("an agency's hand-over key starts with age1".into());
    }
    text.parse::<age::x25519::Recipient>().map_err(|e| format!("it is not a valid age public key ({e})"))
}

pub use age::x25519::{Identity, Recipient};
