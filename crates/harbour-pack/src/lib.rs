//! Signed agency packs for Harbour.
//!
//! A foster agency puts its contacts, guidance pages, extra agreement rules and
//! concern-log settings in one `.harbourpack` file and signs it with Ed25519.
//! [`verify`] checks a pack and returns what it says; [`build`] makes one (and
//! checks it with `verify`); [`fingerprint`] is what a carer reads over the
//! phone to the agency; [`decide`] is the rule the app applies to a new pack.
//! No Tauri, no network. The format is in docs/pack-format.md.

mod container;
mod content;
mod error;
mod fingerprint;
mod image;
pub mod limits;
pub mod markdown;
mod trust;
pub mod validate;

pub use container::{build, verify, PackSource, SourceFile, SourcePage, VerifiedPack};
pub use content::{Agency, AtPlacementEnd, Band, Contact, Decider, DelegatedDecision, GuidancePage, Handover, ImageKind, Logo, PackContent, Records, Role, Rule, Section, Voice};
pub use ed25519_dalek;
pub use error::{PackError, PackErrorCode, PackErrorView};
pub use fingerprint::{fingerprint, fingerprint_matches, normalize_fingerprint};
pub use markdown::{Block, Inline};
pub use trust::{decide, managed_dirs, Decision};

/// The first 12 bytes of every pack.
pub const MAGIC: &[u8; 12] = b"HARBOURPACK\0";
/// The pack format this crate reads and writes.
pub const FORMAT: u32 = 1;
/// What is signed is `DOMAIN` followed by every byte of the file before the signature.
pub const DOMAIN: &[u8] = b"harbour-pack-v1";
/// The file extension, without the dot.
pub const EXTENSION: &str = "harbourpack";

#[cfg(test)]
mod tests;
