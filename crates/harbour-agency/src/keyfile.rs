//! The agency's signing key on disk: the 32-byte Ed25519 secret, wrapped with
//! XChaCha20-Poly1305 under a key made by Argon2id from a passphrase. JSON, so a
//! person can see what it is; the public key and fingerprint are readable
//! without the passphrase, and are bound to the wrapped secret.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{rand_core::RngCore, Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use harbour_pack::ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub const FORMAT: &str = "harbour-agency-key";
pub const VERSION: u32 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
/// Anything larger is not a key file.
pub const MAX_FILE_LEN: u64 = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// 64 MiB and 3 passes: a second or so on an ordinary laptop. Signing is rare.
    pub const DEFAULT: KdfParams = KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };
    /// The most work a key file may ask for (KiB times passes), so a crafted
    /// file cannot make the tool hang or run out of memory.
    pub const MAX_WORK: u64 = 4 * 1024 * 1024;

    fn check(&self) -> Result<(), KeyError> {
        let ok = (8..=1024 * 1024).contains(&self.memory_kib)
            && (1..=32).contains(&self.iterations)
            && (1..=16).contains(&self.parallelism)
            && self.memory_kib >= 8 * self.parallelism
            && u64::from(self.memory_kib) * u64::from(self.iterations) <= Self::MAX_WORK;
        if ok { Ok(()) } else { Err(KeyError::Damaged("its key settings are out of range".into())) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    format: String,
    version: u32,
    /// Base64 of the 32-byte Ed25519 public key.
    public_key: String,
    /// For people reading the file; checked against `public_key` on load.
    fingerprint: String,
    kdf: KdfParams,
    salt: String,
    nonce: String,
    /// Base64 of the encrypted 32-byte secret and its 16-byte tag.
    wrapped: String,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("That passphrase does not open this key. Check it and try again.")]
    WrongPassphrase,
    #[error("This is not a Harbour agency key file, or it is damaged ({0}).")]
    Damaged(String),
    #[error("This key file was made by a newer version of harbour-agency.")]
    TooNew,
}

fn aad(kdf: &KdfParams, public_key: &[u8; 32]) -> Vec<u8> {
    let mut a = format!("{FORMAT}/{VERSION}/{}/{}/{}/", kdf.memory_kib, kdf.iterations, kdf.parallelism).into_bytes();
    a.extend_from_slice(public_key);
    a
}

fn derive(passphrase: &str, salt: &[u8], kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| KeyError::Damaged(format!("key settings: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| KeyError::Damaged(format!("key settings: {e}")))?;
    Ok(out)
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

fn decode<const N: usize>(what: &str, s: &str) -> Result<[u8; N], KeyError> {
    let v = B64.decode(s).map_err(|_| KeyError::Damaged(format!("{what} is not base64")))?;
    v.try_into().map_err(|_| KeyError::Damaged(format!("{what} has the wrong length")))
}

/// A new random signing key.
pub fn generate() -> SigningKey {
    let seed = Zeroizing::new(random::<32>());
    SigningKey::from_bytes(&seed)
}

impl KeyFile {
    /// Wraps `key` under `passphrase`.
    pub fn seal(key: &SigningKey, passphrase: &str, kdf: KdfParams) -> Result<KeyFile, KeyError> {
        kdf.check()?;
        let public_key = key.verifying_key().to_bytes();
        let salt = random::<SALT_LEN>();
        let nonce = random::<NONCE_LEN>();
        let kek = derive(passphrase, &salt, &kdf)?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
        let secret = Zeroizing::new(key.to_bytes());
        let wrapped = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret.as_ref(), aad: &aad(&kdf, &public_key) })
            .map_err(|_| KeyError::Damaged("could not encrypt".into()))?;
        Ok(KeyFile {
            format: FORMAT.into(),
            version: VERSION,
            public_key: B64.encode(public_key),
            fingerprint: harbour_pack::fingerprint(&public_key),
            kdf,
            salt: B64.encode(salt),
            nonce: B64.encode(nonce),
            wrapped: B64.encode(wrapped),
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("a key file always serialises");
        out.push(b'\n');
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<KeyFile, KeyError> {
        if bytes.len() as u64 > MAX_FILE_LEN {
            return Err(KeyError::Damaged("it is too big".into()));
        }
        // Format and version first, so a newer file says so rather than "damaged".
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        let head: Head = serde_json::from_slice(bytes).map_err(|e| KeyError::Damaged(e.to_string()))?;
        if head.format != FORMAT {
            return Err(KeyError::Damaged(format!("it says it is {:?}", head.format)));
        }
        if head.version > VERSION {
            return Err(KeyError::TooNew);
        }
        let file: KeyFile = serde_json::from_slice(bytes).map_err(|e| KeyError::Damaged(e.to_string()))?;
        let public_key = file.public_key()?;
        if file.fingerprint != harbour_pack::fingerprint(&public_key) {
            return Err(KeyError::Damaged("its fingerprint does not match its public key".into()));
        }
        file.kdf.check()?;
        Ok(file)
    }

    pub fn public_key(&self) -> Result<[u8; 32], KeyError> {
        decode::<32>("public_key", &self.public_key)
    }

    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The signing key, if `passphrase` is right.
    pub fn open(&self, passphrase: &str) -> Result<SigningKey, KeyError> {
        let public_key = self.public_key()?;
        let salt = decode::<SALT_LEN>("salt", &self.salt)?;
        let nonce = decode::<NONCE_LEN>("nonce", &self.nonce)?;
        let wrapped = B64.decode(&self.wrapped).map_err(|_| KeyError::Damaged("wrapped is not base64".into()))?;
        let kek = derive(passphrase, &salt, &self.kdf)?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
        let secret = Zeroizing::new(
            cipher
                .decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: &aad(&self.kdf, &public_key) })
                .map_err(|_| KeyError::WrongPassphrase)?,
        );
        let seed: Zeroizing<[u8; 32]> =
            Zeroizing::new(secret.as_slice().try_into().map_err(|_| KeyError::Damaged("the secret has the wrong length".into()))?);
        let key = SigningKey::from_bytes(&seed);
        if key.verifying_key().to_bytes() != public_key {
            return Err(KeyError::Damaged("the secret does not match the public key".into()));
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };

    #[test]
    fn seal_and_open() {
        let key = generate();
        let file = KeyFile::seal(&key, "correct horse battery", FAST).unwrap();
        let again = KeyFile::from_bytes(&file.to_bytes()).unwrap();
        assert_eq!(again, file);
        assert_eq!(again.open("correct horse battery").unwrap().to_bytes(), key.to_bytes());
        assert!(matches!(again.open("wrong horse battery"), Err(KeyError::WrongPassphrase)));
        assert_eq!(file.fingerprint(), harbour_pack::fingerprint(&key.verifying_key().to_bytes()));
        // The secret is not in the file in the clear.
        let text = String::from_utf8(file.to_bytes()).unwrap();
        assert!(!text.contains(&B64.encode(key.to_bytes())));
    }

    #[test]
    fn a_changed_public_key_or_setting_is_caught() {
        let key = generate();
        let file = KeyFile::seal(&key, "correct horse battery", FAST).unwrap();
        let mut other = file.clone();
        let other_pk = generate().verifying_key().to_bytes();
        other.public_key = B64.encode(other_pk);
        other.fingerprint = harbour_pack::fingerprint(&other_pk);
        assert!(other.open("correct horse battery").is_err());
        let mut fp = file.clone();
        fp.fingerprint = "AAAA-AAAA-AAAA-AAAA".into();
        assert!(matches!(KeyFile::from_bytes(&fp.to_bytes()), Err(KeyError::Damaged(_))));
        let mut kdf = file.clone();
        kdf.kdf.iterations = 2;
        assert!(kdf.open("correct horse battery").is_err());
        let mut huge = file.clone();
        huge.kdf.memory_kib = 1024 * 1024;
        huge.kdf.iterations = 32;
        assert!(matches!(KeyFile::from_bytes(&huge.to_bytes()), Err(KeyError::Damaged(_))));
    }

    #[test]
    fn not_a_key_file() {
        assert!(matches!(KeyFile::from_bytes(b"hello"), Err(KeyError::Damaged(_))));
        assert!(matches!(KeyFile::from_bytes(br#"{"format":"harbour-key","version":1}"#), Err(KeyError::Damaged(_))));
        assert!(matches!(KeyFile::from_bytes(br#"{"format":"harbour-agency-key","version":2}"#), Err(KeyError::TooNew)));
        assert!(matches!(KeyFile::from_bytes(&vec![b' '; 20_000]), Err(KeyError::Damaged(_))));
    }
}
