//! Writes a sample recovery sheet (with a random code, not anyone's real one)
//! so its layout can be looked at: cargo run -p harbour-core --example recovery_sheet -- sheet.pdf

use harbour_core::vault::recovery::RecoveryCode;
use harbour_core::dates::unix_in_words as date_in_words;
use harbour_core::print::recovery_sheet::render;

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "recovery-sheet-sample.pdf".into());
    std::fs::write(&out, render(&RecoveryCode::generate(), &date_in_words(harbour_core::vault::unix_now()))).expect("can write the sample");
    println!("wrote {out}");
}
