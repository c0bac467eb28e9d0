//! Guidance pages: a small, safe subset of Markdown (CommonMark, no extensions),
//! parsed with pulldown-cmark into a tree of our own that the UI renders as text
//! and structure, never as HTML. Raw HTML, images and any link that is not a
//! plain `https://` address are refused, not dropped, so an agency learns at
//! build time that something would not show.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PackError;
use crate::limits::MAX_MARKDOWN_DEPTH;
use crate::validate::check_https;

/// A block of a guidance page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// `level` is 1 to 6.
    Heading { level: u8, content: Vec<Inline> },
    Paragraph { content: Vec<Inline> },
    /// `start` is the first number of an ordered list.
    List { ordered: bool, start: Option<u32>, items: Vec<Vec<Block>> },
    Quote { blocks: Vec<Block> },
    /// Code, shown as plain text in a fixed-width font.
    Code { text: String },
    /// A thematic break (`---`).
    Rule,
}

/// Text inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String },
    Emphasis { content: Vec<Inline> },
    Strong { content: Vec<Inline> },
    Code { text: String },
    /// `url` is always an `https://` address.
    Link { url: String, content: Vec<Inline> },
    LineBreak,
}

enum InlineKind {
    Paragraph,
    Heading(u8),
    Emphasis,
    Strong,
    Link(String),
}

enum BlockKind {
    Root,
    Quote,
    Item,
}

enum Frame {
    Blocks { kind: BlockKind, blocks: Vec<Block>, pending: Vec<Inline> },
    List { ordered: bool, start: Option<u32>, items: Vec<Vec<Block>> },
    Inlines { kind: InlineKind, content: Vec<Inline> },
    Code { text: String },
}

fn push_text(content: &mut Vec<Inline>, s: &str) {
    if let Some(Inline::Text { text }) = content.last_mut() {
        text.push_str(s);
    } else {
        content.push(Inline::Text { text: s.to_string() });
    }
}

fn flush(blocks: &mut Vec<Block>, pending: &mut Vec<Inline>) {
    if !pending.is_empty() {
        blocks.push(Block::Paragraph { content: std::mem::take(pending) });
    }
}

/// The page id is used in errors only.
pub fn parse(page: &str, markdown: &str) -> Result<Vec<Block>, PackError> {
    let broken = |detail: &str| PackError::InvalidValue { field: format!("guidance.{page}"), detail: detail.to_string() };
    let mut stack: Vec<Frame> = vec![Frame::Blocks { kind: BlockKind::Root, blocks: Vec::new(), pending: Vec::new() }];

    // Adds an inline to the innermost frame that holds inlines.
    fn add_inline(stack: &mut [Frame], inline: Inline) -> Result<(), ()> {
        match stack.last_mut() {
            Some(Frame::Inlines { content, .. }) | Some(Frame::Blocks { pending: content, .. }) => {
                match inline {
                    Inline::Text { text } => push_text(content, &text),
                    other => content.push(other),
                }
                Ok(())
            }
            Some(Frame::Code { text }) => match inline {
                Inline::Text { text: t } => {
                    text.push_str(&t);
                    Ok(())
                }
                _ => Err(()),
            },
            _ => Err(()),
        }
    }
    fn add_block(stack: &mut [Frame], block: Block) -> Result<(), ()> {
        match stack.last_mut() {
            Some(Frame::Blocks { blocks, pending, .. }) => {
                flush(blocks, pending);
                blocks.push(block);
                Ok(())
            }
            _ => Err(()),
        }
    }
    let misplaced = || broken("this page has a layout Harbour cannot show");

    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Paragraph => Frame::Inlines { kind: InlineKind::Paragraph, content: Vec::new() },
                    Tag::Heading { level, .. } => {
                        let n = match level {
                            HeadingLevel::H1 => 1,
                            HeadingLevel::H2 => 2,
                            HeadingLevel::H3 => 3,
                            HeadingLevel::H4 => 4,
                            HeadingLevel::H5 => 5,
                            HeadingLevel::H6 => 6,
                        };
                        Frame::Inlines { kind: InlineKind::Heading(n), content: Vec::new() }
                    }
                    Tag::BlockQuote(_) => Frame::Blocks { kind: BlockKind::Quote, blocks: Vec::new(), pending: Vec::new() },
                    Tag::CodeBlock(CodeBlockKind::Indented) | Tag::CodeBlock(CodeBlockKind::Fenced(_)) => {
                        Frame::Code { text: String::new() }
                    }
                    Tag::HtmlBlock => return Err(PackError::GuidanceHtml { page: page.to_string() }),
                    Tag::List(start) => Frame::List {
                        ordered: start.is_some(),
                        start: start.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
                        items: Vec::new(),
                    },
                    Tag::Item => Frame::Blocks { kind: BlockKind::Item, blocks: Vec::new(), pending: Vec::new() },
                    Tag::Emphasis => Frame::Inlines { kind: InlineKind::Emphasis, content: Vec::new() },
                    Tag::Strong => Frame::Inlines { kind: InlineKind::Strong, content: Vec::new() },
                    Tag::Link { dest_url, .. } => {
                        let url = dest_url.to_string();
                        check_https(&format!("guidance.{page}"), &url)?;
                        Frame::Inlines { kind: InlineKind::Link(url), content: Vec::new() }
                    }
                    Tag::Image { .. } => return Err(PackError::GuidanceImage { page: page.to_string() }),
                    // Tables, footnotes, strikethrough and the rest need options we never turn on.
                    _ => return Err(misplaced()),
                };
                stack.push(frame);
                if stack.len() > MAX_MARKDOWN_DEPTH {
                    return Err(PackError::GuidanceTooComplex { page: page.to_string() });
                }
            }
            Event::End(end) => {
                let frame = stack.pop().ok_or_else(misplaced)?;
                let ok = match (frame, end) {
                    (Frame::Inlines { kind: InlineKind::Paragraph, content }, TagEnd::Paragraph) => {
                        add_block(&mut stack, Block::Paragraph { content })
                    }
                    (Frame::Inlines { kind: InlineKind::Heading(level), content }, TagEnd::Heading(_)) => {
                        add_block(&mut stack, Block::Heading { level, content })
                    }
                    (Frame::Inlines { kind: InlineKind::Emphasis, content }, TagEnd::Emphasis) => {
                        add_inline(&mut stack, Inline::Emphasis { content })
                    }
                    (Frame::Inlines { kind: InlineKind::Strong, content }, TagEnd::Strong) => {
                        add_inline(&mut stack, Inline::Strong { content })
                    }
                    (Frame::Inlines { kind: InlineKind::Link(url), content }, TagEnd::Link) => {
                        add_inline(&mut stack, Inline::Link { url, content })
                    }
                    (Frame::Blocks { kind: BlockKind::Quote, mut blocks, mut pending }, TagEnd::BlockQuote(_)) => {
                        flush(&mut blocks, &mut pending);
                        add_block(&mut stack, Block::Quote { blocks })
                    }
                    (Frame::Blocks { kind: BlockKind::Item, mut blocks, mut pending }, TagEnd::Item) => {
                        flush(&mut blocks, &mut pending);
                        match stack.last_mut() {
                            Some(Frame::List { items, .. }) => {
                                items.push(blocks);
                                Ok(())
                            }
                            _ => Err(()),
                        }
                    }
                    (Frame::List { ordered, start, items }, TagEnd::List(_)) => {
                        add_block(&mut stack, Block::List { ordered, start, items })
                    }
                    (Frame::Code { text }, TagEnd::CodeBlock) => add_block(&mut stack, Block::Code { text }),
                    _ => Err(()),
                };
                ok.map_err(|_| misplaced())?;
            }
            Event::Text(t) => add_inline(&mut stack, Inline::Text { text: t.to_string() }).map_err(|_| misplaced())?,
            Event::Code(t) => add_inline(&mut stack, Inline::Code { text: t.to_string() }).map_err(|_| misplaced())?,
            Event::SoftBreak => add_inline(&mut stack, Inline::Text { text: " ".into() }).map_err(|_| misplaced())?,
            Event::HardBreak => add_inline(&mut stack, Inline::LineBreak).map_err(|_| misplaced())?,
            Event::Rule => add_block(&mut stack, Block::Rule).map_err(|_| misplaced())?,
            Event::Html(_) | Event::InlineHtml(_) => return Err(PackError::GuidanceHtml { page: page.to_string() }),
            _ => return Err(misplaced()),
        }
    }
    match (stack.pop(), stack.is_empty()) {
        (Some(Frame::Blocks { kind: BlockKind::Root, mut blocks, mut pending }), true) => {
            flush(&mut blocks, &mut pending);
            if blocks.is_empty() {
                return Err(PackError::MissingField { field: format!("guidance.{page}") });
            }
            Ok(blocks)
        }
        _ => Err(misplaced()),
    }
}

/// The text of the first level-1 heading (`# Title`), if the page has one.
pub fn first_heading(markdown: &str) -> Option<String> {
    let mut in_h1 = false;
    let mut title = String::new();
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => in_h1 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => return Some(title.trim().to_string()),
            Event::Text(t) | Event::Code(t) if in_h1 => title.push_str(&t),
            Event::SoftBreak if in_h1 => title.push(' '),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn headings_lists_emphasis_links_quotes_code() {
        let md = "# Our policy\n\nWe *care* about **you**.\n\n- one\n- two [help](https://example.org/help)\n\n\
                  1. first\n2. second\n\n> Be kind.\n\n    code <b>\n\n---\n\nUse `ctrl`.\nNext line  \nbreak";
        let doc = parse("p", md).unwrap();
        assert_eq!(doc[0], Block::Heading { level: 1, content: vec![text("Our policy")] });
        assert_eq!(
            doc[1],
            Block::Paragraph {
                content: vec![
                    text("We "),
                    Inline::Emphasis { content: vec![text("care")] },
                    text(" about "),
                    Inline::Strong { content: vec![text("you")] },
                    text("."),
                ]
            }
        );
        assert_eq!(
            doc[2],
            Block::List {
                ordered: false,
                start: None,
                items: vec![
                    vec![Block::Paragraph { content: vec![text("one")] }],
                    vec![Block::Paragraph {
                        content: vec![
                            text("two "),
                            Inline::Link { url: "https://example.org/help".into(), content: vec![text("help")] }
                        ]
                    }],
                ]
            }
        );
        assert!(matches!(&doc[3], Block::List { ordered: true, start: Some(1), items } if items.len() == 2));
        assert_eq!(doc[4], Block::Quote { blocks: vec![Block::Paragraph { content: vec![text("Be kind.")] }] });
        assert_eq!(doc[5], Block::Code { text: "code <b>\n".into() });
        assert_eq!(doc[6], Block::Rule);
        assert_eq!(
            doc[7],
            Block::Paragraph {
                content: vec![text("Use "), Inline::Code { text: "ctrl".into() }, text(". Next line"), Inline::LineBreak, text("break")]
            }
        );
        assert_eq!(doc.len(), 8);
    }

    #[test]
    fn escaped_html_is_plain_text() {
        let doc = parse("p", "Type &lt;script&gt; and \\<b\\>.").unwrap();
        assert_eq!(doc, vec![Block::Paragraph { content: vec![text("Type <script> and <b>.")] }]);
    }

    #[test]
    fn raw_html_is_refused() {
        for md in [
            "<script>alert(1)</script>",
            "Hello <b>you</b>",
            "<div>\nhi\n</div>",
            "<!-- note -->",
            "text <img src=x onerror=alert(1)>",
            "- item <span>x</span>",
            "> <iframe src=\"https://example.org\"></iframe>",
        ] {
            assert_eq!(parse("p", md), Err(PackError::GuidanceHtml { page: "p".into() }), "{md}");
        }
    }

    #[test]
    fn images_are_refused() {
        for md in ["![logo](https://example.org/a.png)", "See ![x][r]\n\n[r]: https://example.org/x.png"] {
            assert_eq!(parse("p", md), Err(PackError::GuidanceImage { page: "p".into() }), "{md}");
        }
    }

    #[test]
    fn unsafe_links_are_refused() {
        for url in [
            "http://example.org",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "/relative",
            "relative/page",
            "#anchor",
            "mailto:a@example.org",
            "https://user:pw@example.org/",
            "https:///nohost",
        ] {
            let md = format!("[click]({url})");
            assert!(matches!(parse("p", &md), Err(PackError::UnsafeLink { .. })), "{url}");
        }
        assert!(matches!(parse("p", "<http://example.org>"), Err(PackError::UnsafeLink { .. })));
        assert!(matches!(parse("p", "<someone@example.org>"), Err(PackError::UnsafeLink { .. })));
        assert!(matches!(parse("p", "[a][r]\n\n[r]: javascript:x"), Err(PackError::UnsafeLink { .. })));
        assert!(parse("p", "<https://example.org/a>").is_ok());
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let md = ">".repeat(5000) + " deep";
        assert_eq!(parse("p", &md), Err(PackError::GuidanceTooComplex { page: "p".into() }));
        let md: String = (0..200).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        assert_eq!(parse("p", &md), Err(PackError::GuidanceTooComplex { page: "p".into() }));
        let md = "*".repeat(3000) + "x" + &"*".repeat(3000);
        assert!(matches!(parse("p", &md), Err(PackError::GuidanceTooComplex { .. }) | Ok(_)));
    }

    #[test]
    fn empty_page_is_refused() {
        assert_eq!(parse("p", "  \n\n"), Err(PackError::MissingField { field: "guidance.p".into() }));
    }

    #[test]
    fn extensions_stay_plain_text() {
        // Tables and strikethrough are not turned on, so they are text, not structure.
        let doc = parse("p", "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~").unwrap();
        assert!(doc.iter().all(|b| matches!(b, Block::Paragraph { .. })));
    }

    #[test]
    fn first_heading_is_the_title() {
        assert_eq!(first_heading("Intro\n\n# Our `online` policy\n\n# Second").as_deref(), Some("Our online policy"));
        assert_eq!(first_heading("## Not a title"), None);
    }
}
