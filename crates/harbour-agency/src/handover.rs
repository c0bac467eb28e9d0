//! The agency's side of hand-overs: its X25519 key pair, and opening what a
//! carer's Harbour sent. The key file is a standard age identity file locked
//! with the passphrase (age's scrypt), so `age -d -i` opens hand-overs too.

use std::io::Read;

use age::secrecy::{ExposeSecret, SecretString};
use harbour_handover::Identity;
use zeroize::Zeroizing;

/// How hard the passphrase is to guess at: scrypt with N = 2^18, as age itself uses.
const WORK_FACTOR: u8 = 18;
/// Opening accepts up to this, so a key made on a faster computer still opens.
const MAX_WORK_FACTOR: u8 = 22;
pub const MAX_KEY_FILE: u64 = 16 * 1024;

pub struct NewKey {
    /// The locked key file's bytes.
    pub file: Vec<u8>,
    /// `age1...`, for the pack's `[records.handover]`.
    pub public: String,
}

pub fn new_key(passphrase: &str, made_on: &str) -> Result<NewKey, String> {
    let identity = Identity::generate();
    let public = identity.to_public().to_string();
    let text = Zeroizing::new(format!(
        "# Harbour agency hand-over key, made {made_on}\n# public key: {public}\n{}\n",
        identity.to_string().expose_secret()
    ));
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(WORK_FACTOR);
    let file = age::encrypt(&recipient, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(NewKey { file, public })
}

#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("That passphrase does not open this hand-over key. Check it and try again.")]
    WrongPassphrase,
    #[error("This is not a Harbour hand-over key file, or it is damaged ({0}).")]
    Damaged(String),
}

pub fn open_key(file: &[u8], passphrase: &str) -> Result<Identity, KeyFileError> {
    let decryptor = age::Decryptor::new(file).map_err(|e| KeyFileError::Damaged(e.to_string()))?;
    if !decryptor.is_scrypt() {
        return Err(KeyFileError::Damaged("it is not locked with a passphrase".into()));
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed | age::DecryptError::NoMatchingKeys => {
            KeyFileError::WrongPassphrase
        }
        e => KeyFileError::Damaged(e.to_string()),
    })?;
    let mut text = Zeroizing::new(String::new());
    reader.read_to_string(&mut text).map_err(|e| KeyFileError::Damaged(e.to_string()))?;
    let line = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .ok_or_else(|| KeyFileError::Damaged("it holds no secret key".into()))?;
    line.parse::<Identity>().map_err(|e| KeyFileError::Damaged(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_opens_with_its_passphrase_only_and_keeps_its_secret_locked() {
        let made = new_key("seagull harbour lantern 42", "2026-12-03").unwrap();
        let identity = open_key(&made.file, "seagull harbour lantern 42").unwrap();
        assert_eq!(identity.to_public().to_string(), made.public);
        assert!(matches!(open_key(&made.file, "wrong passphrase here"), Err(KeyFileError::WrongPassphrase)));
        let text = String::from_utf8_lossy(&made.file);
        assert!(!text.contains("AGE-SECRET-KEY") && !text.contains(&made.public), "nothing readable in the key file");
        assert!(matches!(open_key(b"not a key", "x"), Err(KeyFileError::Damaged(_))));
    }
}
