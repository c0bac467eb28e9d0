//! The key file, parsed and checked as on every unlock.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = harbour_core::vault::keyfile::KeyFile::from_bytes(data);
    });
}
