//! Writes a sample recovery sheet (with a random code, not anyone's real one)
//! so its layout can be looked at: cargo run -p harbour-core --example recovery_sheet -- sheet.pdf

use harbour_core::vault::recovery::RecoveryCode;
use harbour_core::vault::recovery_sheet::{date_in_words, render};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "recovery-sheet-sample.pdf".into());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    std::fs::write(&out, render(&RecoveryCode::generate(), &date_in_words(now))).expect("can write the sample");
    println!("wrote {out}");
}
