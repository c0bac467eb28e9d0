//! A small layout engine for Harbour's printouts: blocks of text laid onto as
//! many A4 pages as they need, wrapped by the measured width of the PDF base
//! fonts, with an optional footer on every page. The pages come out tagged for
//! screen readers (see `tagged`).

use printpdf::{
    BuiltinFont, Color, DictItem, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, Point, Pt, Rgb,
    TextItem,
};

use super::tagged::{self, Elem};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
/// Millimetres in a point.
const PT: f32 = 25.4 / 72.0;
/// Extra line height for titles and headings, as a multiple of their size.
const TITLE_LEAD: f32 = 1.3;
const HEADING_LEAD: f32 = 1.25;
const HEADING_AFTER: f32 = 0.35;
const FOOTER_PT: f32 = 9.0;

/// What a printout is made of, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    /// A paragraph; a newline starts a new line.
    Text(String),
    Bullet(String),
    /// A numbered item, e.g. `Numbered(3, ..)` prints "3.".
    Numbered(u32, String),
    /// An item with an empty box to tick by hand.
    Checkbox(String),
    /// A short code in large Courier-Bold with a rule under it.
    Code(String),
    /// Space in millimetres; dropped at the top of a page or column.
    Gap(f32),
    /// A name (or, when empty, a line to write one) with lines to sign and date.
    SignatureLine { label: String },
    /// A label with ruled lines to write on.
    WriteOnLines { label: String, lines: usize },
}

/// Type sizes in points, distances in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub title_pt: f32,
    pub heading_pt: f32,
    pub body_pt: f32,
    pub code_pt: f32,
    /// Body line height as a multiple of the body size.
    pub leading: f32,
    /// Extra space after each list item.
    pub item_gap: f32,
    pub margin_x: f32,
    /// From the top edge of the paper to the first baseline.
    pub top: f32,
    /// From the bottom edge to the lowest text; the footer sits below it.
    pub bottom: f32,
    pub columns: usize,
    pub gutter: f32,
    /// Marker for `Block::Bullet`.
    pub bullet: &'static str,
}

/// A document to print.
pub struct Sheet<'a> {
    /// The title in the PDF's metadata, where any Unicode is kept.
    pub title: &'a str,
    pub style: Style,
    /// Full width at the top of the first page, above the columns.
    pub header: Vec<Block>,
    pub body: Vec<Block>,
    /// Printed small at the foot of each page with "Page N of M".
    pub footer: Option<&'a str>,
    /// With columns, shorten them to even lengths when all fits on one page.
    pub balance: bool,
    /// Drops whatever would flow past this many pages.
    pub page_limit: Option<usize>,
}

// ---------------------------------------------------------------------------
// Text: what the base fonts can print, and how wide it is
// ---------------------------------------------------------------------------

/// Letters without a WinAnsi code and their nearest ASCII, plus WinAnsi's own
/// accented letters, whose base letter gives their width.
const FOLDS: &[(&str, &str)] = &[
    ("ÀÁÂÃÄÅĀĂĄǍ", "A"),
    ("àáâãäåāăąǎ", "a"),
    ("ÆǼ", "AE"),
    ("æǽ", "ae"),
    ("ÇĆĈĊČ", "C"),
    ("çćĉċč", "c"),
    ("ÐĎĐ", "D"),
    ("ðďđ", "d"),
    ("ÈÉÊËĒĔĖĘĚ", "E"),
    ("èéêëēĕėęě", "e"),
    ("ĜĞĠĢ", "G"),
    ("ĝğġģ", "g"),
    ("ĤĦ", "H"),
    ("ĥħ", "h"),
    ("ÌÍÎÏĨĪĬĮİǏ", "I"),
    ("ìíîïĩīĭįıǐ", "i"),
    ("Ĳ", "IJ"),
    ("ĳ", "ij"),
    ("Ĵ", "J"),
    ("ĵ", "j"),
    ("Ķ", "K"),
    ("ķĸ", "k"),
    ("ĹĻĽĿŁ", "L"),
    ("ĺļľŀł", "l"),
    ("ÑŃŅŇŊ", "N"),
    ("ñńņňŉŋ", "n"),
    ("ÒÓÔÕÖØŌŎŐǑ", "O"),
    ("òóôõöøōŏőǒ", "o"),
    ("Œ", "OE"),
    ("œ", "oe"),
    ("ŔŖŘ", "R"),
    ("ŕŗř", "r"),
    ("ŚŜŞŠȘ", "S"),
    ("śŝşšșſ", "s"),
    ("ß", "ss"),
    ("ŢŤŦȚ", "T"),
    ("ţťŧț", "t"),
    ("Þ", "Th"),
    ("þ", "th"),
    ("ÙÚÛÜŨŪŬŮŰŲǓƯ", "U"),
    ("ùúûüũūŭůűųǔư", "u"),
    ("Ŵ", "W"),
    ("ŵ", "w"),
    ("ÝŶŸ", "Y"),
    ("ýÿŷ", "y"),
    ("ŹŻŽ", "Z"),
    ("źżž", "z"),
    ("ƒ", "f"),
    ("Ơ", "O"),
    ("ơ", "o"),
];

fn fold(c: char) -> Option<&'static str> {
    FOLDS.iter().find(|(from, _)| from.contains(c)).map(|&(_, to)| to)
}

/// Whether the PDF base fonts' encoding (WinAnsi) has the character.
fn in_win_ansi(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{FF}')
        || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// Text the PDF base fonts can print. printpdf writes base-font text as
/// WinAnsi and turns anything else into "?", so a name in another script
/// would vanish. Typographic quotes and dashes become ASCII, letters WinAnsi
/// has (é, ë, í, ñ, ß, Š, ž) stay, other Latin letters lose their accent
/// (ł to l, ő to o), and what is left becomes "?" per character, so a name is
/// never dropped. Whitespace becomes a space; invisible marks are removed.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' | '‹' | '›' => out.push('\''),
            '“' | '”' | '„' | '‟' | '″' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '…' => out.push_str("..."),
            // Soft hyphen, zero-width characters, combining accents, variation selectors.
            '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{300}'..='\u{36F}' | '\u{FE00}'..='\u{FE0F}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            // Full-width forms, common in East Asian input, have ASCII twins.
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or('?')),
            c if in_win_ansi(c) => out.push(c),
            c => out.push_str(fold(c).unwrap_or("?")),
        }
    }
    out
}

/// Advance widths in 1/1000 em of ' '..='~' as WinAnsi encodes them, from the
/// standard Helvetica and Helvetica-Bold AFM files (0x27 is quotesingle, 0x60 grave).
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
/// For characters outside the tables that have no ASCII fold.
const DEFAULT_WIDTH: u16 = 556;

fn char_width(c: char, table: &[u16; 95]) -> u32 {
    let ascii = |c: char| u32::from(table[c as usize - 32]);
    match c {
        ' '..='~' => ascii(c),
        '•' => 350,
        '€' | '«' | '»' => 556,
        c => fold(c).map_or(u32::from(DEFAULT_WIDTH), |s| s.chars().map(ascii).sum()),
    }
}

/// Width in millimetres of `text` (already `printable`) in a base font.
pub fn text_width(text: &str, font: BuiltinFont, size_pt: f32) -> f32 {
    use BuiltinFont::*;
    let units: u32 = match font {
        Courier | CourierBold | CourierOblique | CourierBoldOblique => 600 * text.chars().count() as u32,
        HelveticaBold | HelveticaBoldOblique | TimesBold | TimesBoldItalic => {
            text.chars().map(|c| char_width(c, &HELVETICA_BOLD)).sum()
        }
        _ => text.chars().map(|c| char_width(c, &HELVETICA)).sum(),
    };
    units as f32 / 1000.0 * size_pt * PT
}

/// Greedy word wrap by measured width. Each newline starts a new line (an empty
/// one for a blank line); a word wider than the line is broken between letters.
pub fn wrap(text: &str, font: BuiltinFont, size_pt: f32, width_mm: f32) -> Vec<String> {
    let fits = |s: &str| text_width(s, font, size_pt) <= width_mm;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = printable(para);
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let joined = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if fits(&joined) {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if !fits(&line) && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

// ---------------------------------------------------------------------------
// Blocks to rows
// ---------------------------------------------------------------------------

enum Draw {
    /// `elem` is the structure element the text belongs to; None is an artifact.
    Text { dx: f32, dy: f32, font: BuiltinFont, size: f32, text: String, elem: Option<usize> },
    Rule { dx1: f32, dx2: f32, dy: f32, thickness: f32 },
    Square { dx: f32, dy: f32, side: f32 },
}

/// One line of the flow (or a unit that is never split, such as a signature).
struct Row {
    /// From this baseline to the next.
    advance: f32,
    /// How far below the baseline this row draws.
    depth: f32,
    /// Keep on the same page or column as the row after it.
    keep: bool,
    /// Only space, dropped at the top of a page or column.
    gap: bool,
    draws: Vec<Draw>,
}

impl Row {
    fn gap(mm: f32) -> Row {
        Row { advance: mm, depth: 0.0, keep: false, gap: true, draws: Vec::new() }
    }
}

struct Rows<'a> {
    s: &'a Style,
    width: f32,
    elems: &'a mut Vec<Elem>,
    rows: Vec<Row>,
    /// The list element that list items are joining, if the last block was one.
    list: Option<usize>,
}

impl Rows<'_> {
    fn em(&self) -> f32 {
        self.s.body_pt * PT
    }
    fn lead(&self) -> f32 {
        self.em() * self.s.leading
    }
    /// Spacing between lines to write on by hand.
    fn write_gap(&self) -> f32 {
        (self.em() * 2.2).max(10.0)
    }

    fn elem(&mut self, role: &'static str, parent: usize) -> usize {
        self.elems.push(Elem { role, parent });
        self.elems.len() - 1
    }

    /// Wrapped text as rows.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, text: &str, font: BuiltinFont, size: f32, dx: f32, advance: f32, keep: bool, elem: usize) {
        for text in wrap(text, font, size, self.width - dx) {
            let draws = if text.is_empty() {
                Vec::new()
            } else {
                vec![Draw::Text { dx, dy: 0.0, font, size, text, elem: Some(elem) }]
            };
            self.rows.push(Row { advance, depth: size * PT * 0.25, keep, gap: false, draws });
        }
    }

    fn item(&mut self, marker: Option<String>, indent: f32, text: &str, square: bool) {
        let list = match self.list {
            Some(l) => l,
            None => self.elem("L", 0),
        };
        let li = self.elem("LI", list);
        let label = marker.as_ref().map(|_| self.elem("Lbl", li));
        let body = self.elem("LBody", li);
        let first = self.rows.len();
        let (size, lead) = (self.s.body_pt, self.lead());
        self.text(text, BuiltinFont::Helvetica, size, indent, lead, false, body);
        let em = self.em();
        let row = &mut self.rows[first];
        if let (Some(text), Some(elem)) = (marker, label) {
            row.draws.insert(0, Draw::Text { dx: 0.0, dy: 0.0, font: BuiltinFont::Helvetica, size, text, elem: Some(elem) });
        }
        if square {
            row.draws.insert(0, Draw::Square { dx: 0.05 * em, dy: -0.01 * em, side: 0.7 * em });
        }
        if let Some(last) = self.rows.last_mut() {
            last.advance += self.s.item_gap;
        }
        self.list = Some(list);
    }

    /// Caption, rule, caption, rule: "Signature ______  Date ______".
    fn sign_and_date(&self, dy: f32, elem: usize, draws: &mut Vec<Draw>) {
        let (font, size) = (BuiltinFont::Helvetica, self.s.body_pt);
        let split = self.width * 0.64;
        let sign = "Signature";
        let sign_w = text_width(sign, font, size);
        draws.push(Draw::Text { dx: 0.0, dy, font, size, text: sign.into(), elem: Some(elem) });
        draws.push(Draw::Rule { dx1: sign_w + 2.0, dx2: split, dy: dy - 1.0, thickness: 0.5 });
        let date = "Date";
        let date_x = split + 5.0;
        let date_w = text_width(date, font, size);
        draws.push(Draw::Text { dx: date_x, dy, font, size, text: date.into(), elem: Some(elem) });
        draws.push(Draw::Rule { dx1: date_x + date_w + 2.0, dx2: self.width, dy: dy - 1.0, thickness: 0.5 });
    }

    fn push(&mut self, block: &Block) {
        let s = *self.s;
        if !matches!(block, Block::Bullet(_) | Block::Numbered(..) | Block::Checkbox(_)) {
            self.list = None;
        }
        match block {
            Block::Title(t) => {
                let e = self.elem("H1", 0);
                self.text(t, BuiltinFont::HelveticaBold, s.title_pt, 0.0, s.title_pt * PT * TITLE_LEAD, true, e);
            }
            Block::Heading(t) => {
                let e = self.elem("H2", 0);
                self.text(t, BuiltinFont::HelveticaBold, s.heading_pt, 0.0, s.heading_pt * PT * HEADING_LEAD, true, e);
                if let Some(last) = self.rows.last_mut() {
                    last.advance += s.heading_pt * PT * HEADING_AFTER;
                }
            }
            Block::Text(t) => {
                let e = self.elem("P", 0);
                let lead = self.lead();
                self.text(t, BuiltinFont::Helvetica, s.body_pt, 0.0, lead, false, e);
            }
            Block::Bullet(t) => {
                let indent = 1.25 * self.em();
                self.item(Some(s.bullet.to_string()), indent, t, false);
            }
            Block::Numbered(n, t) => {
                let marker = format!("{n}.");
                let widest = text_width(&marker, BuiltinFont::Helvetica, s.body_pt)
                    .max(text_width("00.", BuiltinFont::Helvetica, s.body_pt));
                let indent = widest + 0.45 * self.em();
                self.item(Some(marker), indent, t, false);
            }
            Block::Checkbox(t) => {
                let indent = 1.5 * self.em();
                self.item(None, indent, t, true);
            }
            Block::Code(c) => {
                let e = self.elem("P", 0);
                let em = s.code_pt * PT;
                self.rows.push(Row::gap(0.54 * em));
                // The code is short and fixed; only a very narrow page would wrap it.
                for text in wrap(c, BuiltinFont::CourierBold, s.code_pt, self.width) {
                    let draws = vec![
                        Draw::Text { dx: 0.0, dy: 0.0, font: BuiltinFont::CourierBold, size: s.code_pt, text, elem: Some(e) },
                        Draw::Rule { dx1: 0.0, dx2: self.width, dy: -0.675 * em, thickness: 0.75 },
                    ];
                    self.rows.push(Row { advance: 1.755 * em, depth: 0.7 * em, keep: false, gap: false, draws });
                }
            }
            Block::Gap(mm) => self.rows.push(Row::gap(*mm)),
            Block::WriteOnLines { label, lines } => {
                let gap = self.write_gap();
                let label = printable(label);
                let label_w = text_width(&label, BuiltinFont::HelveticaBold, s.body_pt);
                let mut draws = Vec::new();
                let mut first_x = 0.0;
                if !label.trim().is_empty() {
                    let e = self.elem("P", 0);
                    if label_w + 40.0 <= self.width {
                        draws.push(Draw::Text { dx: 0.0, dy: 0.0, font: BuiltinFont::HelveticaBold, size: s.body_pt, text: label, elem: Some(e) });
                        first_x = label_w + 4.0;
                    } else {
                        self.text(&label, BuiltinFont::HelveticaBold, s.body_pt, 0.0, gap, true, e);
                    }
                }
                let lines = (*lines).max(1);
                for i in 0..lines {
                    let dx1 = if i == 0 { first_x } else { 0.0 };
                    draws.push(Draw::Rule { dx1, dx2: self.width, dy: -(i as f32) * gap - 1.0, thickness: 0.5 });
                }
                let depth = (lines - 1) as f32 * gap + 1.5;
                self.rows.push(Row { advance: lines as f32 * gap, depth, keep: false, gap: false, draws });
            }
            Block::SignatureLine { label } => {
                let gap = self.write_gap();
                let room = gap * 1.15;
                let e = self.elem("P", 0);
                let mut draws = Vec::new();
                let mut dy = 0.0;
                if label.trim().is_empty() {
                    let font = BuiltinFont::Helvetica;
                    let name_w = text_width("Name", font, s.body_pt);
                    draws.push(Draw::Text { dx: 0.0, dy: 0.0, font, size: s.body_pt, text: "Name".into(), elem: Some(e) });
                    draws.push(Draw::Rule { dx1: name_w + 2.0, dx2: self.width, dy: -1.0, thickness: 0.5 });
                    dy = -room;
                } else {
                    self.text(label, BuiltinFont::HelveticaBold, s.body_pt, 0.0, self.lead(), true, e);
                    if let Some(last) = self.rows.last_mut() {
                        last.advance = room;
                    }
                }
                self.sign_and_date(dy, e, &mut draws);
                self.rows.push(Row { advance: -dy + gap * 1.6, depth: -dy + 1.5, keep: false, gap: false, draws });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Rows to pages
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Frame {
    page: usize,
    x: f32,
    top: f32,
    floor: f32,
}

struct Placed<'r> {
    x: f32,
    y: f32,
    row: &'r Row,
}

/// Lays rows into frames in turn. Returns the frame it ended in, with `top`
/// set to where the next row would go.
fn flow<'r>(rows: &'r [Row], frame_at: impl Fn(usize) -> Frame, pages: &mut Vec<Vec<Placed<'r>>>) -> Frame {
    let mut k = 0;
    let mut f = frame_at(0);
    let mut y = f.top;
    let mut fresh = true;
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        // The room this row needs: itself, and every row it keeps with.
        let mut need = 0.0;
        let mut j = i;
        while j + 1 < rows.len() && (rows[j].keep || (rows[j].gap && j > i)) {
            need += rows[j].advance;
            j += 1;
        }
        need += if rows[j].gap { rows[j].advance } else { rows[j].depth };
        if row.gap {
            if !fresh && y - row.advance >= f.floor {
                y -= row.advance;
            } else if !fresh {
                fresh = true;
                k += 1;
                f = frame_at(k);
                y = f.top;
            }
            i += 1;
            continue;
        }
        if y - need < f.floor && !fresh {
            k += 1;
            f = frame_at(k);
            y = f.top;
            fresh = true;
            continue;
        }
        while pages.len() <= f.page {
            pages.push(Vec::new());
        }
        pages[f.page].push(Placed { x: f.x, y, row });
        y -= row.advance;
        fresh = false;
        i += 1;
    }
    Frame { top: y, ..f }
}

impl Sheet<'_> {
    fn rows(&self) -> (Vec<Row>, Vec<Row>, Vec<Elem>) {
        let s = &self.style;
        let full = PAGE_W - 2.0 * s.margin_x;
        let mut elems = vec![Elem { role: "Document", parent: usize::MAX }];
        let mut header = Rows { s, width: full, elems: &mut elems, rows: Vec::new(), list: None };
        self.header.iter().for_each(|b| header.push(b));
        let header = header.rows;
        let mut body = Rows { s, width: self.column_width(), elems: &mut elems, rows: Vec::new(), list: None };
        self.body.iter().for_each(|b| body.push(b));
        let body = body.rows;
        (header, body, elems)
    }

    fn column_width(&self) -> f32 {
        let s = &self.style;
        let n = s.columns.max(1) as f32;
        (PAGE_W - 2.0 * s.margin_x - (n - 1.0) * s.gutter) / n
    }

    fn place<'r>(&self, header: &'r [Row], body: &'r [Row], balance: bool) -> Vec<Vec<Placed<'r>>> {
        let s = &self.style;
        let cols = s.columns.max(1);
        let (top, floor) = (PAGE_H - s.top, s.bottom);
        let full = |k| Frame { page: k, x: s.margin_x, top, floor };
        let lay = |body_floor: f32| {
            let mut pages = vec![Vec::new()];
            let start = if header.is_empty() { full(0) } else { flow(header, full, &mut pages) };
            let column = |k: usize| {
                let page = start.page + k / cols;
                let x = s.margin_x + (k % cols) as f32 * (self.column_width() + s.gutter);
                if page == start.page { Frame { page, x, top: start.top, floor: body_floor } } else { Frame { page, x, top, floor } }
            };
            flow(body, column, &mut pages);
            pages
        };
        let mut pages = lay(floor);
        if balance && cols > 1 && pages.len() == 1 {
            // The highest floor that still fits everything on the page.
            let (mut fits, mut overflows) = (floor, top);
            for _ in 0..24 {
                let mid = (fits + overflows) / 2.0;
                if lay(mid).len() == 1 { fits = mid } else { overflows = mid }
            }
            pages = lay(fits);
        }
        if let Some(limit) = self.page_limit {
            pages.truncate(limit.max(1));
        }
        pages
    }

    /// How many pages the sheet takes.
    pub fn page_count(&self) -> usize {
        let (header, body, _) = self.rows();
        self.place(&header, &body, false).len()
    }

    /// The sheet as PDF bytes.
    pub fn render(&self) -> Vec<u8> {
        let (header, body, elems) = self.rows();
        let pages = self.place(&header, &body, self.balance);
        let total = pages.len();
        let mut pdf_pages = Vec::with_capacity(total);
        let mut marks = Vec::with_capacity(total);
        for (n, placed) in pages.iter().enumerate() {
            let mut page = PageOps { ops: vec![Op::SetFillColor { col: grey(0.0) }, Op::SetOutlineColor { col: grey(0.0) }], marks: Vec::new() };
            for p in placed {
                for d in &p.row.draws {
                    page.draw(d, p.x, p.y, &elems);
                }
            }
            if let Some(footer) = self.footer {
                self.draw_footer(&mut page, footer, n + 1, total);
            }
            pdf_pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), page.ops));
            marks.push(page.marks);
        }
        let mut doc = PdfDocument::new(self.title);
        doc.with_pages(pdf_pages);
        tagged::save(&doc, &elems, &marks, "en-GB")
    }

    fn draw_footer(&self, page: &mut PageOps, footer: &str, n: usize, total: usize) {
        let s = &self.style;
        let y = s.bottom - 9.0;
        let (font, size) = (BuiltinFont::Helvetica, FOOTER_PT);
        let numbers = format!("Page {n} of {total}");
        let right = PAGE_W - s.margin_x - text_width(&numbers, font, size);
        let footer = printable(footer);
        page.ops.push(Op::BeginMarkedContent { tag: "Artifact".into() });
        page.ops.push(Op::SetFillColor { col: grey(0.35) });
        text_ops(&mut page.ops, s.margin_x, y, font, size, &footer);
        text_ops(&mut page.ops, right, y, font, size, &numbers);
        page.ops.push(Op::SetFillColor { col: grey(0.0) });
        page.ops.push(Op::EndMarkedContent);
    }
}

// ---------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb { r: level, g: level, b: level, icc_profile: None })
}

fn text_ops(ops: &mut Vec<Op>, x: f32, y: f32, font: BuiltinFont, size: f32, text: &str) {
    ops.extend([
        Op::StartTextSection,
        Op::SetTextCursor { pos: Point::new(Mm(x), Mm(y)) },
        Op::SetFont { font: PdfFontHandle::Builtin(font), size: Pt(size) },
        Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
        Op::EndTextSection,
    ]);
}

fn path(ops: &mut Vec<Op>, points: &[(f32, f32)], closed: bool, thickness: f32) {
    ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
    ops.push(Op::DrawLine {
        line: Line {
            points: points.iter().map(|&(x, y)| LinePoint { p: Point::new(Mm(x), Mm(y)), bezier: false }).collect(),
            is_closed: closed,
        },
    });
}

struct PageOps {
    ops: Vec<Op>,
    /// The structure element of each marked-content id, in order.
    marks: Vec<usize>,
}

impl PageOps {
    fn draw(&mut self, d: &Draw, x: f32, y: f32, elems: &[Elem]) {
        match d {
            Draw::Text { dx, dy, font, size, text, elem } => {
                match elem {
                    Some(e) => {
                        let mcid = DictItem::Int(self.marks.len() as i64);
                        self.ops.push(Op::BeginMarkedContentWithProperties {
                            tag: elems[*e].role.into(),
                            properties: DictItem::Dict { map: [("MCID".to_string(), mcid)].into() },
                        });
                        self.marks.push(*e);
                    }
                    None => self.ops.push(Op::BeginMarkedContent { tag: "Artifact".into() }),
                }
                text_ops(&mut self.ops, x + dx, y + dy, *font, *size, text);
                self.ops.push(Op::EndMarkedContent);
            }
            Draw::Rule { dx1, dx2, dy, thickness } => {
                self.ops.push(Op::BeginMarkedContent { tag: "Artifact".into() });
                path(&mut self.ops, &[(x + dx1, y + dy), (x + dx2, y + dy)], false, *thickness);
                self.ops.push(Op::EndMarkedContent);
            }
            Draw::Square { dx, dy, side } => {
                let (l, b) = (x + dx, y + dy);
                self.ops.push(Op::BeginMarkedContent { tag: "Artifact".into() });
                path(&mut self.ops, &[(l, b), (l + side, b), (l + side, b + side), (l, b + side)], true, 0.6);
                self.ops.push(Op::EndMarkedContent);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_keeps_winansi_letters_and_folds_the_rest() {
        assert_eq!(printable("Zoë"), "Zoë");
        assert_eq!(printable("Siân Núñez"), "Siân Núñez");
        assert_eq!(printable("Łucja Wójcik"), "Lucja Wójcik");
        assert_eq!(printable("Dvořák Őrs Ştefan Șerban"), "Dvorák Ors Stefan Serban");
        assert_eq!(printable("Šárka Žofie Œdipe Ÿ"), "Šárka Žofie Œdipe Ÿ");
        assert_eq!(printable("It’s “fine” – really — ok…"), "It's \"fine\" - really - ok...");
        assert_eq!(printable("李明"), "??");
        assert_eq!(printable("محمد"), "????");
        assert_eq!(printable("Zoe\u{308} A\u{200B}B\u{A0}C\tD"), "Zoe AB C D");
        assert_eq!(printable("ＡＢ１"), "AB1");
        assert_eq!(printable("£5 €5 © 100%"), "£5 €5 © 100%");
        assert_eq!(printable(""), "");
    }

    #[test]
    fn every_printable_char_is_in_winansi() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(printable(&all).chars().all(|c| in_win_ansi(c) && !c.is_control()));
    }

    #[test]
    fn widths_are_measured_from_the_font_metrics() {
        // 1000 units at 72 pt is one inch.
        assert!((text_width("MMMM", BuiltinFont::Helvetica, 72.0) - 4.0 * 0.833 * 25.4).abs() < 0.01);
        assert!(text_width("iiii", BuiltinFont::Helvetica, 12.0) < text_width("mmmm", BuiltinFont::Helvetica, 12.0) / 3.0);
        assert!(text_width("Sam", BuiltinFont::HelveticaBold, 12.0) > text_width("Sam", BuiltinFont::Helvetica, 12.0));
        assert_eq!(text_width("ë", BuiltinFont::Helvetica, 10.0), text_width("e", BuiltinFont::Helvetica, 10.0));
        assert_eq!(text_width("ABC", BuiltinFont::CourierBold, 10.0), text_width("iii", BuiltinFont::Courier, 10.0));
    }

    #[test]
    fn wrap_fits_the_width_and_keeps_every_word() {
        let text = "We will keep phones out of bedrooms at night, and charge them downstairs in the kitchen.";
        for width in [30.0, 60.0, 120.0] {
            let lines = wrap(text, BuiltinFont::Helvetica, 12.0, width);
            assert!(lines.iter().all(|l| text_width(l, BuiltinFont::Helvetica, 12.0) <= width), "{lines:?}");
            assert_eq!(lines.join(" "), text);
        }
        assert_eq!(wrap("one\n\ntwo", BuiltinFont::Helvetica, 12.0, 100.0), ["one", "", "two"]);
        let long = wrap(&"x".repeat(200), BuiltinFont::Helvetica, 12.0, 40.0);
        assert!(long.len() > 1 && long.concat() == "x".repeat(200));
        assert_eq!(wrap("a", BuiltinFont::Helvetica, 12.0, 0.1), ["a"], "a letter wider than the line still prints");
    }

    fn sheet(body: Vec<Block>) -> Sheet<'static> {
        let style = Style {
            title_pt: 26.0,
            heading_pt: 17.0,
            body_pt: 14.0,
            code_pt: 21.0,
            leading: 1.4,
            item_gap: 2.0,
            margin_x: 20.0,
            top: 28.0,
            bottom: 24.0,
            columns: 1,
            gutter: 0.0,
            bullet: "•",
        };
        Sheet { title: "Test", style, header: Vec::new(), body, footer: Some("Footer words"), balance: false, page_limit: None }
    }

    #[test]
    fn long_content_flows_onto_more_pages_with_a_footer_on_each() {
        let body: Vec<Block> = (1..=60).map(|n| Block::Numbered(n, format!("Rule number {n} is a rule we all keep."))).collect();
        let s = sheet(body);
        let pdf = s.render();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let pages = doc.get_pages().len();
        assert!(pages > 1);
        assert_eq!(pages, s.page_count());
        let mut all = String::new();
        for p in 1..=pages as u32 {
            let text = doc.extract_text(&[p]).unwrap();
            assert!(text.contains("Footer words") && text.contains(&format!("Page {p} of {pages}")), "{text}");
            all.push_str(&text);
        }
        for n in 1..=60 {
            assert!(all.contains(&format!("Rule number {n} is")), "rule {n} missing");
        }
    }

    #[test]
    fn a_heading_is_never_left_at_the_foot_of_a_page() {
        let mut body = Vec::new();
        for n in 0..40 {
            body.push(Block::Heading(format!("Heading {n}")));
            body.push(Block::Text("A line of text under it.".into()));
            body.push(Block::Gap((n % 7) as f32 * 1.7));
        }
        let s = sheet(body);
        let (header, rows, _) = s.rows();
        let pages = s.place(&header, &rows, false);
        assert!(pages.len() > 1);
        for page in &pages {
            let last = page.last().unwrap();
            assert!(!last.row.keep, "a page ends with a heading");
            for p in page {
                assert!(p.y - p.row.depth >= s.style.bottom - 0.001, "a row runs into the footer");
            }
        }
    }

    #[test]
    fn the_pdf_is_tagged_with_a_language() {
        let pdf = sheet(vec![Block::Title("Title".into()), Block::Bullet("One".into()), Block::Text("Two".into())]).render();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
        assert!(catalog.get(b"StructTreeRoot").is_ok());
        let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap().get(b"Marked").unwrap().as_bool().unwrap();
        assert!(marked);
        let page = doc.get_pages()[&1];
        let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
        assert!(content.contains("/H1") && content.contains("/MCID") && content.contains("/Artifact"), "{content}");
    }
}
