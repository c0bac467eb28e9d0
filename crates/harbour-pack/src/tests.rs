//! Every way a pack can be refused, each asserting its own error.

use ed25519_dalek::SigningKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::container::encode;
use crate::image::tests::{tiny_jpeg, tiny_png};
use crate::*;

pub(crate) fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

/// An agency's hand-over key, as `harbour-agency handover-key new` prints it.
const HANDOVER_KEY: &str = "age1kxp3qwhlqqc9yqvzv2ht56aaztqmgtdtptexsspt7wmwm7pw5ylskg5qpv";

pub(crate) fn other_key() -> SigningKey {
    SigningKey::from_bytes(&[8u8; 32])
}

fn contact(role: Role) -> Contact {
    Contact {
        role,
        name: "Duty team".into(),
        phone: Some("01632 960000".into()),
        email: Some("duty@brightwater.example.org".into()),
        url: Some("https://brightwater.example.org/contact".into()),
        hours: "Monday to Friday, 9am to 5pm".into(),
    }
}

pub(crate) fn source() -> PackSource {
    PackSource {
        pack_version: 3,
        issued: "2026-11-30".into(),
        agency_name: "Brightwater Fostering".into(),
        logo: Some(SourceFile { name: "logo.png".into(), bytes: tiny_png(1, 1) }),
        contacts: Role::ALL.iter().map(|r| contact(*r)).collect(),
        guidance: vec![
            SourcePage {
                id: "online-safety-policy".into(),
                title: "Our online-safety policy".into(),
                markdown: "# Our online-safety policy\n\nWe are **here** to help. See [our site](https://brightwater.example.org/).\n".into(),
            },
            SourcePage { id: "records".into(), title: "Keeping records".into(), markdown: "# Keeping records\n\n- Write it down.\n- Keep it safe.\n".into() },
        ],
        rules: vec![Rule {
            id: "birth-family-contact".into(),
            section: Section::PeopleOnline,
            voice: Voice::Child,
            text: "I only have online contact with my birth family in the ways my care plan allows.".into(),
            why: "Your care plan keeps everyone safe. Your social worker can explain it.".into(),
            bands: vec![Band::B8to10, Band::B11to13],
            required: true,
        }],
        records: Records {
            writer_name_required: true,
            ask_police_reference: true,
            note: Some("Write facts first.".into()),
            handover: Some(Handover { recipient: HANDOVER_KEY.into(), how: "Hand every entry to your supervising social worker.".into(), at_placement_end: AtPlacementEnd::Remove }),
        },
        delegated_authority: [(DelegatedDecision::Photos, Decider::SocialWorker), (DelegatedDecision::Phone, Decider::FosterCarer)].into(),
    }
}

pub(crate) fn valid() -> Vec<u8> {
    build(&source(), &key()).unwrap()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Takes a valid pack apart, lets `f` change its manifest and files, and signs it
/// again with the same key. With `fix`, the manifest's list of files is rewritten
/// from the files given, with correct sizes and SHA-256.
fn remake(fix: bool, f: impl FnOnce(&mut Value, &mut Files)) -> Vec<u8> {
    let bytes = valid();
    let mlen = u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize;
    let mut manifest: Value = serde_json::from_slice(&bytes[20..20 + mlen]).unwrap();
    let mut at = 20 + mlen;
    let mut files = Vec::new();
    for a in manifest["assets"].as_array().unwrap() {
        let size = a["size"].as_u64().unwrap() as usize;
        files.push((a["name"].as_str().unwrap().to_string(), bytes[at..at + size].to_vec()));
        at += size;
    }
    f(&mut manifest, &mut files);
    if fix {
        manifest["assets"] = files
            .iter()
            .map(|(n, b)| json!({ "name": n, "size": b.len(), "sha256": hex(&Sha256::digest(b)) }))
            .collect();
    }
    let slices: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
    encode(&serde_json::to_vec(&manifest).unwrap(), &slices, &key())
}

type Files = Vec<(String, Vec<u8>)>;
type EditManifest = dyn FnOnce(&mut Value);
type EditPack = dyn FnOnce(&mut Value, &mut Files);

fn err(bytes: &[u8]) -> PackError {
    verify(bytes).expect_err("the pack should be refused")
}

#[test]
fn a_built_pack_verifies_with_all_its_content() {
    let pack = verify(&valid()).unwrap();
    let c = pack.content();
    assert_eq!(c.format, 1);
    assert_eq!(c.pack_version, 3);
    assert_eq!(c.agency.name, "Brightwater Fostering");
    assert_eq!(c.agency.logo, Some(Logo { file: "logo.png".into(), kind: ImageKind::Png, width: 1, height: 1 }));
    assert_eq!(c.contacts.len(), 6);
    assert_eq!(c.guidance[0].title, "Our online-safety policy");
    assert!(matches!(c.guidance[0].document[0], Block::Heading { level: 1, .. }));
    assert!(c.rules[0].required);
    assert_eq!(c.records.handover.as_ref().map(|h| h.recipient.as_str()), Some(HANDOVER_KEY));
    assert_eq!(c.records.handover.as_ref().map(|h| h.at_placement_end), Some(AtPlacementEnd::Remove));
    assert!(c.records.writer_name_required);
    assert_eq!(pack.public_key(), key().verifying_key().as_bytes());
    assert_eq!(pack.fingerprint(), fingerprint(key().verifying_key().as_bytes()));
    assert_eq!(pack.logo_bytes(), Some(tiny_png(1, 1).as_slice()));
    assert!(pack.logo_data_url().unwrap().starts_with("data:image/png;base64,iVBORw0KGgo"));
    // The same source signed twice gives the same bytes (Ed25519 is deterministic).
    assert_eq!(valid(), valid());
    // The content goes to the UI as JSON and comes back the same.
    let json = serde_json::to_string(c).unwrap();
    assert!(json.contains(r#""role":"supervising-social-worker""#));
    assert!(json.contains(r#""bands":["8-10","11-13"]"#));
    assert!(json.contains(r#""type":"heading""#));
    assert_eq!(&serde_json::from_str::<PackContent>(&json).unwrap(), c);
}

#[test]
fn a_pack_without_logo_pages_or_rules_is_fine() {
    let mut s = source();
    s.logo = None;
    s.guidance.clear();
    s.rules.clear();
    s.records = Records::default();
    let pack = verify(&build(&s, &key()).unwrap()).unwrap();
    assert_eq!(pack.content().agency.logo, None);
    assert_eq!(pack.logo_data_url(), None);
}

#[test]
fn a_jpeg_logo_is_fine() {
    let mut s = source();
    s.logo = Some(SourceFile { name: "logo.jpg".into(), bytes: tiny_jpeg(200, 80) });
    let pack = verify(&build(&s, &key()).unwrap()).unwrap();
    assert_eq!(pack.content().agency.logo.as_ref().unwrap().kind, ImageKind::Jpeg);
    assert!(pack.logo_data_url().unwrap().starts_with("data:image/jpeg;base64,"));
}

#[test]
fn whole_file_over_5_mb() {
    let mut big = MAGIC.to_vec();
    big.resize(5 * 1024 * 1024 + 1, 0);
    assert_eq!(err(&big), PackError::FileTooLarge { size: 5 * 1024 * 1024 + 1 });
}

#[test]
fn not_a_pack() {
    assert_eq!(err(b""), PackError::NotAPack);
    assert_eq!(err(b"PK\x03\x04 a zip file"), PackError::NotAPack);
    assert_eq!(err(b"HARBOURPACK"), PackError::NotAPack);
}

#[test]
fn truncated() {
    let v = valid();
    assert_eq!(err(&v[..12]), PackError::Truncated);
    assert_eq!(err(&v[..19]), PackError::Truncated);
    assert_eq!(err(&v[..40]), PackError::Truncated);
}

#[test]
fn unknown_format_version() {
    let mut v = valid();
    v[12] = 2;
    assert_eq!(err(&v), PackError::UnknownFormat { version: 2 });
    let mut v = valid();
    v[15] = 1;
    assert_eq!(err(&v), PackError::UnknownFormat { version: 0x0100_0001 });
}

#[test]
fn changed_after_signing() {
    let v = valid();
    // A byte of the manifest, of a file, of the key, of the signature.
    for at in [25, v.len() - 200, v.len() - 80, v.len() - 1] {
        let mut t = v.clone();
        t[at] ^= 0x01;
        assert_eq!(err(&t), PackError::BadSignature, "byte {at}");
    }
    // One byte shorter or longer moves the key and signature.
    assert_eq!(err(&v[..v.len() - 1]), PackError::BadSignature);
    assert_eq!(err(&[v.as_slice(), b"x"].concat()), PackError::BadSignature);
}

#[test]
fn missing_or_foreign_signature() {
    let v = valid();
    let mut zeroed = v.clone();
    let n = zeroed.len();
    zeroed[n - 64..].fill(0);
    assert_eq!(err(&zeroed), PackError::BadSignature);
    // Another key swapped in, keeping the first key's signature.
    let mut swapped = v.clone();
    swapped[n - 96..n - 64].copy_from_slice(other_key().verifying_key().as_bytes());
    assert_eq!(err(&swapped), PackError::BadSignature);
    // A small-order (weak) key is refused, whatever the signature.
    let mut weak = v.clone();
    weak[n - 96..n - 64].copy_from_slice(&[0u8; 32]);
    weak[n - 64..].fill(0);
    assert_eq!(err(&weak), PackError::BadSignature);
    // Re-signed by another key: valid, but a different fingerprint (the trust rule catches it).
    let other = build(&source(), &other_key()).unwrap();
    assert_ne!(verify(&other).unwrap().fingerprint(), verify(&v).unwrap().fingerprint());
}

#[test]
fn hash_mismatch() {
    let t = remake(false, |_, files| files[1].1[3] ^= 1);
    assert_eq!(err(&t), PackError::HashMismatch { asset: "online-safety-policy.md".into() });
    let t = remake(false, |m, _| m["assets"][0]["sha256"] = json!("0".repeat(64)));
    assert_eq!(err(&t), PackError::HashMismatch { asset: "logo.png".into() });
}

#[test]
fn malformed_manifest() {
    for bad in [&b"not json"[..], b"[]", b"{\"format\": \"one\"}", b"\xff\xfe"] {
        let t = encode(bad, &[], &key());
        assert!(matches!(err(&t), PackError::MalformedManifest { .. }), "{:?}", String::from_utf8_lossy(bad));
    }
    let t = remake(true, |m, _| m["colour"] = json!("blue"));
    assert!(matches!(err(&t), PackError::MalformedManifest { .. }));
    let t = remake(true, |m, _| m["format"] = json!(2));
    assert!(matches!(err(&t), PackError::MalformedManifest { .. }));
    let t = remake(false, |m, _| m["assets"][0]["size"] = json!(m["assets"][0]["size"].as_u64().unwrap() + 1));
    assert!(matches!(err(&t), PackError::MalformedManifest { .. }));
    let t = remake(false, |m, _| m["assets"][0]["sha256"] = json!("zz"));
    assert!(matches!(err(&t), PackError::MalformedManifest { .. }));
    // A manifest length over the limit in the header.
    let mut t = valid();
    t[16..20].copy_from_slice(&(300 * 1024u32).to_le_bytes());
    assert!(matches!(err(&t), PackError::MalformedManifest { .. }));
}

#[test]
fn missing_required_fields() {
    let cases: Vec<(&str, Box<EditManifest>)> = vec![
        ("issued", Box::new(|m| drop(m.as_object_mut().unwrap().remove("issued")))),
        ("pack_version", Box::new(|m| drop(m.as_object_mut().unwrap().remove("pack_version")))),
        ("agency", Box::new(|m| drop(m.as_object_mut().unwrap().remove("agency")))),
        ("name", Box::new(|m| drop(m["agency"].as_object_mut().unwrap().remove("name")))),
        ("hours", Box::new(|m| drop(m["contacts"][0].as_object_mut().unwrap().remove("hours")))),
        ("agency.name", Box::new(|m| m["agency"]["name"] = json!("  "))),
        ("contacts", Box::new(|m| m["contacts"] = json!([]))),
        ("contacts[0].name", Box::new(|m| m["contacts"][0]["name"] = json!(""))),
        ("contacts[1].phone", Box::new(|m| {
            for k in ["phone", "email", "url"] {
                m["contacts"][1].as_object_mut().unwrap().remove(k);
            }
        })),
        ("rules[0].bands", Box::new(|m| m["rules"][0]["bands"] = json!([]))),
        ("rules[0].why", Box::new(|m| m["rules"][0]["why"] = json!(""))),
        ("guidance[0].title", Box::new(|m| m["guidance"][0]["title"] = json!(""))),
    ];
    for (field, f) in cases {
        let t = remake(true, |m, _| f(m));
        assert_eq!(err(&t), PackError::MissingField { field: field.into() }, "{field}");
    }
    let t = remake(true, |_, files| files[1].1 = b"\n\n".to_vec());
    assert_eq!(err(&t), PackError::MissingField { field: "guidance.online-safety-policy".into() });
}

fn invalid_field(e: PackError) -> String {
    match e {
        PackError::InvalidValue { field, .. } => field,
        other => panic!("expected InvalidValue, got {other:?}"),
    }
}

#[test]
fn invalid_values() {
    let cases: Vec<(&str, Box<EditPack>)> = vec![
        ("manifest", Box::new(|m, _| m["contacts"][0]["role"] = json!("police"))),
        ("manifest", Box::new(|m, _| m["rules"][0]["section"] = json!("homework"))),
        ("manifest", Box::new(|m, _| m["rules"][0]["bands"] = json!(["under-8"]))),
        ("manifest", Box::new(|m, _| m["rules"][0]["voice"] = json!("parent"))),
        ("issued", Box::new(|m, _| m["issued"] = json!("30/11/2026"))),
        ("issued", Box::new(|m, _| m["issued"] = json!("2026-02-30"))),
        ("pack_version", Box::new(|m, _| m["pack_version"] = json!(0))),
        ("rules[1].id", Box::new(|m, _| {
            let r = m["rules"][0].clone();
            m["rules"].as_array_mut().unwrap().push(r);
        })),
        ("rules[0].id", Box::new(|m, _| m["rules"][0]["id"] = json!("Birth Family"))),
        ("rules[0].bands", Box::new(|m, _| m["rules"][0]["bands"] = json!(["8-10", "8-10"]))),
        ("guidance[1].id", Box::new(|m, _| m["guidance"][1]["id"] = json!("online-safety-policy"))),
        ("guidance[0].file", Box::new(|m, _| m["guidance"][0]["file"] = json!("missing.md"))),
        ("guidance[1].file", Box::new(|m, _| m["guidance"][1]["file"] = json!("online-safety-policy.md"))),
        ("guidance[0].file", Box::new(|m, files| {
            files[0].0 = "logo.txt".into();
            m["agency"].as_object_mut().unwrap().remove("logo");
            m["guidance"][0]["file"] = json!("logo.txt");
        })),
        ("guidance[0].file", Box::new(|_, files| files[1].1 = vec![0xff, 0xfe, b'a'])),
        ("assets", Box::new(|_, files| files.push(("extra.md".into(), b"# Extra".to_vec())))),
        ("agency.logo", Box::new(|m, _| m["agency"]["logo"] = json!("nope.png"))),
        ("contacts[0].phone", Box::new(|m, _| m["contacts"][0]["phone"] = json!("ring us"))),
        ("contacts[0].email", Box::new(|m, _| m["contacts"][0]["email"] = json!("duty at brightwater"))),
        ("agency.name", Box::new(|m, _| m["agency"]["name"] = json!("Bright\u{202E}water"))),
        ("contacts[0].hours", Box::new(|m, _| m["contacts"][0]["hours"] = json!("9am\nto 5pm"))),
    ];
    for (i, (field, f)) in cases.into_iter().enumerate() {
        let t = remake(true, f);
        assert_eq!(invalid_field(err(&t)), field, "case {i}");
    }
}

#[test]
fn text_too_long() {
    let t = remake(true, |m, _| m["agency"]["name"] = json!("B".repeat(121)));
    assert_eq!(err(&t), PackError::TextTooLong { field: "agency.name".into(), max: 120 });
    let t = remake(true, |m, _| m["rules"][0]["text"] = json!("I will be kind. ".repeat(20)));
    assert_eq!(err(&t), PackError::TextTooLong { field: "rules[0].text".into(), max: 300 });
    let t = remake(true, |m, _| m["records"]["handover"]["how"] = json!("x".repeat(1001)));
    assert_eq!(err(&t), PackError::TextTooLong { field: "records.handover.how".into(), max: 1000 });
    let t = remake(true, |m, _| m["records"]["note"] = json!("x".repeat(1001)));
    assert_eq!(err(&t), PackError::TextTooLong { field: "records.note".into(), max: 1000 });
    let t = remake(true, |_, files| files[2].1 = format!("# Long\n\n{}", "word ".repeat(20_001)).into_bytes());
    assert_eq!(err(&t), PackError::TextTooLong { field: "guidance.records".into(), max: limits::MAX_PAGE_CHARS });
    // Characters, not bytes: 120 two-byte letters are fine.
    let t = remake(true, |m, _| m["agency"]["name"] = json!("é".repeat(120)));
    assert!(verify(&t).is_ok());
}

#[test]
fn too_many_items() {
    let t = remake(true, |m, _| m["contacts"] = json!(vec![m["contacts"][0].clone(); 31]));
    assert_eq!(err(&t), PackError::TooManyItems { field: "contacts".into(), max: 30 });
    let t = remake(true, |m, _| {
        let rules: Vec<Value> = (0..41).map(|i| {
            let mut r = m["rules"][0].clone();
            r["id"] = json!(format!("rule-{i}"));
            r
        }).collect();
        m["rules"] = json!(rules);
    });
    assert_eq!(err(&t), PackError::TooManyItems { field: "rules".into(), max: 40 });
}

#[test]
fn more_than_32_assets() {
    let t = remake(true, |_, files| {
        for i in 0..31 {
            files.push((format!("f{i}.md"), b"x".to_vec()));
        }
    });
    assert_eq!(err(&t), PackError::TooManyAssets { count: 34 });
}

#[test]
fn asset_too_large() {
    let t = remake(true, |_, files| files[2].1 = vec![b'a'; 1024 * 1024 + 1]);
    assert_eq!(err(&t), PackError::AssetTooLarge { name: "records.md".into(), size: 1024 * 1024 + 1, max: 1024 * 1024 });
    // The logo's own limit is 512 KB (checked before it is read as a picture).
    let t = remake(true, |_, files| files[0].1 = vec![0; 512 * 1024 + 1]);
    assert_eq!(err(&t), PackError::AssetTooLarge { name: "logo.png".into(), size: 512 * 1024 + 1, max: 512 * 1024 });
}

#[test]
fn asset_names_that_are_not_plain() {
    for name in ["../x.md", "/etc/x", "a/b.md", "..", ".", "a\\b.md", "C:x.md", "Logo.PNG", "", ".hidden.md", "a b.md"] {
        let t = remake(true, |m, files| {
            files[1].0 = name.to_string();
            m["guidance"][0]["file"] = json!(name);
        });
        assert_eq!(err(&t), PackError::BadAssetName { name: name.into() }, "{name:?}");
    }
}

#[test]
fn duplicate_asset_names() {
    let t = remake(true, |m, files| {
        files[2].0 = "online-safety-policy.md".into();
        m["guidance"][1]["file"] = json!("online-safety-policy.md");
    });
    assert_eq!(err(&t), PackError::DuplicateAsset { name: "online-safety-policy.md".into() });
}

#[test]
fn markdown_with_html_or_script() {
    for md in ["# Hi\n\n<script>alert('x')</script>", "# Hi\n\nClick <a href=\"https://example.org\">here</a>."] {
        let t = remake(true, |_, files| files[1].1 = md.as_bytes().to_vec());
        assert_eq!(err(&t), PackError::GuidanceHtml { page: "online-safety-policy".into() }, "{md}");
    }
    let t = remake(true, |_, files| files[1].1 = b"# Hi\n\n![x](https://example.org/x.png)".to_vec());
    assert_eq!(err(&t), PackError::GuidanceImage { page: "online-safety-policy".into() });
    let t = remake(true, |_, files| files[1].1 = b"# Hi\n\n[x](javascript:alert(1))".to_vec());
    assert!(matches!(err(&t), PackError::UnsafeLink { .. }));
    let t = remake(true, |_, files| files[1].1 = format!("# Hi\n\n{} deep", ">".repeat(100)).into_bytes());
    assert_eq!(err(&t), PackError::GuidanceTooComplex { page: "online-safety-policy".into() });
}

#[test]
fn http_links() {
    let t = remake(true, |_, files| files[1].1 = b"# Hi\n\n[our site](http://brightwater.example.org)".to_vec());
    assert_eq!(err(&t), PackError::UnsafeLink { field: "guidance.online-safety-policy".into(), url: "http://brightwater.example.org".into() });
    for url in ["http://brightwater.example.org", "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/contact"] {
        let t = remake(true, |m, _| m["contacts"][2]["url"] = json!(url));
        assert_eq!(err(&t), PackError::UnsafeLink { field: "contacts[2].url".into(), url: url.into() });
    }
}

#[test]
fn logo_that_is_not_an_image() {
    for bytes in [b"<svg onload=alert(1)>".to_vec(), b"\x89PNG\r\n\x1a\nnot really".to_vec(), vec![0xFF, 0xD8, 0xFF, 0xD9], tiny_png(9000, 1)] {
        let t = remake(true, |_, files| files[0].1 = bytes.clone());
        assert!(matches!(err(&t), PackError::LogoNotImage { .. }));
    }
}

#[test]
fn build_refuses_what_verify_refuses() {
    let mut s = source();
    s.guidance[0].markdown = "# Hi\n\n<b>bold</b>".into();
    assert_eq!(build(&s, &key()), Err(PackError::GuidanceHtml { page: "online-safety-policy".into() }));
    let mut s = source();
    s.guidance[0].id = "../etc".into();
    assert!(matches!(build(&s, &key()), Err(PackError::InvalidValue { field, .. }) if field == "guidance[0].id"));
    let mut s = source();
    s.logo = Some(SourceFile { name: "logo.png".into(), bytes: b"GIF89a".to_vec() });
    assert!(matches!(build(&s, &key()), Err(PackError::LogoNotImage { .. })));
    let mut s = source();
    s.logo = Some(SourceFile { name: "online-safety-policy.md".into(), bytes: tiny_png(1, 1) });
    assert!(matches!(build(&s, &key()), Err(PackError::DuplicateAsset { .. })));
    let mut s = source();
    s.pack_version = 0;
    assert!(matches!(build(&s, &key()), Err(PackError::InvalidValue { .. })));
}

#[test]
fn trust_rule() {
    let pack = verify(&valid()).unwrap();
    let same = *key().verifying_key().as_bytes();
    let other = *other_key().verifying_key().as_bytes();
    assert_eq!(decide(None, &pack), Decision::New);
    assert_eq!(decide(Some((&same, 2)), &pack), Decision::Update);
    assert_eq!(decide(Some((&same, 3)), &pack), Decision::SameOrOlder);
    assert_eq!(decide(Some((&same, 4)), &pack), Decision::SameOrOlder);
    assert_eq!(decide(Some((&other, 1)), &pack), Decision::DifferentKey);
    assert_eq!(decide(Some((&other, 9)), &pack), Decision::DifferentKey);
    assert_eq!(serde_json::to_string(&Decision::SameOrOlder).unwrap(), "\"same_or_older\"");
}

#[test]
fn managed_dirs_are_absolute() {
    let dirs = managed_dirs();
    assert!(!dirs.is_empty());
    assert!(dirs.iter().all(|d| d.is_absolute() && d.ends_with("packs")));
    #[cfg(target_os = "linux")]
    assert_eq!(dirs, vec![std::path::PathBuf::from("/etc/harbour/packs")]);
}

#[test]
fn sections_and_bands_match_the_rule_library() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/agreement/rules.toml");
    let lib: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let sections: Vec<&str> = lib["section"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(sections, Section::ALL.iter().map(|s| s.id()).collect::<Vec<_>>());
    let mut bands: Vec<&str> = lib["rule"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["bands"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()))
        .collect();
    bands.sort_by_key(|b| Band::ALL.iter().position(|x| x.id() == *b).unwrap_or(99));
    bands.dedup();
    assert_eq!(bands, Band::ALL.iter().map(|b| b.id()).collect::<Vec<_>>());
    let voices: std::collections::BTreeSet<&str> =
        lib["rule"].as_array().unwrap().iter().map(|r| r["voice"].as_str().unwrap()).collect();
    assert_eq!(voices, ["adults", "child", "family"].into_iter().collect());
    // The serde names are the ids.
    for s in Section::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), json!(s.id()));
    }
    for b in Band::ALL {
        assert_eq!(serde_json::to_value(b).unwrap(), json!(b.id()));
    }
    for r in Role::ALL {
        assert_eq!(serde_json::to_value(r).unwrap(), json!(r.id()));
    }
}

#[test]
fn carer_messages_are_plain() {
    let all = [
        PackError::FileTooLarge { size: 0 },
        PackError::NotAPack,
        PackError::Truncated,
        PackError::UnknownFormat { version: 2 },
        PackError::BadSignature,
        PackError::HashMismatch { asset: "a".into() },
        PackError::MalformedManifest { detail: "d".into() },
        PackError::MissingField { field: "f".into() },
        PackError::InvalidValue { field: "f".into(), detail: "d".into() },
        PackError::TextTooLong { field: "f".into(), max: 1 },
        PackError::TooManyItems { field: "f".into(), max: 1 },
        PackError::TooManyAssets { count: 40 },
        PackError::AssetTooLarge { name: "a".into(), size: 2, max: 1 },
        PackError::BadAssetName { name: "../a".into() },
        PackError::DuplicateAsset { name: "a".into() },
        PackError::GuidanceHtml { page: "p".into() },
        PackError::GuidanceImage { page: "p".into() },
        PackError::GuidanceTooComplex { page: "p".into() },
        PackError::UnsafeLink { field: "f".into(), url: "u".into() },
        PackError::LogoNotImage { detail: "d".into() },
    ];
    let mut codes = std::collections::BTreeSet::new();
    for e in &all {
        let m = e.message();
        assert!(codes.insert(format!("{:?}", e.code())), "{e:?}");
        for jargon in ["manifest", "JSON", "SHA", "Ed25519", "asset", "signature", "hash", "Markdown", "HTML", "error", "invalid"] {
            assert!(!m.contains(jargon), "{jargon} in {m}");
        }
        for sentence in m.split(". ") {
            assert!(sentence.split_whitespace().count() <= 20, "long sentence: {sentence}");
        }
        assert!(m.ends_with('.'));
        assert!(!e.detail().is_empty());
        let view = PackErrorView::from(e);
        assert_eq!(view.message, m);
    }
}

#[test]
fn a_handover_key_must_be_an_age_public_key() {
    // A secret key pasted by mistake, a cut-short key, an SSH key and nothing at all.
    for bad in [
        "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
        &HANDOVER_KEY[..40],
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFake",
        "",
    ] {
        let t = remake(true, |m, _| m["records"]["handover"]["recipient"] = json!(bad));
        assert_eq!(invalid_field(err(&t)), "records.handover.recipient", "{bad:?}");
    }
}

#[test]
fn the_usual_split_of_decisions_is_carried_and_only_known_ones_load() {
    let pack = verify(&valid()).unwrap();
    let split = &pack.content().delegated_authority;
    assert_eq!(split.get(&DelegatedDecision::Photos), Some(&Decider::SocialWorker));
    assert_eq!(split.get(&DelegatedDecision::Phone), Some(&Decider::FosterCarer));
    assert_eq!(split.get(&DelegatedDecision::StayingOver), None, "not every decision need be preset");
    for (decision, decider) in [("tattoos", "parent"), ("photos", "the-neighbour")] {
        let t = remake(true, |m, _| m["delegated_authority"] = json!({ decision: decider }));
        assert!(verify(&t).is_err(), "{decision} = {decider} is refused");
    }
}
