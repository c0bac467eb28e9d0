//! Recovery codes: 24 random characters (120 bits) plus one check character,
//! in Crockford's base32 (no I, L, O or U), shown as five groups of five.
//! The check character catches a mistyped or swapped character before any
//! slow key derivation runs, so a typo gets its own plain message.

use chacha20poly1305::aead::{rand_core::RngCore, OsRng};
use zeroize::Zeroizing;

use super::VaultError;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DATA_LEN: usize = 24;

pub struct RecoveryCode(Zeroizing<String>);

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

fn check_char(data: &[u8]) -> u8 {
    // Weighted sum mod 31 (a prime): a changed character or two swapped
    // neighbours change it, except the one pair 0 and Z, which then reads as a
    // wrong code rather than a typo.
    let sum: u32 = data.iter().enumerate().map(|(i, &c)| (i as u32 + 1) * value(c).unwrap_or(0)).sum();
    ALPHABET[(sum % 31) as usize]
}

impl RecoveryCode {
    /// Whether two codes are the same, looking at every character whatever the first difference.
    pub fn same_as(&self, other: &RecoveryCode) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    pub fn generate() -> RecoveryCode {
        let mut raw = Zeroizing::new([0u8; DATA_LEN]);
        OsRng.fill_bytes(raw.as_mut());
        let mut data: Vec<u8> = raw.iter().map(|b| ALPHABET[(b & 31) as usize]).collect();
        data.push(check_char(&data));
        let code = RecoveryCode(Zeroizing::new(String::from_utf8(data.clone()).expect("ascii")));
        zeroize::Zeroize::zeroize(&mut data);
        code
    }

    /// Reads a code as a person typed it: any case, with or without dashes
    /// and spaces, and O, I and L read as 0, 1 and 1.
    pub fn parse(input: &str) -> Result<RecoveryCode, VaultError> {
        let mut data: Vec<u8> = input
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != b'-')
            .map(|b| match b.to_ascii_uppercase() {
                b'O' => b'0',
                b'I' | b'L' => b'1',
                other => other,
            })
            .collect();
        let ok = data.len() == DATA_LEN + 1
            && data.iter().all(|&c| value(c).is_some())
            && check_char(&data[..DATA_LEN]) == data[DATA_LEN];
        let result = if ok {
            Ok(RecoveryCode(Zeroizing::new(String::from_utf8(data.clone()).expect("ascii"))))
        } else {
            Err(VaultError::RecoveryCodeTypo)
        };
        zeroize::Zeroize::zeroize(&mut data);
        result
    }

    /// As shown and printed: five groups of five.
    pub fn display(&self) -> Zeroizing<String> {
        let groups: Vec<&str> = self.0.as_bytes().chunks(5).map(|c| std::str::from_utf8(c).expect("ascii")).collect();
        Zeroizing::new(groups.join("-"))
    }

    pub(crate) fn secret(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_what_a_person_types() {
        let code = RecoveryCode::generate();
        let shown = code.display();
        assert_eq!(shown.len(), 29);
        assert_eq!(shown.matches('-').count(), 4);
        let typed = shown.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        assert_eq!(RecoveryCode::parse(&typed).unwrap().secret(), code.secret());
    }

    #[test]
    fn catches_a_changed_or_swapped_character() {
        for _ in 0..300 {
            catches_in(&RecoveryCode::generate());
        }
        assert!(RecoveryCode::parse("too short").is_err());
    }

    fn catches_in(code: &RecoveryCode) {
        let s = code.secret().to_vec();
        for i in 0..s.len() {
            let mut bad = s.clone();
            bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
            assert!(matches!(RecoveryCode::parse(std::str::from_utf8(&bad).unwrap()), Err(VaultError::RecoveryCodeTypo)), "change at {i}");
        }
        for i in 0..s.len() - 2 {
            // 0 and Z have values 0 and 31, the same mod 31: that one swap is
            // read as a wrong code later, not as a typo (see check_char).
            let same_mod_31 = matches!((s[i], s[i + 1]), (b'0', b'Z') | (b'Z', b'0'));
            if s[i] != s[i + 1] && !same_mod_31 {
                let mut bad = s.clone();
                bad.swap(i, i + 1);
                assert!(RecoveryCode::parse(std::str::from_utf8(&bad).unwrap()).is_err(), "swap at {i}");
            }
        }
    }

    #[test]
    fn the_one_blind_swap_is_0_and_z() {
        // A fixed code, so the test does not depend on chance.
        let data = b"0Z23456789ABCDEFGHJKMNPQ";
        let mut code = data.to_vec();
        code.push(check_char(data));
        let mut swapped = code.clone();
        swapped.swap(0, 1);
        assert_eq!(check_char(&swapped[..24]), check_char(data));
        swapped.swap(2, 3);
        assert!(RecoveryCode::parse(std::str::from_utf8(&swapped).unwrap()).is_err());
    }

    #[test]
    fn codes_differ() {
        assert_ne!(RecoveryCode::generate().secret(), RecoveryCode::generate().secret());
    }
}
