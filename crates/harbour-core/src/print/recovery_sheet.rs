//! The printable recovery sheet: one A4 page with the recovery code and
//! plain words on what it does and how to keep it.

use crate::vault::recovery::RecoveryCode;
use super::sheet::{Block, Sheet, Style};

const STYLE: Style = Style {
    title_pt: 22.0,
    heading_pt: 14.0,
    body_pt: 11.5,
    code_pt: 21.0,
    leading: 1.48,
    item_gap: 1.5,
    margin_x: 22.0,
    top: 30.0,
    bullet: "-",
    ..Style::BASE
};

fn blocks(code: &RecoveryCode, made_on: &str) -> Vec<Block> {
    use Block::*;
    let bullet = |t: &str| Bullet(t.into());
    vec![
        Title("Harbour recovery sheet".into()),
        Text(format!("Made on {made_on}.")),
        Gap(6.0),
        Heading("Your recovery code".into()),
        Code(code.display().to_string()),
        Text("It has no letters I, L, O or U, so a round shape is always the number 0.".into()),
        Gap(4.0),
        Heading("What this code does".into()),
        bullet("If you forget your passphrase, this code opens Harbour on this computer. Then you choose a new passphrase."),
        bullet("Nobody can open your Harbour data without your passphrase or this code. Not the people who make Harbour, and not a fostering agency. There is no other way in."),
        Gap(4.0),
        Heading("Keeping it safe".into()),
        bullet("Keep this sheet somewhere private, such as a locked drawer. Not next to the computer."),
        bullet("Do not take a photo of it, and do not keep a copy on a computer or phone."),
        bullet("If you saved this sheet as a file, print it, then delete the file."),
        Gap(8.0),
        WriteOnLines { label: "Where I keep this sheet:".into(), lines: 1 },
    ]
}

fn sheet(code: &RecoveryCode, made_on: &str) -> Sheet<'static> {
    Sheet::new("Harbour recovery sheet", STYLE, blocks(code, made_on), None)
}

/// The sheet as PDF bytes. `made_on` is a date in words, e.g. "24 November 2026".
pub fn render(code: &RecoveryCode, made_on: &str) -> Vec<u8> {
    sheet(code, made_on).render()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_is_a_one_page_pdf_holding_the_code_and_the_words() {
        let code = RecoveryCode::generate();
        let pdf = render(&code, "24 November 2026");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(lopdf::Document::load_mem(&pdf).unwrap().get_pages().len(), 1);
        let flat = crate::print::pdf_words(&pdf);
        assert!(flat.contains(&code.display().to_string()), "code missing from: {flat}");
        for words in ["Harbour recovery sheet", "Made on 24 November 2026.", "not a fostering agency", "Where I keep this sheet:"] {
            assert!(flat.contains(words), "{words:?} missing from: {flat}");
        }
    }

    #[test]
    fn the_sheet_fits_one_page() {
        let code = RecoveryCode::generate();
        assert_eq!(sheet(&code, "30 September 2026").page_count(), 1);
    }

}
