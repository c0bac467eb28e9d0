//! The key file: the database key, wrapped with XChaCha20-Poly1305 under a key
//! made by Argon2id from the passphrase, and again from the recovery code.
//! Changing the passphrase re-wraps; the database itself is never re-keyed.
//! Each slot keeps its own Argon2 settings (version 2), so a slot wrapped again
//! takes today's settings while the other keeps the ones it was made with.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{rand_core::RngCore, Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::recovery::RecoveryCode;
use super::{DbKey, VaultError};

pub const FORMAT: &str = "harbour-key";
/// Version 1 kept one set of Argon2 settings for both slots; it is still read.
pub const VERSION: u32 = 2;
/// The wrapping scheme inside a slot, named in its AAD; unchanged since version 1.
const SLOT_SCHEME: u32 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const WRAPPED_LEN: usize = 32 + 16;
/// Anything larger is not a key file, whatever it claims.
const MAX_FILE_LEN: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// Tuned with benches/vault.rs to about 0.6 s on the 2-core build machine
    /// (64 MiB is the floor the design sets). Stored in each key file, so a
    /// later change only affects new vaults and new passphrases.
    pub const DEFAULT: KdfParams = KdfParams { memory_kib: 128 * 1024, iterations: 7, parallelism: 1 };
    /// The least memory a real vault's key file may ask for (docs/vault-format.md).
    pub const FLOOR_MEMORY_KIB: u32 = 64 * 1024;
    /// Cheap settings so tests stay fast. A vault made with DEFAULT refuses a
    /// key file this weak (see `Vault::new`), so the app never opens one.
    pub const TEST: KdfParams = KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };

    /// The most work a file may ask for, in KiB times passes: 4 GiB-passes,
    /// about 3 s here and 4.5 times the default. A key file or backup asking
    /// for more is refused before any work, so a crafted file cannot make
    /// Harbour hang or run out of memory.
    pub const MAX_WORK: u64 = 4 * 1024 * 1024;

    pub(crate) fn check(&self) -> Result<(), VaultError> {
        let ok = (8..=1024 * 1024).contains(&self.memory_kib)
            && (1..=32).contains(&self.iterations)
            && (1..=16).contains(&self.parallelism)
            && self.memory_kib >= 8 * self.parallelism
            && u64::from(self.memory_kib) * u64::from(self.iterations) <= Self::MAX_WORK;
        if ok { Ok(()) } else { Err(VaultError::Damaged("key settings are out of range".into())) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotKind {
    Passphrase,
    Recovery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Slot {
    kind: SlotKind,
    kdf: KdfParams,
    salt: String,
    nonce: String,
    wrapped: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    format: String,
    version: u32,
    slots: Vec<Slot>,
}

/// Version 1: one `kdf` for both slots.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFileV1 {
    #[serde(rename = "format")]
    _format: String,
    #[serde(rename = "version")]
    _version: u32,
    kdf: KdfParams,
    slots: Vec<SlotV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotV1 {
    kind: SlotKind,
    salt: String,
    nonce: String,
    wrapped: String,
}

impl From<KeyFileV1> for KeyFile {
    fn from(v1: KeyFileV1) -> KeyFile {
        let kdf = v1.kdf;
        let slots = v1.slots.into_iter().map(|s| Slot { kind: s.kind, kdf, salt: s.salt, nonce: s.nonce, wrapped: s.wrapped }).collect();
        KeyFile { format: FORMAT.into(), version: VERSION, slots }
    }
}

pub enum Secret<'a> {
    Passphrase(&'a str),
    Recovery(&'a RecoveryCode),
}

impl Secret<'_> {
    fn kind(&self) -> SlotKind {
        match self {
            Secret::Passphrase(_) => SlotKind::Passphrase,
            Secret::Recovery(_) => SlotKind::Recovery,
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Secret::Passphrase(p) => p.as_bytes(),
            Secret::Recovery(c) => c.secret(),
        }
    }
}

pub(crate) fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

/// What the wrapping authenticates besides the key: the format, slot scheme,
/// slot kind and Argon2 settings, so none can be altered unnoticed.
fn aad(kind: SlotKind, kdf: &KdfParams) -> Vec<u8> {
    format!("{FORMAT}/{SLOT_SCHEME}/{kind:?}/{}/{}/{}", kdf.memory_kib, kdf.iterations, kdf.parallelism).into_bytes()
}

pub(crate) fn derive(secret: &[u8], salt: &[u8], kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| VaultError::Damaged(format!("key settings: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| VaultError::Damaged(format!("key derivation: {e}")))?;
    Ok(out)
}

fn wrap(key: &DbKey, secret: &Secret, kdf: &KdfParams) -> Result<Slot, VaultError> {
    let salt: [u8; SALT_LEN] = random();
    let nonce: [u8; NONCE_LEN] = random();
    let kek = derive(secret.bytes(), &salt, kdf)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let wrapped = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.as_bytes(), aad: &aad(secret.kind(), kdf) })
        .map_err(|_| VaultError::Invalid("could not wrap the key".into()))?;
    Ok(Slot { kind: secret.kind(), kdf: *kdf, salt: B64.encode(salt), nonce: B64.encode(nonce), wrapped: B64.encode(wrapped) })
}

fn decode(field: &str, text: &str, len: usize) -> Result<Vec<u8>, VaultError> {
    match B64.decode(text) {
        Ok(b) if b.len() == len => Ok(b),
        _ => Err(VaultError::Damaged(format!("the key file's {field} is not valid"))),
    }
}

impl KeyFile {
    /// A new vault key, wrapped under both secrets.
    pub fn create(passphrase: &str, recovery: &RecoveryCode, kdf: KdfParams) -> Result<(KeyFile, DbKey), VaultError> {
        kdf.check()?;
        let key = DbKey::random();
        let slots = vec![wrap(&key, &Secret::Passphrase(passphrase), &kdf)?, wrap(&key, &Secret::Recovery(recovery), &kdf)?];
        Ok((KeyFile { format: FORMAT.into(), version: VERSION, slots }, key))
    }

    pub fn unlock(&self, secret: &Secret) -> Result<DbKey, VaultError> {
        let slot = self.slot(secret.kind())?;
        let salt = decode("salt", &slot.salt, SALT_LEN)?;
        let nonce = decode("nonce", &slot.nonce, NONCE_LEN)?;
        let wrapped = decode("wrapped key", &slot.wrapped, WRAPPED_LEN)?;
        let kek = derive(secret.bytes(), &salt, &slot.kdf)?;
        let plain = Zeroizing::new(
            XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]))
                .decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: &aad(secret.kind(), &slot.kdf) })
                // A wrong secret and a tampered slot look the same from here, by design.
                .map_err(|_| VaultError::WrongSecret)?,
        );
        DbKey::from_bytes(&plain).ok_or_else(|| VaultError::Damaged("the wrapped key has the wrong length".into()))
    }

    /// The same key under a new passphrase or recovery code, wrapped with
    /// `kdf` (today's settings); the other slot is kept as it is.
    pub fn with_new_secret(&self, key: &DbKey, secret: &Secret, kdf: KdfParams) -> Result<KeyFile, VaultError> {
        kdf.check()?;
        let mut next = self.clone();
        let fresh = wrap(key, secret, &kdf)?;
        for s in next.slots.iter_mut().filter(|s| s.kind == secret.kind()) {
            *s = fresh.clone();
        }
        Ok(next)
    }

    fn slot(&self, kind: SlotKind) -> Result<&Slot, VaultError> {
        self.slots.iter().find(|s| s.kind == kind).ok_or_else(|| VaultError::Damaged(format!("the key file has no {kind:?} slot")))
    }

    /// The least Argon2 memory any slot asks for.
    pub fn weakest_memory_kib(&self) -> u32 {
        self.slots.iter().map(|s| s.kdf.memory_kib).min().unwrap_or(0)
    }

    /// The settings the slot for `kind` was wrapped with.
    pub fn kdf_of(&self, kind: SlotKind) -> Result<KdfParams, VaultError> {
        Ok(self.slot(kind)?.kdf)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("key file serialises")
    }

    /// Reads a key file, refusing anything malformed with a plain reason.
    pub fn from_bytes(bytes: &[u8]) -> Result<KeyFile, VaultError> {
        if bytes.len() > MAX_FILE_LEN {
            return Err(VaultError::Damaged("the key file is far too large".into()));
        }
        // Read the version first, so a newer file says "newer", not "damaged".
        #[derive(Deserialize)]
        struct Header {
            format: String,
            version: u32,
        }
        let header: Header = serde_json::from_slice(bytes).map_err(|_| VaultError::Damaged("the key file cannot be read".into()))?;
        if header.format != FORMAT {
            return Err(VaultError::Damaged("this is not a Harbour key file".into()));
        }
        if header.version > VERSION {
            return Err(VaultError::TooNew(header.version));
        }
        let incomplete = |e: serde_json::Error| VaultError::Damaged(format!("the key file is not complete ({e})"));
        let file: KeyFile = if header.version == 1 {
            serde_json::from_slice::<KeyFileV1>(bytes).map_err(incomplete)?.into()
        } else {
            serde_json::from_slice(bytes).map_err(incomplete)?
        };
        for kind in [SlotKind::Passphrase, SlotKind::Recovery] {
            if file.slots.iter().filter(|s| s.kind == kind).count() != 1 {
                return Err(VaultError::Damaged(format!("the key file needs exactly one {kind:?} slot")));
            }
        }
        if file.slots.len() != 2 {
            return Err(VaultError::Damaged("the key file has extra slots".into()));
        }
        for s in &file.slots {
            s.kdf.check()?;
            decode("salt", &s.salt, SALT_LEN)?;
            decode("nonce", &s.nonce, NONCE_LEN)?;
            decode("wrapped key", &s.wrapped, WRAPPED_LEN)?;
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn made() -> (KeyFile, DbKey, RecoveryCode) {
        let code = RecoveryCode::generate();
        let (file, key) = KeyFile::create("correct horse battery staple", &code, KdfParams::TEST).unwrap();
        (file, key, code)
    }

    #[test]
    fn settings_that_ask_for_too_much_work_are_refused_before_any() {
        assert!(KdfParams::DEFAULT.check().is_ok());
        for greedy in [
            KdfParams { memory_kib: 1024 * 1024, iterations: 32, parallelism: 1 },
            KdfParams { memory_kib: 2 * 1024 * 1024, iterations: 1, parallelism: 1 },
            KdfParams { memory_kib: 64, iterations: 1000, parallelism: 1 },
            KdfParams { memory_kib: 64, iterations: 1, parallelism: 64 },
        ] {
            assert!(greedy.check().is_err(), "{greedy:?}");
        }
    }

    #[test]
    fn both_secrets_unlock_the_same_key() {
        let (file, key, code) = made();
        let file = KeyFile::from_bytes(&file.to_bytes()).unwrap();
        assert_eq!(file.unlock(&Secret::Passphrase("correct horse battery staple")).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(file.unlock(&Secret::Recovery(&code)).unwrap().as_bytes(), key.as_bytes());
    }

    #[test]
    fn a_wrong_secret_is_a_clear_error() {
        let (file, _, _) = made();
        assert!(matches!(file.unlock(&Secret::Passphrase("Correct horse battery staple")), Err(VaultError::WrongSecret)));
        assert!(matches!(file.unlock(&Secret::Recovery(&RecoveryCode::generate())), Err(VaultError::WrongSecret)));
    }

    #[test]
    fn changing_the_passphrase_rewraps_only() {
        let (file, key, code) = made();
        let next = file.with_new_secret(&key, &Secret::Passphrase("a new long passphrase"), KdfParams::TEST).unwrap();
        assert!(matches!(next.unlock(&Secret::Passphrase("correct horse battery staple")), Err(VaultError::WrongSecret)));
        assert_eq!(next.unlock(&Secret::Passphrase("a new long passphrase")).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(next.unlock(&Secret::Recovery(&code)).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(next.slot(SlotKind::Recovery).unwrap(), file.slot(SlotKind::Recovery).unwrap());
    }

    #[test]
    fn tampered_settings_are_caught() {
        let (file, _, _) = made();
        let text = String::from_utf8(file.to_bytes()).unwrap().replace("\"iterations\": 1", "\"iterations\": 2");
        let tampered = KeyFile::from_bytes(text.as_bytes()).unwrap();
        assert!(matches!(tampered.unlock(&Secret::Passphrase("correct horse battery staple")), Err(VaultError::WrongSecret)));
    }

    #[test]
    fn newer_and_foreign_files_are_named_as_such() {
        let (file, _, _) = made();
        let newer = String::from_utf8(file.to_bytes()).unwrap().replace("\"version\": 2", "\"version\": 7");
        assert!(matches!(KeyFile::from_bytes(newer.as_bytes()), Err(VaultError::TooNew(7))));
        assert!(matches!(KeyFile::from_bytes(b"{\"format\":\"other\",\"version\":1}"), Err(VaultError::Damaged(_))));
        assert!(matches!(KeyFile::from_bytes(&file.to_bytes()[..40]), Err(VaultError::Damaged(_))));
    }

    #[test]
    fn a_version_1_file_still_opens_and_a_new_passphrase_takes_todays_settings() {
        let code = RecoveryCode::generate();
        let old = KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 };
        let today = KdfParams { memory_kib: 512, iterations: 2, parallelism: 1 };
        let (made, key) = KeyFile::create("an older long passphrase", &code, old).unwrap();
        // The same slots as Harbour 1 wrote them: one `kdf` for the file, none per slot.
        let slot = |kind| {
            let s = made.slot(kind).unwrap();
            serde_json::json!({ "kind": s.kind, "salt": s.salt, "nonce": s.nonce, "wrapped": s.wrapped })
        };
        let v1 = serde_json::json!({
            "format": "harbour-key", "version": 1, "kdf": old,
            "slots": [slot(SlotKind::Passphrase), slot(SlotKind::Recovery)],
        });
        let file = KeyFile::from_bytes(&serde_json::to_vec(&v1).unwrap()).unwrap();
        assert_eq!(file.unlock(&Secret::Passphrase("an older long passphrase")).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(file.unlock(&Secret::Recovery(&code)).unwrap().as_bytes(), key.as_bytes());

        let next = KeyFile::from_bytes(&file.with_new_secret(&key, &Secret::Passphrase("a newer long passphrase"), today).unwrap().to_bytes()).unwrap();
        assert_eq!(next.kdf_of(SlotKind::Passphrase).unwrap(), today);
        assert_eq!(next.kdf_of(SlotKind::Recovery).unwrap(), old, "the recovery slot keeps its settings until a new code");
        assert_eq!(next.unlock(&Secret::Passphrase("a newer long passphrase")).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(next.unlock(&Secret::Recovery(&code)).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(next.weakest_memory_kib(), 256);
    }

    proptest! {
        #[test]
        fn any_bytes_give_a_key_file_or_a_clear_error(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = KeyFile::from_bytes(&bytes);
        }

        #[test]
        fn any_single_byte_change_never_unlocks_with_a_wrong_key(pos in 0usize..600, byte in any::<u8>()) {
            let (file, key, _) = made();
            let mut bytes = file.to_bytes();
            let pos = pos % bytes.len();
            bytes[pos] = byte;
            if let Ok(f) = KeyFile::from_bytes(&bytes) {
                if let Ok(k) = f.unlock(&Secret::Passphrase("correct horse battery staple")) {
                    prop_assert_eq!(k.as_bytes(), key.as_bytes());
                }
            }
        }
    }
}
