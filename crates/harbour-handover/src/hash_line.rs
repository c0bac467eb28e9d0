//! The last line of a plain-text chronology: the SHA-256 of everything above
//! it, so anyone can check that no word was changed after it was made.

use crate::sha256_hex;

pub const PREFIX: &str = "SHA-256 of everything above this line: ";

/// `body`, a blank line, and the hash line. Returns the text and the hash.
pub fn seal(body: &str) -> (String, String) {
    let hash = sha256_hex(body.as_bytes());
    (format!("{body}\n{PREFIX}{hash}\n"), hash)
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum HashLineError {
    #[error("it has no SHA-256 line at the end")]
    Missing,
    #[error("its text does not match its SHA-256 line: it was changed after it was made")]
    Mismatch,
}

/// Checks a text made by [`seal`]; returns its hash.
pub fn check(text: &str) -> Result<String, HashLineError> {
    let rest = text.strip_suffix('\n').ok_or(HashLineError::Missing)?;
    let (above, last) = rest.rsplit_once('\n').ok_or(HashLineError::Missing)?;
    let claimed = last.strip_prefix(PREFIX).ok_or(HashLineError::Missing)?;
    if sha256_hex(above.as_bytes()) == claimed { Ok(claimed.to_string()) } else { Err(HashLineError::Mismatch) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_text_checks_and_any_change_shows() {
        let (text, hash) = seal("CONCERN LOG CHRONOLOGY\nEntry 1 of 1\nWhat I saw: 😟 مرحبا\n");
        assert_eq!(check(&text), Ok(hash));
        assert_eq!(check(&text.replacen("saw", "sav", 1)), Err(HashLineError::Mismatch));
        assert_eq!(check("no hash here\n"), Err(HashLineError::Missing));
        assert_eq!(check(text.trim_end()), Err(HashLineError::Missing));
    }
}
