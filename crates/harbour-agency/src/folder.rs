//! The agency's folder: `pack.toml`, `guidance/*.md` and an optional logo,
//! read into a `PackSource`. Only reading and shaping happens here; every rule
//! a pack must keep is checked by `harbour_pack::build`, as the app checks it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use harbour_pack::{limits, markdown, validate, Contact, Decider, DelegatedDecision, PackSource, Records, Rule, SourceFile, SourcePage};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("Could not read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not right: {message}")]
    Toml { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackToml {
    pack_version: u32,
    /// `"2026-11-30"` or the TOML date `2026-11-30`.
    issued: toml::Value,
    agency: AgencyToml,
    /// Page ids from guidance/ in the order to show them; if absent, by file name.
    #[serde(default)]
    guidance_order: Option<Vec<String>>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    rules: Vec<Rule>,
    #[serde(default)]
    records: Records,
    /// The agency's usual split of everyday decisions, such as `photos = "social-worker"`.
    #[serde(default)]
    delegated_authority: BTreeMap<DelegatedDecision, Decider>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyToml {
    name: String,
    /// A file in the folder; if not given, `logo.png`, `logo.jpg` or `logo.jpeg` when present.
    #[serde(default)]
    logo: Option<String>,
}

/// Reads a file, refusing before reading anything bigger than `max` bytes.
fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, FolderError> {
    let meta = fs::metadata(path).map_err(|source| FolderError::Read { path: path.into(), source })?;
    if meta.len() > max {
        return Err(FolderError::File { path: path.into(), message: format!("it is {} bytes; the most is {max}", meta.len()) });
    }
    fs::read(path).map_err(|source| FolderError::Read { path: path.into(), source })
}

pub fn read(dir: &Path) -> Result<PackSource, FolderError> {
    let toml_path = dir.join("pack.toml");
    let text = String::from_utf8(read_limited(&toml_path, limits::MAX_MANIFEST)?)
        .map_err(|_| FolderError::Toml { path: toml_path.clone(), message: "it is not UTF-8 text".into() })?;
    let parsed: PackToml =
        toml::from_str(&text).map_err(|e| FolderError::Toml { path: toml_path.clone(), message: e.to_string() })?;
    let issued = match &parsed.issued {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.date.is_some() && d.time.is_none() => d.to_string(),
        _ => {
            return Err(FolderError::Toml { path: toml_path, message: "issued must be a date, like \"2026-11-30\"".into() });
        }
    };

    let logo_name = match &parsed.agency.logo {
        Some(name) => Some(name.clone()),
        None => ["logo.png", "logo.jpg", "logo.jpeg"].into_iter().find(|n| dir.join(n).is_file()).map(str::to_string),
    };
    let logo = match logo_name {
        None => None,
        Some(name) => {
            let path = dir.join(&name);
            validate::check_asset_name(&name)
                .map_err(|_| FolderError::File { path: path.clone(), message: "a logo's file name uses only a-z, 0-9, dot, dash and underscore".into() })?;
            Some(SourceFile { bytes: read_limited(&path, limits::MAX_LOGO)?, name })
        }
    };

    let mut guidance = Vec::new();
    let gdir = dir.join("guidance");
    if gdir.is_dir() {
        let mut paths = Vec::new();
        for entry in fs::read_dir(&gdir).map_err(|source| FolderError::Read { path: gdir.clone(), source })? {
            let entry = entry.map_err(|source| FolderError::Read { path: gdir.clone(), source })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue; // .DS_Store and the like
            }
            let path = entry.path();
            if !name.ends_with(".md") || !path.is_file() {
                return Err(FolderError::File { path, message: "the guidance folder holds only .md files".into() });
            }
            paths.push(path);
        }
        paths.sort();
        for path in paths {
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            validate::check_id("id", &id).map_err(|_| FolderError::File {
                path: path.clone(),
                message: "a page's file name uses only a-z, 0-9 and dashes, then .md (like online-safety.md)".into(),
            })?;
            let bytes = read_limited(&path, limits::MAX_ASSET)?;
            let markdown = String::from_utf8(bytes)
                .map_err(|_| FolderError::File { path: path.clone(), message: "it is not UTF-8 text".into() })?;
            let title = markdown::first_heading(&markdown).filter(|t| !t.is_empty()).ok_or_else(|| FolderError::File {
                path: path.clone(),
                message: "the page needs a title: a line starting \"# \"".into(),
            })?;
            guidance.push(SourcePage { id, title, markdown });
        }
    }

    if let Some(order) = &parsed.guidance_order {
        let mut ordered = Vec::with_capacity(guidance.len());
        for id in order {
            let at = guidance.iter().position(|p: &SourcePage| &p.id == id).ok_or_else(|| FolderError::Toml {
                path: toml_path.clone(),
                message: format!("guidance_order names {id:?}, but there is no guidance/{id}.md (or it is named twice)"),
            })?;
            ordered.push(guidance.remove(at));
        }
        if let Some(left) = guidance.first() {
            return Err(FolderError::Toml {
                path: toml_path,
                message: format!("guidance/{}.md is not in guidance_order; add it, or remove the file", left.id),
            });
        }
        guidance = ordered;
    }

    Ok(PackSource {
        pack_version: parsed.pack_version,
        issued,
        agency_name: parsed.agency.name,
        logo,
        contacts: parsed.contacts,
        guidance,
        rules: parsed.rules,
        records: parsed.records,
        delegated_authority: parsed.delegated_authority,
    })
}
