//! What a printed document is made of: blocks of text in reading order, a
//! style, and a footer. `flow` lays the blocks onto A4 pages and `pdf` draws
//! them.

use super::{flow, pdf};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;

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
    /// A short code in a large fixed-width face with a rule under it.
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

impl Style {
    /// The house style: each document changes only what differs.
    pub const BASE: Style = Style {
        title_pt: 20.0,
        heading_pt: 13.0,
        body_pt: 11.0,
        code_pt: 11.0,
        leading: 1.35,
        item_gap: 1.2,
        margin_x: 18.0,
        top: 22.0,
        bottom: 20.0,
        columns: 1,
        gutter: 0.0,
        bullet: "•",
    };
}

/// A document to print.
pub struct Sheet<'a> {
    /// The title in the PDF's metadata (never a child's name: viewers show it
    /// in their title bar, and desktop search indexes it).
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

impl<'a> Sheet<'a> {
    /// A one-column sheet in `style` with a footer on every page.
    pub fn new(title: &'a str, style: Style, body: Vec<Block>, footer: Option<&'a str>) -> Sheet<'a> {
        Sheet { title, style, header: Vec::new(), body, footer, balance: false, page_limit: None }
    }

    /// How many pages the sheet takes.
    pub fn page_count(&self) -> usize {
        flow::lay_out(self, false).pages.len()
    }

    /// The sheet as a tagged PDF/UA-1 file.
    pub fn render(&self) -> Vec<u8> {
        pdf::write(self, &flow::lay_out(self, self.balance))
    }
}
