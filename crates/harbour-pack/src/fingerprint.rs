//! A key fingerprint a person can read over the phone.
//!
//! SHA-256 of the 32-byte Ed25519 public key; its first 80 bits written as 16
//! characters of Crockford base32 (`0-9`, `A-Z` less `I`, `L`, `O`, `U`), most
//! significant bit first, in four groups of four: `7KQ2-M9XD-4HT8-PB3W`.
//! The agency tool and the app use this one function.

use sha2::{Digest, Sha256};

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The fingerprint of a public key, as `XXXX-XXXX-XXXX-XXXX`.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    let digest = Sha256::digest(public_key);
    // 80 bits = the first 10 bytes, read as one big-endian number.
    let mut bits: u128 = 0;
    for &b in &digest[..10] {
        bits = (bits << 8) | u128::from(b);
    }
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let shift = 75 - 5 * i;
        out.push(CROCKFORD[((bits >> shift) & 31) as usize] as char);
    }
    out
}

/// A fingerprint as a person typed or read it, tidied to the canonical form:
/// any case, spaces and dashes ignored, `O` read as `0`, `I` and `L` as `1`.
/// `None` if it is not 16 Crockford characters.
pub fn normalize_fingerprint(typed: &str) -> Option<String> {
    let mut chars = Vec::with_capacity(16);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
            return None;
        }
        chars.push(c);
    }
    if chars.len() != 16 {
        return None;
    }
    Some(chars.chunks(4).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

/// Whether what a person typed is this key's fingerprint.
pub fn fingerprint_matches(public_key: &[u8; 32], typed: &str) -> bool {
    normalize_fingerprint(typed).is_some_and(|f| f == fingerprint(public_key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_known_value() {
        let f = fingerprint(&[0u8; 32]);
        assert_eq!(f.len(), 19);
        assert_eq!(f.matches('-').count(), 3);
        assert!(f.chars().all(|c| c == '-' || CROCKFORD.contains(&(c as u8))));
        // SHA-256 of 32 zero bytes starts 66 68 7a ad f8 62 bd 77 6c 8f.
        assert_eq!(f, "CSM7-NBFR-CAYQ-EV4F");
        assert_ne!(fingerprint(&[1u8; 32]), f);
    }

    #[test]
    fn typed_forms_match() {
        let key = [9u8; 32];
        let f = fingerprint(&key);
        assert!(fingerprint_matches(&key, &f));
        assert!(fingerprint_matches(&key, &f.to_lowercase().replace('-', " ")));
        let with_o = f.replace('0', "o").replace('1', "l");
        assert!(fingerprint_matches(&key, &with_o));
        assert!(!fingerprint_matches(&key, &f[..18]));
        assert!(!fingerprint_matches(&[8u8; 32], &f));
        assert_eq!(normalize_fingerprint("uuuu-uuuu-uuuu-uuuu"), None);
    }
}
