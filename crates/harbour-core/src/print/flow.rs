//! Blocks to rows, and rows onto pages: text is wrapped to its column, a
//! heading is kept with what follows it, and columns can be balanced. Each
//! row notes the structure element (heading, paragraph, list item) its text
//! belongs to, so the PDF reads in order with a screen reader.

use super::fonts::Weight;
use super::sheet::{Block, Sheet, Style, PAGE_H, PAGE_W};
use super::text::{self, Line};

/// Millimetres in a point.
pub const PT: f32 = 25.4 / 72.0;
/// Extra line height for titles and headings, as a multiple of their size.
const TITLE_LEAD: f32 = 1.3;
const HEADING_LEAD: f32 = 1.25;
const HEADING_AFTER: f32 = 0.35;

/// What a structure element is, for the PDF's tag tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Document,
    /// A heading with its level and text (the text is its outline entry).
    Heading(u16, String),
    Paragraph,
    List { numbered: bool },
    Item,
    Label,
    ItemBody,
}

/// A structure element: index 0 is the document, every other names its parent.
pub struct Elem {
    pub role: Role,
    pub parent: usize,
}

pub enum Draw {
    /// `elem` is the structure element the text belongs to; None is an artifact.
    Text { dx: f32, dy: f32, size: f32, line: Line, elem: Option<usize> },
    Rule { dx1: f32, dx2: f32, dy: f32, thickness: f32 },
    Square { dx: f32, dy: f32, side: f32 },
}

/// One line of the flow (or a unit that is never split, such as a signature).
pub struct Row {
    /// From this baseline to the next.
    advance: f32,
    /// How far below the baseline this row draws.
    depth: f32,
    /// Keep on the same page or column as the row after it.
    keep: bool,
    /// Only space, dropped at the top of a page or column.
    gap: bool,
    pub draws: Vec<Draw>,
}

impl Row {
    fn gap(mm: f32) -> Row {
        Row { advance: mm, depth: 0.0, keep: false, gap: true, draws: Vec::new() }
    }
}

/// Where a row's baseline starts on its page, in millimetres from the bottom left.
pub struct Placed {
    pub x: f32,
    pub y: f32,
    pub row: usize,
}

/// A sheet laid out: every row, the rows on each page, and the structure.
pub struct Layout {
    pub rows: Vec<Row>,
    pub pages: Vec<Vec<Placed>>,
    pub elems: Vec<Elem>,
}

/// Width in millimetres of `text` on one line.
pub fn text_width(text: &str, weight: Weight, size_pt: f32) -> f32 {
    text::line(text, weight).width * size_pt * PT
}

// ---------------------------------------------------------------------------
// Blocks to rows
// ---------------------------------------------------------------------------

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

    fn elem(&mut self, role: Role, parent: usize) -> usize {
        self.elems.push(Elem { role, parent });
        self.elems.len() - 1
    }

    /// Wrapped text as rows.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, text: &str, weight: Weight, size: f32, dx: f32, advance: f32, keep: bool, elem: usize) {
        for line in text::wrap(text, weight, (self.width - dx) / (size * PT)) {
            let draws = if line.is_empty() { Vec::new() } else { vec![Draw::Text { dx, dy: 0.0, size, line, elem: Some(elem) }] };
            self.rows.push(Row { advance, depth: size * PT * 0.25, keep, gap: false, draws });
        }
    }

    fn label(&self, text: &str, weight: Weight, dx: f32, dy: f32, elem: usize) -> Draw {
        Draw::Text { dx, dy, size: self.s.body_pt, line: text::line(text, weight), elem: Some(elem) }
    }

    fn item(&mut self, marker: Option<String>, indent: f32, text: &str, square: bool, numbered: bool) {
        let list = match self.list {
            Some(l) => l,
            None => self.elem(Role::List { numbered }, 0),
        };
        let li = self.elem(Role::Item, list);
        let label = marker.as_ref().map(|_| self.elem(Role::Label, li));
        let body = self.elem(Role::ItemBody, li);
        let first = self.rows.len();
        let lead = self.lead();
        self.text(text, Weight::Regular, self.s.body_pt, indent, lead, false, body);
        let em = self.em();
        let marker = marker.zip(label).map(|(text, elem)| self.label(&text, Weight::Regular, 0.0, 0.0, elem));
        let row = &mut self.rows[first];
        if let Some(marker) = marker {
            row.draws.insert(0, marker);
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
        let size = self.s.body_pt;
        let split = self.width * 0.64;
        let sign = "Signature";
        let sign_w = text_width(sign, Weight::Regular, size);
        draws.push(self.label(sign, Weight::Regular, 0.0, dy, elem));
        draws.push(Draw::Rule { dx1: sign_w + 2.0, dx2: split, dy: dy - 1.0, thickness: 0.5 });
        let date = "Date";
        let date_x = split + 5.0;
        let date_w = text_width(date, Weight::Regular, size);
        draws.push(self.label(date, Weight::Regular, date_x, dy, elem));
        draws.push(Draw::Rule { dx1: date_x + date_w + 2.0, dx2: self.width, dy: dy - 1.0, thickness: 0.5 });
    }

    fn push(&mut self, block: &Block) {
        let s = *self.s;
        if !matches!(block, Block::Bullet(_) | Block::Numbered(..) | Block::Checkbox(_)) {
            self.list = None;
        }
        match block {
            Block::Title(t) => {
                let e = self.elem(Role::Heading(1, t.clone()), 0);
                self.text(t, Weight::Bold, s.title_pt, 0.0, s.title_pt * PT * TITLE_LEAD, true, e);
            }
            Block::Heading(t) => {
                let e = self.elem(Role::Heading(2, t.clone()), 0);
                self.text(t, Weight::Bold, s.heading_pt, 0.0, s.heading_pt * PT * HEADING_LEAD, true, e);
                if let Some(last) = self.rows.last_mut() {
                    last.advance += s.heading_pt * PT * HEADING_AFTER;
                }
            }
            Block::Text(t) => {
                let e = self.elem(Role::Paragraph, 0);
                let lead = self.lead();
                self.text(t, Weight::Regular, s.body_pt, 0.0, lead, false, e);
            }
            Block::Bullet(t) => {
                let indent = 1.25 * self.em();
                self.item(Some(s.bullet.to_string()), indent, t, false, false);
            }
            Block::Numbered(n, t) => {
                let marker = format!("{n}.");
                let widest = text_width(&marker, Weight::Regular, s.body_pt).max(text_width("00.", Weight::Regular, s.body_pt));
                let indent = widest + 0.45 * self.em();
                self.item(Some(marker), indent, t, false, true);
            }
            Block::Checkbox(t) => {
                let indent = 1.5 * self.em();
                self.item(None, indent, t, true, false);
            }
            Block::Code(c) => {
                let e = self.elem(Role::Paragraph, 0);
                let em = s.code_pt * PT;
                self.rows.push(Row::gap(0.54 * em));
                // The code is short and fixed; only a very narrow page would wrap it.
                for line in text::wrap(c, Weight::Mono, self.width / em) {
                    let draws = vec![
                        Draw::Text { dx: 0.0, dy: 0.0, size: s.code_pt, line, elem: Some(e) },
                        Draw::Rule { dx1: 0.0, dx2: self.width, dy: -0.675 * em, thickness: 0.75 },
                    ];
                    self.rows.push(Row { advance: 1.755 * em, depth: 0.7 * em, keep: false, gap: false, draws });
                }
            }
            Block::Gap(mm) => self.rows.push(Row::gap(*mm)),
            Block::WriteOnLines { label, lines } => {
                let gap = self.write_gap();
                let mut draws = Vec::new();
                let mut first_x = 0.0;
                if !label.trim().is_empty() {
                    let e = self.elem(Role::Paragraph, 0);
                    let label_w = text_width(label, Weight::Bold, s.body_pt);
                    if label_w + 40.0 <= self.width && !label.contains('\n') {
                        draws.push(self.label(label, Weight::Bold, 0.0, 0.0, e));
                        first_x = label_w + 4.0;
                    } else {
                        self.text(label, Weight::Bold, s.body_pt, 0.0, gap, true, e);
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
                let e = self.elem(Role::Paragraph, 0);
                let mut draws = Vec::new();
                let mut dy = 0.0;
                if label.trim().is_empty() {
                    let name_w = text_width("Name", Weight::Regular, s.body_pt);
                    draws.push(self.label("Name", Weight::Regular, 0.0, 0.0, e));
                    draws.push(Draw::Rule { dx1: name_w + 2.0, dx2: self.width, dy: -1.0, thickness: 0.5 });
                    dy = -room;
                } else {
                    self.text(label, Weight::Bold, s.body_pt, 0.0, self.lead(), true, e);
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

/// Lays `rows[range]` into frames in turn. Returns the frame it ended in, with
/// `top` set to where the next row would go.
fn flow(rows: &[Row], range: std::ops::Range<usize>, frame_at: impl Fn(usize) -> Frame, pages: &mut Vec<Vec<Placed>>) -> Frame {
    let mut k = 0;
    let mut f = frame_at(0);
    let mut y = f.top;
    let mut fresh = true;
    let mut i = range.start;
    while i < range.end {
        let row = &rows[i];
        // The room this row needs: itself, and every row it keeps with.
        let mut need = 0.0;
        let mut j = i;
        while j + 1 < range.end && (rows[j].keep || (rows[j].gap && j > i)) {
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
        pages[f.page].push(Placed { x: f.x, y, row: i });
        y -= row.advance;
        fresh = false;
        i += 1;
    }
    Frame { top: y, ..f }
}

fn column_width(s: &Style) -> f32 {
    let n = s.columns.max(1) as f32;
    (PAGE_W - 2.0 * s.margin_x - (n - 1.0) * s.gutter) / n
}

/// Lays the sheet out; with `balance`, columns on a one-page sheet are evened out.
pub fn lay_out(sheet: &Sheet, balance: bool) -> Layout {
    let s = &sheet.style;
    let mut elems = vec![Elem { role: Role::Document, parent: usize::MAX }];
    let mut header = Rows { s, width: PAGE_W - 2.0 * s.margin_x, elems: &mut elems, rows: Vec::new(), list: None };
    sheet.header.iter().for_each(|b| header.push(b));
    let mut rows = header.rows;
    let split = rows.len();
    let mut body = Rows { s, width: column_width(s), elems: &mut elems, rows: Vec::new(), list: None };
    sheet.body.iter().for_each(|b| body.push(b));
    rows.append(&mut body.rows);

    let cols = s.columns.max(1);
    let (top, floor) = (PAGE_H - s.top, s.bottom);
    let full = |k| Frame { page: k, x: s.margin_x, top, floor };
    let lay = |body_floor: f32| {
        let mut pages = vec![Vec::new()];
        let start = if split == 0 { full(0) } else { flow(&rows, 0..split, full, &mut pages) };
        let column = |k: usize| {
            let page = start.page + k / cols;
            let x = s.margin_x + (k % cols) as f32 * (column_width(s) + s.gutter);
            if page == start.page { Frame { page, x, top: start.top, floor: body_floor } } else { Frame { page, x, top, floor } }
        };
        flow(&rows, split..rows.len(), column, &mut pages);
        pages
    };
    let mut pages = lay(floor);
    if balance && cols > 1 && pages.len() == 1 {
        // The highest floor that still fits everything on the page.
        let (mut fits, mut overflows) = (floor, top);
        for _ in 0..24 {
            let mid = (fits + overflows) / 2.0;
            if lay(mid).len() == 1 {
                fits = mid
            } else {
                overflows = mid
            }
        }
        pages = lay(fits);
    }
    if let Some(limit) = sheet.page_limit {
        pages.truncate(limit.max(1));
    }
    Layout { rows, pages, elems }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sheet(body: Vec<Block>) -> Sheet<'static> {
        Sheet::new("Test", Style { title_pt: 26.0, heading_pt: 17.0, body_pt: 14.0, ..Style::BASE }, body, Some("Footer words"))
    }

    #[test]
    fn widths_are_measured_from_the_font() {
        // 1000 units at 72 pt is one inch.
        assert!(text_width("iiii", Weight::Regular, 12.0) < text_width("mmmm", Weight::Regular, 12.0) / 2.0);
        assert!(text_width("Sam", Weight::Bold, 12.0) > text_width("Sam", Weight::Regular, 12.0));
        assert!((text_width("Sam", Weight::Regular, 24.0) - 2.0 * text_width("Sam", Weight::Regular, 12.0)).abs() < 1e-3);
        assert_eq!(text_width("ABC", Weight::Mono, 10.0), text_width("iii", Weight::Mono, 10.0));
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
        let layout = lay_out(&s, false);
        assert!(layout.pages.len() > 1);
        for page in &layout.pages {
            assert!(!layout.rows[page.last().unwrap().row].keep, "a page ends with a heading");
            for p in page {
                assert!(p.y - layout.rows[p.row].depth >= s.style.bottom - 0.001, "a row runs into the footer");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Any text at all (other scripts, bidi controls, combining marks,
        /// emoji, unassigned code points) lays out without a panic, inside the
        /// page, and makes a document that passes the PDF/UA-1 check.
        #[test]
        fn any_text_stays_on_the_page(text in proptest::collection::vec(proptest::prelude::any::<char>(), 0..120), mix in "[ a-zA-Z\u{600}-\u{6FF}\u{900}-\u{97F}\u{4E00}-\u{4F00}\u{202A}-\u{202E}\u{300}-\u{36F}\u{1F600}-\u{1F64F}]{0,80}") {
            let text: String = text.into_iter().collect::<String>() + &mix;
            let style = Style { columns: 2, gutter: 8.0, ..Style::BASE };
            let s = Sheet { header: vec![Block::Title(text.clone())], ..Sheet::new("Test", style, vec![Block::Heading(text.clone()), Block::Text(text.clone()), Block::Bullet(text.clone()), Block::Numbered(12, text.clone()), Block::Checkbox(text.clone()), Block::WriteOnLines { label: text.clone(), lines: 1 }, Block::SignatureLine { label: text.clone() }], Some("Footer")) };
            let layout = lay_out(&s, false);
            for page in &layout.pages {
                for p in page {
                    let row = &layout.rows[p.row];
                    proptest::prop_assert!(p.y - row.depth >= s.style.bottom - 0.01);
                    for d in &row.draws {
                        if let Draw::Text { dx, size, line, .. } = d {
                            let right = p.x + dx + line.width * size * PT;
                            proptest::prop_assert!(right <= PAGE_W - s.style.margin_x + 0.01, "{right} past the margin");
                        }
                    }
                }
            }
            proptest::prop_assert!(s.render().starts_with(b"%PDF-"));
        }
    }
}
