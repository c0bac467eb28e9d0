//! The trust rule the app applies when it finds a pack, and where it looks.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::container::VerifiedPack;

/// What to do with a verified pack, given the one the app already uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// No pack yet: ask the carer to check the fingerprint, then use it.
    New,
    /// Same key, higher `pack_version`: use it without asking.
    Update,
    /// Same key, same or lower `pack_version`: leave things as they are.
    SameOrOlder,
    /// Signed by another key: refuse until the carer removes the old pack.
    DifferentKey,
}

/// `current` is the key and `pack_version` of the pack in use, if any.
pub fn decide(current: Option<(&[u8; 32], u32)>, incoming: &VerifiedPack) -> Decision {
    match current {
        None => Decision::New,
        Some((key, _)) if key != incoming.public_key() => Decision::DifferentKey,
        Some((_, version)) if incoming.content().pack_version > version => Decision::Update,
        Some(_) => Decision::SameOrOlder,
    }
}

/// The folders an administrator (or an agency's installer) puts packs in,
/// for every user of the machine. The app reads `*.harbourpack` files there.
#[cfg(target_os = "windows")]
pub fn managed_dirs() -> Vec<PathBuf> {
    let base = std::env::var_os("ProgramData")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
    vec![base.join("Harbour").join("packs")]
}

/// The folders an administrator (or an agency's installer) puts packs in,
/// for every user of the machine. The app reads `*.harbourpack` files there.
#[cfg(target_os = "macos")]
pub fn managed_dirs() -> Vec<PathBuf> {
    vec![PathBuf::from("/Library/Application Support/Harbour/packs")]
}

/// The folders an administrator (or an agency's installer) puts packs in,
/// for every user of the machine. The app reads `*.harbourpack` files there.
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
pub fn managed_dirs() -> Vec<PathBuf> {
    vec![PathBuf::from("/etc/harbour/packs")]
}
