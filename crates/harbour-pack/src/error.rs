//! Every way a pack can be refused. Each has its own variant, so the app and
//! the tests can tell them apart, and a plain sentence for a foster carer
//! (`Display`). The agency tool adds `detail()` for the person who made the pack.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a pack was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    /// The whole file is over [`crate::limits::MAX_FILE`].
    #[error("This pack file is too big for Harbour to open. Ask your agency for a new copy.")]
    FileTooLarge { size: u64 },

    /// The file does not start with the pack's magic bytes.
    #[error("This file is not a Harbour agency pack. Check you have the right file, or ask your agency for a new copy.")]
    NotAPack,

    /// The file stops before its own layout says it should.
    #[error("This pack file is not complete. It may not have finished copying. Ask your agency for a new copy.")]
    Truncated,

    /// The pack is for a format this version of Harbour does not know.
    #[error("This pack was made for a newer version of Harbour. Update Harbour, then try again.")]
    UnknownFormat { version: u32 },

    /// The signature is missing, damaged, or does not match the contents.
    #[error("This pack has been changed since the agency signed it, so Harbour will not use it. Ask your agency for a new copy.")]
    BadSignature,

    /// A file inside the pack does not match the fingerprint (SHA-256) its list gives.
    #[error("Part of this pack has been changed since the agency made it, so Harbour will not use it. Ask your agency for a new copy.")]
    HashMismatch { asset: String },

    /// The list of contents cannot be read (not JSON, wrong shape, wrong types).
    #[error("Harbour cannot read this pack. It may be damaged. Ask your agency for a new copy.")]
    MalformedManifest { detail: String },

    /// Something the pack must have is missing or empty.
    #[error("This pack is missing something it needs, so Harbour will not use it. Ask your agency for a new copy.")]
    MissingField { field: String },

    /// A value is not one Harbour accepts (an unknown role, a bad date, a bad id...).
    #[error("This pack has a setting Harbour does not understand, so Harbour will not use it. Ask your agency for a new copy.")]
    InvalidValue { field: String, detail: String },

    /// A piece of text is longer than Harbour allows.
    #[error("Some writing in this pack is too long for Harbour to show, so Harbour will not use it. Ask your agency for a new copy.")]
    TextTooLong { field: String, max: usize },

    /// More contacts, pages or rules than Harbour allows.
    #[error("This pack has too much in it for Harbour to show, so Harbour will not use it. Ask your agency for a new copy.")]
    TooManyItems { field: String, max: usize },

    /// More than [`crate::limits::MAX_ASSETS`] files inside the pack.
    #[error("This pack has too many files inside it, so Harbour will not use it. Ask your agency for a new copy.")]
    TooManyAssets { count: usize },

    /// One file inside the pack is over its size limit.
    #[error("A file inside this pack is too big, so Harbour will not use it. Ask your agency for a new copy.")]
    AssetTooLarge { name: String, size: u64, max: u64 },

    /// A file name inside the pack is not a plain name (for example `../x` or `a/b`).
    #[error("This pack has a file with a name Harbour does not allow, so Harbour will not use it. Ask your agency for a new copy.")]
    BadAssetName { name: String },

    /// Two files inside the pack have the same name.
    #[error("This pack has two files with the same name, so Harbour will not use it. Ask your agency for a new copy.")]
    DuplicateAsset { name: String },

    /// A guidance page holds web code (HTML), which Harbour never shows.
    #[error("A guidance page in this pack has web code in it. Harbour does not show web code, so it will not use this pack. Ask your agency for a new copy.")]
    GuidanceHtml { page: String },

    /// A guidance page holds a picture; pages are words only.
    #[error("A guidance page in this pack has a picture in it. Harbour only shows words on these pages, so it will not use this pack. Ask your agency for a new copy.")]
    GuidanceImage { page: String },

    /// A guidance page is nested too deeply (lists in quotes in lists...).
    #[error("Harbour cannot show one of the guidance pages in this pack, so it will not use the pack. Ask your agency for a new copy.")]
    GuidanceTooComplex { page: String },

    /// A web link that is not a plain `https://` address.
    #[error("This pack has a web link that is not safe to open, so Harbour will not use it. Ask your agency for a new copy.")]
    UnsafeLink { field: String, url: String },

    /// The logo is not a PNG or JPEG picture Harbour can read.
    #[error("The agency logo in this pack is not a picture Harbour can show, so Harbour will not use this pack. Ask your agency for a new copy.")]
    LogoNotImage { detail: String },
}

/// A stable code for each refusal, so the UI can branch without parsing words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackErrorCode {
    FileTooLarge,
    NotAPack,
    Truncated,
    UnknownFormat,
    BadSignature,
    HashMismatch,
    MalformedManifest,
    MissingField,
    InvalidValue,
    TextTooLong,
    TooManyItems,
    TooManyAssets,
    AssetTooLarge,
    BadAssetName,
    DuplicateAsset,
    GuidanceHtml,
    GuidanceImage,
    GuidanceTooComplex,
    UnsafeLink,
    LogoNotImage,
}

impl PackError {
    pub fn code(&self) -> PackErrorCode {
        use PackError as E;
        use PackErrorCode as C;
        match self {
            E::FileTooLarge { .. } => C::FileTooLarge,
            E::NotAPack => C::NotAPack,
            E::Truncated => C::Truncated,
            E::UnknownFormat { .. } => C::UnknownFormat,
            E::BadSignature => C::BadSignature,
            E::HashMismatch { .. } => C::HashMismatch,
            E::MalformedManifest { .. } => C::MalformedManifest,
            E::MissingField { .. } => C::MissingField,
            E::InvalidValue { .. } => C::InvalidValue,
            E::TextTooLong { .. } => C::TextTooLong,
            E::TooManyItems { .. } => C::TooManyItems,
            E::TooManyAssets { .. } => C::TooManyAssets,
            E::AssetTooLarge { .. } => C::AssetTooLarge,
            E::BadAssetName { .. } => C::BadAssetName,
            E::DuplicateAsset { .. } => C::DuplicateAsset,
            E::GuidanceHtml { .. } => C::GuidanceHtml,
            E::GuidanceImage { .. } => C::GuidanceImage,
            E::GuidanceTooComplex { .. } => C::GuidanceTooComplex,
            E::UnsafeLink { .. } => C::UnsafeLink,
            E::LogoNotImage { .. } => C::LogoNotImage,
        }
    }

    /// The plain sentence for a foster carer (the same as `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// What exactly is wrong, for the agency that made the pack. May name
    /// fields and files; never shown to a carer as the main message.
    pub fn detail(&self) -> String {
        use crate::limits;
        match self {
            PackError::FileTooLarge { size } => format!("the file is {size} bytes; the most is {}", limits::MAX_FILE),
            PackError::NotAPack => "the file does not start with HARBOURPACK".into(),
            PackError::Truncated => "the file ends before its layout says it should".into(),
            PackError::UnknownFormat { version } => format!("pack format {version}; this Harbour reads format {}", crate::FORMAT),
            PackError::BadSignature => "the Ed25519 signature does not match the contents and key".into(),
            PackError::HashMismatch { asset } => format!("{asset}: its SHA-256 does not match the manifest"),
            PackError::MalformedManifest { detail } => format!("manifest: {detail}"),
            PackError::MissingField { field } => format!("{field} is missing or empty"),
            PackError::InvalidValue { field, detail } => format!("{field}: {detail}"),
            PackError::TextTooLong { field, max } => format!("{field} is longer than {max} characters"),
            PackError::TooManyItems { field, max } => format!("{field}: more than {max}"),
            PackError::TooManyAssets { count } => format!("{count} files; the most is {}", limits::MAX_ASSETS),
            PackError::AssetTooLarge { name, size, max } => format!("{name} is {size} bytes; the most is {max}"),
            PackError::BadAssetName { name } => format!("{name:?} is not a plain file name (a-z, 0-9, dot, dash, underscore)"),
            PackError::DuplicateAsset { name } => format!("{name} appears twice"),
            PackError::GuidanceHtml { page } => format!("guidance page {page}: raw HTML is not allowed"),
            PackError::GuidanceImage { page } => format!("guidance page {page}: images are not allowed"),
            PackError::GuidanceTooComplex { page } => {
                format!("guidance page {page}: nested more than {} levels deep", limits::MAX_MARKDOWN_DEPTH)
            }
            PackError::UnsafeLink { field, url } => format!("{field}: {url:?} is not an https:// link"),
            PackError::LogoNotImage { detail } => format!("logo: {detail}"),
        }
    }
}

/// The refusal as the UI receives it: a code and the carer's sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackErrorView {
    pub code: PackErrorCode,
    pub message: String,
}

impl From<&PackError> for PackErrorView {
    fn from(e: &PackError) -> Self {
        PackErrorView { code: e.code(), message: e.message() }
    }
}
