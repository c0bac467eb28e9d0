//! An agency pack's contents behind a good signature: the manifest, file list,
//! Markdown pages and logo checks that random bytes never reach past the
//! signature check in `pack`. The input is the pack from its manifest length
//! up to (not including) the public key; this target adds the header, signs it
//! with a fixed key as docs/pack-format.md describes, and verifies it.
use harbour_pack::ed25519_dalek::{Signer, SigningKey};

fn main() {
    let key = SigningKey::from_bytes(&[7u8; 32]);
    afl::fuzz!(|data: &[u8]| {
        let mut file = harbour_pack::MAGIC.to_vec();
        file.extend_from_slice(&harbour_pack::FORMAT.to_le_bytes());
        file.extend_from_slice(data);
        file.extend_from_slice(key.verifying_key().as_bytes());
        let mut message = harbour_pack::DOMAIN.to_vec();
        message.extend_from_slice(&file);
        file.extend_from_slice(&key.sign(&message).to_bytes());
        let _ = harbour_pack::verify(&file);
    });
}
