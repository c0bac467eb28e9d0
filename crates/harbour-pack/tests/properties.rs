//! `verify` never panics, and no change to a valid pack gives a valid pack.

use harbour_pack::ed25519_dalek::SigningKey;
use harbour_pack::*;
use proptest::prelude::*;

static VALID: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(make_valid_pack);

fn valid_pack() -> Vec<u8> {
    VALID.clone()
}

fn make_valid_pack() -> Vec<u8> {
    let source = PackSource {
        pack_version: 1,
        issued: "2026-11-30".into(),
        agency_name: "Brightwater Fostering".into(),
        logo: Some(SourceFile {
            name: "logo.png".into(),
            bytes: include_bytes!("../../../examples/agency/logo.png").to_vec(),
        }),
        contacts: vec![Contact {
            role: Role::DutyLine,
            name: "Duty team".into(),
            phone: Some("01632 960000".into()),
            email: None,
            url: None,
            hours: "Any time".into(),
        }],
        guidance: vec![SourcePage {
            id: "policy".into(),
            title: "Policy".into(),
            markdown: "# Policy\n\n- one\n- [two](https://example.org)\n\n> **kind**\n".into(),
        }],
        rules: vec![Rule {
            id: "r".into(),
            section: Section::PeopleOnline,
            voice: Voice::Child,
            text: "I will tell a grown-up.".into(),
            why: "They can help.".into(),
            bands: vec![Band::B8to10],
            required: true,
        }],
        records: Records::default(),
        delegated_authority: Default::default(),
    };
    build(&source, &SigningKey::from_bytes(&[3u8; 32])).unwrap()
}

#[derive(Debug, Clone)]
enum Change {
    Flip { at: usize, mask: u8 },
    Set { at: usize, value: u8 },
    Truncate { to: usize },
    Append { bytes: Vec<u8> },
    Insert { at: usize, bytes: Vec<u8> },
    Remove { at: usize, len: usize },
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, mask)| Change::Flip { at, mask }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, value)| Change::Set { at, value }),
        any::<usize>().prop_map(|to| Change::Truncate { to }),
        prop::collection::vec(any::<u8>(), 1..64).prop_map(|bytes| Change::Append { bytes }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, bytes)| Change::Insert { at, bytes }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Change::Remove { at, len }),
    ]
}

fn apply(pack: &[u8], c: &Change) -> Vec<u8> {
    let mut out = pack.to_vec();
    let n = out.len();
    // An earlier change may have truncated the pack to nothing: then only adding bytes changes it.
    if n == 0 {
        if let Change::Append { bytes } | Change::Insert { bytes, .. } = c {
            out.extend_from_slice(bytes);
        }
        return out;
    }
    match c {
        Change::Flip { at, mask } => out[at % n] ^= mask,
        Change::Set { at, value } => out[at % n] = *value,
        Change::Truncate { to } => out.truncate(to % n),
        Change::Append { bytes } => out.extend_from_slice(bytes),
        Change::Insert { at, bytes } => {
            let at = at % (n + 1);
            out.splice(at..at, bytes.iter().copied());
        }
        Change::Remove { at, len } => {
            let at = at % n;
            out.drain(at..(at + len).min(n));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn verify_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = verify(&bytes);
    }

    #[test]
    fn verify_never_panics_on_bytes_that_start_like_a_pack(
        format in prop_oneof![Just(1u32), any::<u32>()],
        manifest_len in prop_oneof![0u32..512, any::<u32>()],
        rest in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&format.to_le_bytes());
        bytes.extend_from_slice(&manifest_len.to_le_bytes());
        bytes.extend_from_slice(&rest);
        prop_assert!(verify(&bytes).is_err());
    }

    #[test]
    fn any_change_to_a_valid_pack_is_refused(changes in prop::collection::vec(change(), 1..4)) {
        let pack = valid_pack();
        let mut changed = pack.clone();
        for c in &changes {
            changed = apply(&changed, c);
        }
        prop_assume!(changed != pack);
        prop_assert!(verify(&changed).is_err());
    }
}

#[test]
fn a_pack_truncated_to_nothing_and_changed_again_is_refused() {
    let empty = apply(&valid_pack(), &Change::Truncate { to: 0 });
    assert!(empty.is_empty());
    for c in [Change::Flip { at: 3, mask: 1 }, Change::Set { at: 3, value: 7 }, Change::Truncate { to: 5 }, Change::Remove { at: 1, len: 2 }] {
        assert!(apply(&empty, &c).is_empty());
    }
    let grown = apply(&empty, &Change::Insert { at: 9, bytes: vec![1, 2] });
    assert_eq!(grown, [1, 2]);
    assert!(verify(&empty).is_err() && verify(&grown).is_err());
}

#[test]
fn the_valid_pack_is_valid() {
    let pack = verify(&valid_pack()).unwrap();
    assert_eq!(pack.content().agency.logo.as_ref().map(|l| (l.width, l.height)), Some((192, 192)));
}
