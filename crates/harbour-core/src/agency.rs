//! The agency pack a carer has accepted: kept as the signed file itself in
//! Harbour's data folder (it holds the agency's details, nothing personal),
//! checked again every time it is read, and joined to the app's own content:
//! its rules into the agreement library, its links into the allow-list.

use std::path::{Path, PathBuf};

use harbour_pack::{decide, Decision, PackContent, PackError, VerifiedPack};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::rules::{Rule, RuleLibrary, Voice};
use crate::vault::atomic::write_atomic;
use crate::vault::children::AgeBand;

/// What the screens are told about a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackInfo {
    pub content: PackContent,
    /// The signing key's fingerprint, to read over the phone.
    pub fingerprint: String,
    /// The logo as a data: URL (a checked PNG or JPEG), if the pack has one.
    pub logo: Option<String>,
}

/// A pack someone chose or that was found in the managed folder, not yet in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackOffer {
    pub info: PackInfo,
    pub decision: Decision,
    /// The version in use now, if any.
    pub current_version: Option<u32>,
    pub current_agency: Option<String>,
    /// The SHA-256 of the file offered, which accepting it must name, so a
    /// file swapped after it was checked is refused.
    pub sha256: String,
}

pub fn info(p: &VerifiedPack) -> PackInfo {
    PackInfo { content: p.content().clone(), fingerprint: p.fingerprint(), logo: p.logo_data_url() }
}

/// Where the accepted pack lives, and the trust rule for replacing it.
pub struct AcceptedPackFile {
    path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum PackFileError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error("This pack was signed by a different key from {agency}'s pack, so Harbour did not use it. If your agency has changed its key, remove the current pack in Settings first, then import this one and check its fingerprint with your agency.")]
    DifferentKey { agency: String },
    #[error("You already have version {version} of this pack, which is the same or newer. Nothing was changed.")]
    NotNewer { version: u32 },
    #[error("Harbour could not save the pack: {0}")]
    Io(#[from] std::io::Error),
}

impl AcceptedPackFile {
    pub fn new(dir: &Path) -> AcceptedPackFile {
        AcceptedPackFile { path: dir.join(format!("agency.{}", harbour_pack::EXTENSION)) }
    }

    /// The pack in use, checked again. A damaged file is an error, not "no pack".
    pub fn load(&self) -> Result<Option<VerifiedPack>, PackFileError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(Some(harbour_pack::verify(&bytes)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// How `incoming` relates to the pack in use. A damaged pack in use counts as none.
    pub fn decide(&self, incoming: &VerifiedPack) -> (Decision, Option<VerifiedPack>) {
        let current = self.load().ok().flatten();
        (decide(current.as_ref().map(|c| (c.public_key(), c.content().pack_version)), incoming), current)
    }

    /// The trust rule: a first pack, or a newer one from the same key. Says
    /// which it is, with the pack in use; anything else is refused.
    pub fn trust(&self, incoming: &VerifiedPack) -> Result<(Decision, Option<VerifiedPack>), PackFileError> {
        let (decision, current) = self.decide(incoming);
        let current_version = || current.as_ref().map_or(0, |c| c.content().pack_version);
        match decision {
            Decision::New | Decision::Update => Ok((decision, current)),
            Decision::SameOrOlder => Err(PackFileError::NotNewer { version: current_version() }),
            Decision::DifferentKey => {
                Err(PackFileError::DifferentKey { agency: current.as_ref().map_or_else(|| "your agency".into(), |c| c.content().agency.name.clone()) })
            }
        }
    }

    /// Puts `bytes` in use after checking them again and applying the trust rule.
    pub fn install(&self, bytes: &[u8]) -> Result<VerifiedPack, PackFileError> {
        let p = harbour_pack::verify(bytes)?;
        self.trust(&p)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomic(&self.path, bytes)?;
        Ok(p)
    }

    pub fn remove(&self) -> Result<(), PackFileError> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

/// The id an agency rule has in the agreement library.
pub fn rule_id(pack_rule_id: &str) -> String {
    format!("agency-{pack_rule_id}")
}

/// The app's rule library with the agency's rules added to their sections.
/// Agency rules are never in the suggested start; required ones are added to
/// a looked-after child's agreement when it starts (see `required_rules`).
pub fn library_with(base: &RuleLibrary, content: &PackContent) -> RuleLibrary {
    let mut lib = base.clone();
    for r in &content.rules {
        let bands = r.bands.iter().filter_map(|b| serde_json::from_value::<AgeBand>(serde_json::Value::from(b.id())).ok()).collect();
        let voice = match r.voice {
            harbour_pack::Voice::Child => Voice::Child,
            harbour_pack::Voice::Adults => Voice::Adults,
            harbour_pack::Voice::Family => Voice::Family,
        };
        lib.rules.push(Rule {
            id: rule_id(&r.id),
            section: r.section.id().to_string(),
            voice,
            text: r.text.clone(),
            bands,
            starter: Vec::new(),
            why: r.why.clone(),
            sources: Vec::new(),
            law: Vec::new(),
            looked_after_only: false,
            touches: Vec::new(),
            from_agency: Some(content.agency.name.clone()),
        });
    }
    lib
}

/// Library ids of the rules the agency asks every looked-after child's agreement to hold.
pub fn required_rules(content: &PackContent) -> Vec<String> {
    content.rules.iter().filter(|r| r.required).map(|r| rule_id(&r.id)).collect()
}

/// Every web address in the pack, for the link allow-list.
pub fn urls(content: &PackContent) -> Vec<String> {
    fn walk_inline(i: &harbour_pack::Inline, out: &mut Vec<String>) {
        use harbour_pack::Inline::*;
        match i {
            Link { url, content } => {
                out.push(url.clone());
                content.iter().for_each(|c| walk_inline(c, out));
            }
            Emphasis { content } | Strong { content } => content.iter().for_each(|c| walk_inline(c, out)),
            _ => {}
        }
    }
    fn walk(b: &harbour_pack::Block, out: &mut Vec<String>) {
        use harbour_pack::Block::*;
        match b {
            Heading { content, .. } | Paragraph { content } => content.iter().for_each(|i| walk_inline(i, out)),
            List { items, .. } => items.iter().flatten().for_each(|b| walk(b, out)),
            Quote { blocks } => blocks.iter().for_each(|b| walk(b, out)),
            _ => {}
        }
    }
    let mut out: Vec<String> = content.contacts.iter().filter_map(|c| c.url.clone()).collect();
    content.guidance.iter().flat_map(|g| &g.document).for_each(|b| walk(b, &mut out));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use harbour_pack::ed25519_dalek::SigningKey;
    use harbour_pack::{build, Band, Contact, PackSource, Records, Role, Section, SourcePage};

    fn source(version: u32) -> PackSource {
        PackSource {
            pack_version: version,
            issued: "2026-11-30".into(),
            agency_name: "Brightwater Fostering".into(),
            logo: None,
            contacts: vec![Contact {
                role: Role::DutyLine,
                name: "Duty team".into(),
                phone: Some("01632 960000".into()),
                email: None,
                url: Some("https://brightwater.example.org/contact".into()),
                hours: "9am to 5pm, Monday to Friday".into(),
            }],
            guidance: vec![SourcePage {
                id: "policy".into(),
                title: "Our policy".into(),
                markdown: "# Our policy\n\nSee [our site](https://brightwater.example.org/policy).\n".into(),
            }],
            rules: vec![
                harbour_pack::Rule {
                    id: "birth-family".into(),
                    section: Section::PeopleOnline,
                    voice: harbour_pack::Voice::Child,
                    text: "I will only have online contact with my birth family in the ways my care plan allows.".into(),
                    why: "Your care plan keeps everyone safe.".into(),
                    bands: vec![Band::B11to13, Band::B14to15],
                    required: true,
                },
                harbour_pack::Rule {
                    id: "tell-carer".into(),
                    section: Section::SomethingWrong,
                    voice: harbour_pack::Voice::Adults,
                    text: "We will tell your social worker about worries, and tell you first.".into(),
                    why: "No surprises.".into(),
                    bands: vec![Band::B8to10],
                    required: false,
                },
            ],
            records: Records { writer_name_required: true, ask_police_reference: false, note: None, handover: None },
            delegated_authority: [(harbour_pack::DelegatedDecision::Photos, harbour_pack::Decider::SocialWorker)].into(),
        }
    }

    pub(crate) fn pack(version: u32, key: u8) -> Vec<u8> {
        build(&source(version), &SigningKey::from_bytes(&[key; 32])).unwrap()
    }

    /// A test-only hand-over key; its public half is in [`pack_with_handover`].
    pub(crate) const HANDOVER_SECRET: &str = "AGE-SECRET-KEY-1YYMHRLXE875DZFPZZ78DWXTCHWKV3V88WV85Y4L3MX2MW2H0Q82QX7CWEK";

    pub(crate) fn pack_with_handover(version: u32, key: u8, at_placement_end: harbour_pack::AtPlacementEnd) -> Vec<u8> {
        let mut s = source(version);
        s.records.handover = Some(harbour_pack::Handover {
            recipient: "age1kxp3qwhlqqc9yqvzv2ht56aaztqmgtdtptexsspt7wmwm7pw5ylskg5qpv".into(),
            how: "Hand every entry to your supervising social worker within a day.".into(),
            at_placement_end,
        });
        build(&s, &SigningKey::from_bytes(&[key; 32])).unwrap()
    }

    #[test]
    fn the_trust_rule_is_applied_on_install() {
        let dir = tempfile::tempdir().unwrap();
        let store = AcceptedPackFile::new(dir.path());
        assert!(store.load().unwrap().is_none());
        let first = store.install(&pack(2, 7)).unwrap();
        assert_eq!(store.load().unwrap().unwrap().fingerprint(), first.fingerprint());
        assert!(matches!(store.install(&pack(2, 7)), Err(PackFileError::NotNewer { .. })));
        assert!(matches!(store.install(&pack(1, 7)), Err(PackFileError::NotNewer { .. })));
        assert!(matches!(store.install(&pack(9, 8)), Err(PackFileError::DifferentKey { .. })), "another key is refused");
        assert_eq!(store.load().unwrap().unwrap().content().pack_version, 2, "nothing changed");
        assert_eq!(store.decide(&harbour_pack::verify(&pack(3, 7)).unwrap()).0, Decision::Update);
        store.install(&pack(3, 7)).unwrap();
        assert_eq!(store.load().unwrap().unwrap().content().pack_version, 3, "same key, newer: updated");
        store.remove().unwrap();
        store.remove().unwrap();
        store.install(&pack(1, 8)).unwrap();
        assert_eq!(store.load().unwrap().unwrap().content().pack_version, 1, "after removing, another key is fine");
    }

    #[test]
    fn a_pack_changed_on_disk_is_an_error_not_silently_used() {
        let dir = tempfile::tempdir().unwrap();
        let store = AcceptedPackFile::new(dir.path());
        store.install(&pack(2, 7)).unwrap();
        let path = dir.path().join("agency.harbourpack");
        let mut bytes = std::fs::read(&path).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert!(matches!(store.load(), Err(PackFileError::Pack(_))));
        assert!(matches!(store.install(b"not a pack"), Err(PackFileError::Pack(_))));
    }

    #[test]
    fn agency_rules_join_the_library_in_their_sections() {
        let base = crate::agreement::rules::builtin().unwrap();
        let p = harbour_pack::verify(&pack(1, 7)).unwrap();
        let lib = library_with(base, p.content());
        assert_eq!(lib.rules.len(), base.rules.len() + 2);
        let r = lib.rule("agency-birth-family").unwrap();
        assert_eq!((r.section.as_str(), r.voice), ("people-online", Voice::Child));
        assert_eq!(r.bands, vec![AgeBand::From11To13, AgeBand::From14To15]);
        assert!(r.starter.is_empty());
        assert!(lib.sections.iter().any(|s| s.id == r.section), "the section exists in the app");
        assert!(lib.sections.iter().any(|s| s.id == lib.rule("agency-tell-carer").unwrap().section));
        assert_eq!(required_rules(p.content()), vec!["agency-birth-family"]);
        assert_eq!(urls(p.content()), vec!["https://brightwater.example.org/contact", "https://brightwater.example.org/policy"]);
        assert_eq!(info(&p).fingerprint, p.fingerprint());
    }
}
