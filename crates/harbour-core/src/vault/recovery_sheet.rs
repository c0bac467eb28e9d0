//! The printable recovery sheet: one A4 page with the recovery code and
//! plain words on what it does and how to keep it. Made with printpdf and the
//! PDF base fonts, so no font files are embedded and nothing is fetched.

use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb,
    TextItem,
};

use super::recovery::RecoveryCode;

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 22.0;
/// Characters per line for 11.5 pt Helvetica across the 166 mm text width.
const WRAP: usize = 88;

enum Block {
    Title(&'static str),
    Heading(&'static str),
    Text(String),
    Bullet(&'static str),
    Code(String),
    Gap(f32),
    WriteOnLine(&'static str),
}

fn blocks(code: &RecoveryCode, made_on: &str) -> Vec<Block> {
    use Block::*;
    vec![
        Title("Harbour recovery sheet"),
        Text(format!("Made on {made_on}.")),
        Gap(6.0),
        Heading("Your recovery code"),
        Code(code.display().to_string()),
        Text("It has no letters I, L, O or U, so a round shape is always the number 0.".into()),
        Gap(4.0),
        Heading("What this code does"),
        Bullet("If you forget your passphrase, this code opens Harbour on this computer. Then you choose a new passphrase."),
        Bullet("Nobody can open your Harbour data without your passphrase or this code. Not the people who make Harbour, and not a fostering agency. There is no other way in."),
        Gap(4.0),
        Heading("Keeping it safe"),
        Bullet("Keep this sheet somewhere private, such as a locked drawer. Not next to the computer."),
        Bullet("Do not take a photo of it, and do not keep a copy on a computer or phone."),
        Bullet("If you saved this sheet as a file, print it, then delete the file."),
        Gap(8.0),
        WriteOnLine("Where I keep this sheet:"),
    ]
}

/// Greedy word wrap; the sheet's own words have no very long words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_at(ops: &mut Vec<Op>, x: f32, y: f32, font: BuiltinFont, size: f32, text: &str) {
    ops.extend([
        Op::StartTextSection,
        Op::SetTextCursor { pos: Point::new(Mm(x), Mm(y)) },
        Op::SetFont { font: PdfFontHandle::Builtin(font), size: Pt(size) },
        Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
        Op::EndTextSection,
    ]);
}

fn line(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32, thickness: f32) {
    ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![
                LinePoint { p: Point::new(Mm(x1), Mm(y)), bezier: false },
                LinePoint { p: Point::new(Mm(x2), Mm(y)), bezier: false },
            ],
            is_closed: false,
        },
    });
}

/// The sheet as PDF bytes. `made_on` is a date in words, e.g. "24 November 2026".
pub fn render(code: &RecoveryCode, made_on: &str) -> Vec<u8> {
    let black = Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None });
    let mut ops = vec![Op::SetFillColor { col: black.clone() }, Op::SetOutlineColor { col: black }];
    let mut y = PAGE_H - 30.0;
    for block in blocks(code, made_on) {
        match block {
            Block::Title(t) => {
                text_at(&mut ops, LEFT, y, BuiltinFont::HelveticaBold, 22.0, t);
                y -= 10.0;
            }
            Block::Heading(t) => {
                text_at(&mut ops, LEFT, y, BuiltinFont::HelveticaBold, 14.0, t);
                y -= 8.0;
            }
            Block::Text(t) => {
                for l in wrap(&t, WRAP) {
                    text_at(&mut ops, LEFT, y, BuiltinFont::Helvetica, 11.5, &l);
                    y -= 6.0;
                }
            }
            Block::Bullet(t) => {
                for (i, l) in wrap(t, WRAP - 4).into_iter().enumerate() {
                    if i == 0 {
                        text_at(&mut ops, LEFT, y, BuiltinFont::Helvetica, 11.5, "-");
                    }
                    text_at(&mut ops, LEFT + 5.0, y, BuiltinFont::Helvetica, 11.5, &l);
                    y -= 6.0;
                }
                y -= 1.5;
            }
            Block::Code(c) => {
                y -= 4.0;
                text_at(&mut ops, LEFT, y, BuiltinFont::CourierBold, 21.0, &c);
                line(&mut ops, LEFT, PAGE_W - LEFT, y - 5.0, 0.75);
                y -= 13.0;
            }
            Block::Gap(g) => y -= g,
            Block::WriteOnLine(label) => {
                text_at(&mut ops, LEFT, y, BuiltinFont::HelveticaBold, 12.0, label);
                line(&mut ops, LEFT + 55.0, PAGE_W - LEFT, y - 1.0, 0.5);
                y -= 10.0;
            }
        }
    }
    let page = PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops);
    let mut warnings = Vec::new();
    PdfDocument::new("Harbour recovery sheet").with_pages(vec![page]).save(&PdfSaveOptions::default(), &mut warnings)
}

/// "24 November 2026" for a time in unix seconds (UTC), without a date library.
pub fn date_in_words(unix_secs: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = unix_secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_is_a_one_page_pdf_holding_the_code_and_the_words() {
        let code = RecoveryCode::generate();
        let pdf = render(&code, "24 November 2026");
        assert!(pdf.starts_with(b"%PDF-"));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let text = doc.extract_text(&[1]).unwrap();
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&code.display().to_string()), "code missing from: {flat}");
        for words in ["Harbour recovery sheet", "Made on 24 November 2026.", "not a fostering agency", "Where I keep this sheet:"] {
            assert!(flat.contains(words), "{words:?} missing from: {flat}");
        }
    }

    #[test]
    fn every_line_fits_the_page() {
        let code = RecoveryCode::generate();
        for b in blocks(&code, "30 September 2026") {
            if let Block::Text(t) = b {
                assert!(wrap(&t, WRAP).iter().all(|l| l.len() <= WRAP));
            }
        }
        assert_eq!(wrap("a b c", 3), ["a b", "c"]);
    }

    #[test]
    fn dates_read_as_words() {
        assert_eq!(date_in_words(0), "1 January 1970");
        assert_eq!(date_in_words(1_795_478_400), "24 November 2026");
        assert_eq!(date_in_words(951_782_400), "29 February 2000");
    }
}
