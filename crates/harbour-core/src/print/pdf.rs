//! Drawing a laid-out sheet as PDF with krilla: fonts subset and embedded with
//! their Unicode mapping, every line of text tagged to its heading, paragraph
//! or list item, rules and page footers marked as artifacts, an outline of the
//! headings, and the document checked against PDF/UA-1 as it is written.

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::{Document, SerializeSettings};

use super::flow::{Draw, Layout, Role, PT};
use super::fonts::{self, Weight};
use super::sheet::{Sheet, PAGE_H, PAGE_W};
use super::text;

const FOOTER_PT: f32 = 9.0;
/// The document's language; spans in another script say theirs.
const LANG: &str = "en-GB";

/// Millimetres from the bottom left to PDF points from the top left.
fn at(x: f32, y: f32) -> Point {
    Point::from_xy(x / PT, (PAGE_H - y) / PT)
}

fn grey(level: u8) -> Fill {
    Fill { paint: rgb::Color::new(level, level, level).into(), ..Fill::default() }
}

/// What each structure element holds, in reading order.
enum Kid {
    Elem(usize),
    Content(Identifier),
}

struct Pages<'l> {
    layout: &'l Layout,
    kids: Vec<Vec<Kid>>,
    /// Where each heading was first drawn: (element, page, point).
    headings: Vec<(usize, usize, Point)>,
}

impl Pages<'_> {
    fn line(&mut self, surface: &mut Surface, line: &text::Line, x: f32, y: f32, size: f32, tag: Option<usize>) {
        for piece in &line.pieces {
            let content = match tag {
                Some(_) => ContentTag::Span(SpanTag { lang: piece.lang, actual_text: piece.typed.as_deref(), ..SpanTag::empty() }),
                None => ContentTag::Artifact(Artifact::new(ArtifactType::PaginationOther, None)),
            };
            let id = surface.start_tagged(content);
            let face = fonts::face(piece.face);
            surface.draw_glyphs(at(x + piece.x * size * PT, y), &piece.glyphs, face.pdf.clone(), &piece.text, size, false);
            surface.end_tagged();
            if let Some(e) = tag {
                self.kids[e].push(Kid::Content(id));
            }
        }
    }

    fn rule(surface: &mut Surface, points: &[(f32, f32)], closed: bool, thickness: f32) {
        let mut path = PathBuilder::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            let p = at(x, y);
            if i == 0 { path.move_to(p.x, p.y) } else { path.line_to(p.x, p.y) }
        }
        if closed {
            path.close();
        }
        let Some(path) = path.finish() else { return };
        surface.start_tagged(ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)));
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { width: thickness, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        surface.set_fill(Some(grey(0)));
        surface.end_tagged();
    }

    fn page(&mut self, surface: &mut Surface, n: usize, sheet: &Sheet) {
        let layout = self.layout;
        for placed in &layout.pages[n] {
            for d in &layout.rows[placed.row].draws {
                match d {
                    Draw::Text { dx, dy, size, line, elem } => {
                        let (x, y) = (placed.x + dx, placed.y + dy);
                        if let Some(e) = *elem {
                            if matches!(layout.elems[e].role, Role::Heading(..)) && !self.headings.iter().any(|h| h.0 == e) {
                                self.headings.push((e, n, at(x, y + size * PT)));
                            }
                        }
                        self.line(surface, line, x, y, *size, *elem);
                    }
                    Draw::Rule { dx1, dx2, dy, thickness } => {
                        let y = placed.y + dy;
                        Self::rule(surface, &[(placed.x + dx1, y), (placed.x + dx2, y)], false, *thickness);
                    }
                    Draw::Square { dx, dy, side } => {
                        let (l, b) = (placed.x + dx, placed.y + dy);
                        Self::rule(surface, &[(l, b), (l + side, b), (l + side, b + side), (l, b + side)], true, 0.6);
                    }
                }
            }
        }
        if let Some(footer) = sheet.footer {
            let s = &sheet.style;
            let y = s.bottom - 9.0;
            let numbers = text::line(&format!("Page {} of {}", n + 1, layout.pages.len()), Weight::Regular);
            let right = PAGE_W - s.margin_x - numbers.width * FOOTER_PT * PT;
            surface.set_fill(Some(grey(89)));
            self.line(surface, &text::line(footer, Weight::Regular), s.margin_x, y, FOOTER_PT, None);
            self.line(surface, &numbers, right, y, FOOTER_PT, None);
            surface.set_fill(Some(grey(0)));
        }
    }

    fn group(&mut self, e: usize) -> Option<TagGroup> {
        let kind: TagKind = match &self.layout.elems[e].role {
            Role::Document => return None,
            Role::Heading(level, title) => Tag::Hn(std::num::NonZeroU16::new(*level).unwrap_or(std::num::NonZeroU16::MIN), Some(title.clone())).into(),
            Role::Paragraph => Tag::P.into(),
            Role::List { numbered } => Tag::L(if *numbered { ListNumbering::Decimal } else { ListNumbering::Disc }).into(),
            Role::Item => Tag::LI.into(),
            Role::Label => Tag::Lbl.into(),
            Role::ItemBody => Tag::LBody.into(),
        };
        let mut group = TagGroup::new(kind);
        for kid in self.children(e) {
            group.push(kid);
        }
        // An element with nothing drawn under it (an empty paragraph) is left out.
        (!group.children.is_empty()).then_some(group)
    }

    fn children(&mut self, e: usize) -> Vec<Node> {
        let kids = std::mem::take(&mut self.kids[e]);
        kids.into_iter()
            .filter_map(|k| match k {
                Kid::Elem(c) => self.group(c).map(Node::from),
                Kid::Content(id) => Some(Node::from(id)),
            })
            .collect()
    }

    fn outline(&self) -> Outline {
        let mut outline = Outline::new();
        let mut title: Option<OutlineNode> = None;
        for (e, page, point) in &self.headings {
            let Role::Heading(level, text) = &self.layout.elems[*e].role else { continue };
            let node = OutlineNode::new(text.replace('\n', " "), XyzDestination::new(*page, *point));
            match (level, title.as_mut()) {
                (1, _) => {
                    if let Some(t) = title.replace(node) {
                        outline.push_child(t);
                    }
                }
                (_, Some(t)) => t.push_child(node),
                (_, None) => outline.push_child(node),
            }
        }
        if let Some(t) = title {
            outline.push_child(t);
        }
        outline
    }
}

fn document(sheet: &Sheet, layout: &Layout, validate: bool) -> krilla::error::KrillaResult<Vec<u8>> {
    let mut builder = ConfigurationBuilder::new();
    if validate {
        builder = builder.with_accessibility_validator(Accessibility::UA1);
    }
    let configuration = builder.finish().expect("PDF/UA-1 has a PDF version");
    let mut doc = Document::new_with(SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() });
    let mut pages = Pages { layout, kids: layout.elems.iter().map(|_| Vec::new()).collect(), headings: Vec::new() };
    for (i, e) in layout.elems.iter().enumerate().skip(1) {
        pages.kids[e.parent].push(Kid::Elem(i));
    }
    for n in 0..layout.pages.len() {
        let settings = PageSettings::from_wh(PAGE_W / PT, PAGE_H / PT).expect("A4 is a page size");
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        pages.page(&mut surface, n, sheet);
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new().with_lang(Some(LANG.into()));
    for node in pages.children(0) {
        tree.push(node);
    }
    doc.set_outline(pages.outline());
    doc.set_tag_tree(tree);
    doc.set_metadata(Metadata::new().title(sheet.title.into()).language(LANG.into()).creator("Harbour".into()));
    doc.finish()
}

/// The sheet as PDF, checked against PDF/UA-1 as it is written. Tests hold
/// every document to that check; should some text still fail it in use, the
/// person gets the same document written without the check rather than none.
pub fn write(sheet: &Sheet, layout: &Layout) -> Vec<u8> {
    let checked = document(sheet, layout, true);
    if cfg!(test) {
        return checked.unwrap_or_else(|e| panic!("not valid PDF/UA-1: {e:?}"));
    }
    checked.or_else(|_| document(sheet, layout, false)).expect("a laid-out sheet can be written")
}

#[cfg(test)]
mod tests {
    use super::super::sheet::{Block, Style};
    use super::*;

    #[test]
    fn the_pdf_says_it_is_pdf_ua_and_has_what_a_screen_reader_needs() {
        let body = vec![
            Block::Title("Zofia's agreement".into()),
            Block::Heading("Screens at home".into()),
            Block::Numbered(1, "Phones downstairs at night.".into()),
            Block::Text("محمد and 李明 wrote too.".into()),
        ];
        let pdf = Sheet::new("Family online safety agreement", Style::BASE, body, Some("Footer")).render();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
        assert!(catalog.get(b"StructTreeRoot").is_ok() && catalog.get(b"Outlines").is_ok());
        assert!(catalog.get(b"MarkInfo").unwrap().as_dict().unwrap().get(b"Marked").unwrap().as_bool().unwrap());
        let prefs = catalog.get(b"ViewerPreferences").unwrap().as_dict().unwrap();
        assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
        // The XMP metadata names the standard, as validators and readers look for.
        let meta = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
        let xmp = String::from_utf8_lossy(&meta.decompressed_content().unwrap_or_else(|_| meta.content.clone())).into_owned();
        assert!(xmp.contains("pdfuaid:part"), "no PDF/UA identification: {xmp}");
        // Headings, a list and paragraphs in the structure tree; text in another script is a
        // marked-content span with its own /Lang (checked in the page below).
        let roles: std::collections::BTreeSet<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).map_or(true, |t| t == b"StructElem"))
            .filter_map(|d| d.get(b"S").and_then(|s| s.as_name()).ok())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();
        for role in ["Document", "H1", "H2", "L", "LI", "Lbl", "LBody", "P"] {
            assert!(roles.contains(role), "{role} missing from the structure: {roles:?}");
        }
        let page = doc.get_pages()[&1];
        let stream = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
        assert!(stream.contains("/Artifact") && stream.contains("/Lang"), "{stream}");
    }
}
