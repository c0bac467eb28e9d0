//! A backup file's label and lengths: everything read before the passphrase.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = harbour_core::vault::backup::info(data, "fuzz");
    });
}
