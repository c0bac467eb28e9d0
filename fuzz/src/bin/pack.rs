//! An agency pack (.harbourpack), checked as the app checks one it finds.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = harbour_pack::verify(data);
    });
}
