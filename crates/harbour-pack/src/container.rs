//! The `.harbourpack` container: reading (`verify`) and writing (`build`).
//! See docs/pack-format.md for the layout byte by byte.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::{Agency, Contact, Decider, DelegatedDecision, GuidancePage, Logo, PackContent, Records, Rule};
use crate::error::PackError;
use crate::validate::{check_asset_name, check_date, check_email, check_https, check_id, check_phone, check_text};
use crate::{image, limits, markdown, DOMAIN, FORMAT, MAGIC};

const HEADER_LEN: usize = MAGIC.len() + 4 + 4;
const TRAILER_LEN: usize = 32 + 64;

/// The manifest as stored in the pack (JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    pub format: u32,
    pub pack_version: u32,
    pub issued: String,
    pub agency: ManifestAgency,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub guidance: Vec<ManifestPage>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub records: Records,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub delegated_authority: BTreeMap<DelegatedDecision, Decider>,
    #[serde(default)]
    pub assets: Vec<AssetEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ManifestAgency {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ManifestPage {
    pub id: String,
    pub title: String,
    pub file: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssetEntry {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// A pack whose signature, hashes and every field have been checked.
/// The only way to get one is [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedPack {
    content: PackContent,
    public_key: [u8; 32],
    logo: Option<Vec<u8>>,
    file_sha256: [u8; 32],
}

impl VerifiedPack {
    pub fn content(&self) -> &PackContent {
        &self.content
    }

    pub fn into_content(self) -> PackContent {
        self.content
    }

    /// The Ed25519 public key that signed the pack.
    pub fn public_key(&self) -> &[u8; 32] {
        &self.public_key
    }

    /// The signing key's fingerprint, as [`crate::fingerprint`] writes it.
    pub fn fingerprint(&self) -> String {
        crate::fingerprint(&self.public_key)
    }

    /// The SHA-256 of the whole pack file, to tell two copies apart.
    pub fn file_sha256(&self) -> &[u8; 32] {
        &self.file_sha256
    }

    /// The logo's bytes (a checked PNG or JPEG), if the pack has one.
    pub fn logo_bytes(&self) -> Option<&[u8]> {
        self.logo.as_deref()
    }

    /// The logo as a `data:` URL for an `<img src>`, if the pack has one.
    pub fn logo_data_url(&self) -> Option<String> {
        let kind = self.content.agency.logo.as_ref()?.kind;
        let bytes = self.logo.as_ref()?;
        Some(format!("data:{};base64,{}", kind.media_type(), base64::engine::general_purpose::STANDARD.encode(bytes)))
    }
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn manifest_error(e: serde_json::Error) -> PackError {
    let msg = e.to_string();
    if let Some(rest) = msg.strip_prefix("missing field `") {
        if let Some(field) = rest.split('`').next() {
            return PackError::MissingField { field: field.to_string() };
        }
    }
    if msg.starts_with("unknown variant `") {
        return PackError::InvalidValue { field: "manifest".into(), detail: msg };
    }
    PackError::MalformedManifest { detail: msg }
}

/// Checks a pack file and returns what it says. Never panics, whatever the bytes.
///
/// The order: size, magic, format, layout, signature (over everything), then
/// the manifest, the assets' names, sizes and SHA-256, and every field.
pub fn verify(bytes: &[u8]) -> Result<VerifiedPack, PackError> {
    if bytes.len() as u64 > limits::MAX_FILE {
        return Err(PackError::FileTooLarge { size: bytes.len() as u64 });
    }
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(PackError::NotAPack);
    }
    if bytes.len() < HEADER_LEN {
        return Err(PackError::Truncated);
    }
    let format = read_u32(bytes, MAGIC.len());
    if format != FORMAT {
        return Err(PackError::UnknownFormat { version: format });
    }
    let manifest_len = u64::from(read_u32(bytes, MAGIC.len() + 4));
    if manifest_len > limits::MAX_MANIFEST {
        return Err(PackError::MalformedManifest { detail: format!("manifest is {manifest_len} bytes; the most is {}", limits::MAX_MANIFEST) });
    }
    let manifest_len = manifest_len as usize;
    if bytes.len() < HEADER_LEN + manifest_len + TRAILER_LEN {
        return Err(PackError::Truncated);
    }

    // The signature covers the domain tag and every byte before it, the public key included.
    let signed = &bytes[..bytes.len() - 64];
    let key_bytes: [u8; 32] = bytes[bytes.len() - TRAILER_LEN..bytes.len() - 64].try_into().map_err(|_| PackError::BadSignature)?;
    let sig_bytes: [u8; 64] = bytes[bytes.len() - 64..].try_into().map_err(|_| PackError::BadSignature)?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| PackError::BadSignature)?;
    let mut message = Vec::with_capacity(DOMAIN.len() + signed.len());
    message.extend_from_slice(DOMAIN);
    message.extend_from_slice(signed);
    key.verify_strict(&message, &Signature::from_bytes(&sig_bytes)).map_err(|_| PackError::BadSignature)?;

    let manifest_bytes = &bytes[HEADER_LEN..HEADER_LEN + manifest_len];
    let body = &bytes[HEADER_LEN + manifest_len..bytes.len() - TRAILER_LEN];
    let manifest: Manifest = serde_json::from_slice(manifest_bytes).map_err(manifest_error)?;
    if manifest.format != FORMAT {
        return Err(PackError::MalformedManifest { detail: format!("manifest says format {}, the header says {FORMAT}", manifest.format) });
    }

    let assets = read_assets(&manifest.assets, manifest.agency.logo.as_deref(), body)?;
    let content = check_content(&manifest, &assets)?;
    let logo = manifest.agency.logo.as_ref().map(|name| assets[name.as_str()].to_vec());
    Ok(VerifiedPack { content, public_key: key_bytes, logo, file_sha256: Sha256::digest(bytes).into() })
}

/// Splits the body into the listed assets and checks names, sizes and hashes.
fn read_assets<'a>(entries: &[AssetEntry], logo: Option<&str>, body: &'a [u8]) -> Result<BTreeMap<String, &'a [u8]>, PackError> {
    if entries.len() > limits::MAX_ASSETS {
        return Err(PackError::TooManyAssets { count: entries.len() });
    }
    let mut seen = BTreeSet::new();
    let mut total: u64 = 0;
    for e in entries {
        check_asset_name(&e.name)?;
        if !seen.insert(e.name.as_str()) {
            return Err(PackError::DuplicateAsset { name: e.name.clone() });
        }
        let max = if Some(e.name.as_str()) == logo { limits::MAX_LOGO } else { limits::MAX_ASSET };
        if e.size > max {
            return Err(PackError::AssetTooLarge { name: e.name.clone(), size: e.size, max });
        }
        total += e.size;
    }
    if total != body.len() as u64 {
        return Err(PackError::MalformedManifest {
            detail: format!("the assets add up to {total} bytes but the pack holds {}", body.len()),
        });
    }
    let mut out = BTreeMap::new();
    let mut at = 0usize;
    for (i, e) in entries.iter().enumerate() {
        let data = &body[at..at + e.size as usize];
        at += e.size as usize;
        let want = e.sha256.as_str();
        if want.len() != 64 || !want.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(PackError::MalformedManifest { detail: format!("assets[{i}].sha256 is not 64 lower-case hex digits") });
        }
        if hex(&Sha256::digest(data)) != want {
            return Err(PackError::HashMismatch { asset: e.name.clone() });
        }
        out.insert(e.name.clone(), data);
    }
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn too_many(field: &str, len: usize, max: usize) -> Result<(), PackError> {
    if len > max { Err(PackError::TooManyItems { field: field.to_string(), max }) } else { Ok(()) }
}

fn check_content(m: &Manifest, assets: &BTreeMap<String, &[u8]>) -> Result<PackContent, PackError> {
    if m.pack_version == 0 {
        return Err(PackError::InvalidValue { field: "pack_version".into(), detail: "must be 1 or more".into() });
    }
    check_date("issued", &m.issued)?;
    check_text("agency.name", &m.agency.name, limits::MAX_NAME, false)?;

    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut use_asset = |field: &str, name: &str| -> Result<(), PackError> {
        if !assets.contains_key(name) {
            return Err(PackError::InvalidValue { field: field.to_string(), detail: format!("{name:?} is not in the pack's list of files") });
        }
        if !used.insert(name.to_string()) {
            return Err(PackError::InvalidValue { field: field.to_string(), detail: format!("{name:?} is used twice") });
        }
        Ok(())
    };

    let logo = match &m.agency.logo {
        None => None,
        Some(name) => {
            use_asset("agency.logo", name)?;
            let (kind, width, height) = image::sniff(assets[name.as_str()]).map_err(|detail| PackError::LogoNotImage { detail })?;
            Some(Logo { file: name.clone(), kind, width, height })
        }
    };

    if m.contacts.is_empty() {
        return Err(PackError::MissingField { field: "contacts".into() });
    }
    too_many("contacts", m.contacts.len(), limits::MAX_CONTACTS)?;
    for (i, c) in m.contacts.iter().enumerate() {
        let f = |name: &str| format!("contacts[{i}].{name}");
        check_text(&f("name"), &c.name, limits::MAX_NAME, false)?;
        check_text(&f("hours"), &c.hours, limits::MAX_HOURS, false)?;
        if let Some(p) = &c.phone {
            check_phone(&f("phone"), p)?;
        }
        if let Some(e) = &c.email {
            check_email(&f("email"), e)?;
        }
        if let Some(u) = &c.url {
            check_https(&f("url"), u)?;
        }
        if c.phone.is_none() && c.email.is_none() && c.url.is_none() {
            return Err(PackError::MissingField { field: f("phone") });
        }
    }

    too_many("guidance", m.guidance.len(), limits::MAX_PAGES)?;
    let mut page_ids = BTreeSet::new();
    let mut guidance = Vec::with_capacity(m.guidance.len());
    for (i, p) in m.guidance.iter().enumerate() {
        let f = |name: &str| format!("guidance[{i}].{name}");
        check_id(&f("id"), &p.id)?;
        if !page_ids.insert(p.id.as_str()) {
            return Err(PackError::InvalidValue { field: f("id"), detail: format!("{:?} is used twice", p.id) });
        }
        check_text(&f("title"), &p.title, limits::MAX_NAME, false)?;
        if !p.file.ends_with(".md") {
            return Err(PackError::InvalidValue { field: f("file"), detail: "a guidance page's file name ends .md".into() });
        }
        use_asset(&f("file"), &p.file)?;
        let markdown = std::str::from_utf8(assets[p.file.as_str()])
            .map_err(|_| PackError::InvalidValue { field: f("file"), detail: "not UTF-8 text".into() })?;
        check_text(&format!("guidance.{}", p.id), markdown, limits::MAX_PAGE_CHARS, true)?;
        let document = markdown::parse(&p.id, markdown)?;
        guidance.push(GuidancePage { id: p.id.clone(), title: p.title.clone(), markdown: markdown.to_string(), document });
    }

    too_many("rules", m.rules.len(), limits::MAX_RULES)?;
    let mut rule_ids = BTreeSet::new();
    for (i, r) in m.rules.iter().enumerate() {
        let f = |name: &str| format!("rules[{i}].{name}");
        check_id(&f("id"), &r.id)?;
        if !rule_ids.insert(r.id.as_str()) {
            return Err(PackError::InvalidValue { field: f("id"), detail: format!("{:?} is used twice", r.id) });
        }
        check_text(&f("text"), &r.text, limits::MAX_RULE_TEXT, false)?;
        check_text(&f("why"), &r.why, limits::MAX_WHY, true)?;
        if r.bands.is_empty() {
            return Err(PackError::MissingField { field: f("bands") });
        }
        let distinct: BTreeSet<_> = r.bands.iter().collect();
        if distinct.len() != r.bands.len() {
            return Err(PackError::InvalidValue { field: f("bands"), detail: "an age band is listed twice".into() });
        }
    }

    if let Some(note) = &m.records.note {
        check_text("records.note", note, limits::MAX_NOTE, true)?;
    }
    if let Some(h) = &m.records.handover {
        harbour_handover::parse_recipient(&h.recipient)
            .map_err(|detail| PackError::InvalidValue { field: "records.handover.recipient".into(), detail })?;
        check_text("records.handover.how", &h.how, limits::MAX_NOTE, true)?;
    }

    if let Some(unused) = assets.keys().find(|k| !used.contains(*k)) {
        return Err(PackError::InvalidValue { field: "assets".into(), detail: format!("{unused:?} is not used by anything") });
    }

    Ok(PackContent {
        format: m.format,
        pack_version: m.pack_version,
        issued: m.issued.clone(),
        agency: Agency { name: m.agency.name.clone(), logo },
        contacts: m.contacts.clone(),
        guidance,
        rules: m.rules.clone(),
        records: m.records.clone(),
        delegated_authority: m.delegated_authority.clone(),
    })
}

/// A file to put in a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A guidance page to put in a pack; stored as `<id>.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePage {
    pub id: String,
    pub title: String,
    pub markdown: String,
}

/// Everything an agency puts in a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSource {
    pub pack_version: u32,
    pub issued: String,
    pub agency_name: String,
    pub logo: Option<SourceFile>,
    pub contacts: Vec<Contact>,
    pub guidance: Vec<SourcePage>,
    pub rules: Vec<Rule>,
    pub records: Records,
    pub delegated_authority: BTreeMap<DelegatedDecision, Decider>,
}

/// Makes and signs a pack, then checks it with [`verify`], so a pack this
/// returns is one the app accepts, and anything the app would refuse is refused here.
pub fn build(source: &PackSource, key: &SigningKey) -> Result<Vec<u8>, PackError> {
    // Page ids first: a bad id would otherwise show up as a bad file name.
    for (i, p) in source.guidance.iter().enumerate() {
        check_id(&format!("guidance[{i}].id"), &p.id)?;
    }
    let mut files: Vec<(String, &[u8])> = Vec::new();
    if let Some(logo) = &source.logo {
        files.push((logo.name.clone(), &logo.bytes));
    }
    let mut pages = Vec::new();
    for p in &source.guidance {
        let file = format!("{}.md", p.id);
        files.push((file.clone(), p.markdown.as_bytes()));
        pages.push(ManifestPage { id: p.id.clone(), title: p.title.clone(), file });
    }
    let manifest = Manifest {
        format: FORMAT,
        pack_version: source.pack_version,
        issued: source.issued.clone(),
        agency: ManifestAgency { name: source.agency_name.clone(), logo: source.logo.as_ref().map(|l| l.name.clone()) },
        contacts: source.contacts.clone(),
        guidance: pages,
        rules: source.rules.clone(),
        records: source.records.clone(),
        delegated_authority: source.delegated_authority.clone(),
        assets: files
            .iter()
            .map(|(name, bytes)| AssetEntry { name: name.clone(), size: bytes.len() as u64, sha256: hex(&Sha256::digest(bytes)) })
            .collect(),
    };
    let json = serde_json::to_vec(&manifest).map_err(|e| PackError::MalformedManifest { detail: e.to_string() })?;
    let bytes = encode(&json, &files.iter().map(|(_, b)| *b).collect::<Vec<_>>(), key);
    verify(&bytes)?;
    Ok(bytes)
}

/// Lays out and signs a pack exactly as given, without any checks.
pub(crate) fn encode(manifest: &[u8], assets: &[&[u8]], key: &SigningKey) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + manifest.len() + assets.iter().map(|a| a.len()).sum::<usize>() + TRAILER_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&u32::try_from(manifest.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(manifest);
    for a in assets {
        out.extend_from_slice(a);
    }
    out.extend_from_slice(key.verifying_key().as_bytes());
    let mut message = Vec::with_capacity(DOMAIN.len() + out.len());
    message.extend_from_slice(DOMAIN);
    message.extend_from_slice(&out);
    out.extend_from_slice(&key.sign(&message).to_bytes());
    out
}
