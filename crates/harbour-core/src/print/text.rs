//! Text for printing, in any script: split into runs by font and direction
//! (Unicode bidi), shaped (rustybuzz), broken into lines where Unicode allows
//! (UAX 14, so Chinese breaks between characters and long usernames still
//! fit), and put in the order it is seen. Widths are in em: times the type size.

use std::ops::Range;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};
use unicode_linebreak::linebreaks;
use unicode_script::{Script, UnicodeScript};

use super::fonts::{self, FaceId, Weight};

/// Part of a line in one face and one direction, shaped and ready to draw.
#[derive(Debug, Clone)]
pub struct Piece {
    pub face: FaceId,
    /// From the start of the line, in em.
    pub x: f32,
    pub glyphs: Vec<KrillaGlyph>,
    /// The text the glyphs draw; their text ranges index into it.
    pub text: String,
    /// What was typed, when the piece shows something else: a character no
    /// bundled font has prints as its code point ("[U+1F600]"). Written as the
    /// PDF's ActualText, so a screen reader or a copy gets what was typed.
    /// (Right-to-left pieces are drawn from the left, as PDF viewers expect.)
    pub typed: Option<String>,
    pub lang: Option<&'static str>,
}

/// One line of text.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// In reading order, each at its place on the line: the order a screen
    /// reader and text extraction should follow, whatever the direction.
    pub pieces: Vec<Piece>,
    pub width: f32,
}

impl Line {
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// Shapes `text` in one face and direction.
fn shape(text: &str, face: FaceId, rtl: bool) -> (Vec<KrillaGlyph>, f32) {
    let f = fonts::face(face);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    let out = rustybuzz::shape(&f.shaper, &[], buffer);
    let mut starts: Vec<usize> = out.glyph_infos().iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| starts.iter().find(|&&s| s > start).copied().unwrap_or(text.len());
    let em = f.units_per_em;
    let mut width = 0.0;
    let glyphs = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            width += pos.x_advance as f32 / em;
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                start..end_of(start),
                None,
            )
        })
        .collect();
    (glyphs, width)
}

/// What prints for characters no bundled font has: their code points.
fn code_points(text: &str) -> String {
    text.chars().filter(|&c| !fonts::invisible(c)).map(|c| format!("[U+{:04X}]", c as u32)).collect()
}

/// A combining mark or an invisible character: a line never starts with one.
fn joins(c: char) -> bool {
    c.script() == Script::Inherited || fonts::invisible(c)
}

/// A stretch of a paragraph in one face (None: no font has it) and one bidi level.
struct Run {
    range: Range<usize>,
    face: Option<FaceId>,
    level: Level,
}

/// One paragraph (no newlines), measured.
struct Para<'t> {
    text: &'t str,
    weight: Weight,
    bidi: BidiInfo<'t>,
    runs: Vec<Run>,
    /// `before[i]`: the width of the text before byte `i`.
    before: Vec<f32>,
}

impl<'t> Para<'t> {
    fn new(text: &'t str, weight: Weight) -> Para<'t> {
        let bidi = BidiInfo::new(text, None);
        let mut runs: Vec<Run> = Vec::new();
        let mut face = None;
        for (i, c) in text.char_indices() {
            let f = fonts::pick(c, weight, face);
            face = f.or(face);
            let level = bidi.levels[i];
            match runs.last_mut() {
                Some(r) if r.face == f && r.level == level => r.range.end = i + c.len_utf8(),
                _ => runs.push(Run { range: i..i + c.len_utf8(), face: f, level }),
            }
        }
        let mut advance = vec![0.0f32; text.len() + 1];
        for r in &runs {
            let s = &text[r.range.clone()];
            match r.face {
                Some(f) => {
                    for g in shape(s, f, r.level.is_rtl()).0 {
                        advance[r.range.start + g.text_range.start] += g.x_advance;
                    }
                }
                None => {
                    for (i, c) in s.char_indices() {
                        advance[r.range.start + i] = shape(&code_points(&c.to_string()), fonts::fallback(weight), false).1;
                    }
                }
            }
        }
        let mut before = Vec::with_capacity(advance.len());
        let mut sum = 0.0;
        for a in advance {
            before.push(sum);
            sum += a;
        }
        Para { text, weight, bidi, runs, before }
    }

    fn width(&self, range: Range<usize>) -> f32 {
        self.before[range.end] - self.before[range.start]
    }

    /// The end of `range` without trailing spaces.
    fn trimmed(&self, range: Range<usize>) -> usize {
        range.start + self.text[range].trim_end().len()
    }

    /// The paragraph as lines at most `max` wide where a break allows. Lines
    /// are broken on measured widths, but a line shaped on its own can come out
    /// a little wider (kerning where a run is cut, code points shaped together):
    /// one that does not fit ends sooner, and the rest is broken again.
    fn lines(&self, max: f32) -> Vec<Line> {
        let mut ranges = self.breaks(0, max);
        let mut lines = Vec::with_capacity(ranges.len());
        while let Some(range) = ranges.get(lines.len()).cloned() {
            let line = self.line(range.clone());
            if line.width > max {
                if let Some(end) = self.sooner_end(range.clone()) {
                    ranges.truncate(lines.len());
                    ranges.push(range.start..end);
                    ranges.extend(self.breaks(end, max));
                    continue;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Where `range` could end sooner: at its last break opportunity, or else
    /// between its last two letters. None when it holds only one.
    fn sooner_end(&self, range: Range<usize>) -> Option<usize> {
        let end = self.trimmed(range.clone());
        let inside = |&p: &usize| p > range.start && p < end;
        let opportunity = linebreaks(&self.text[range.start..end]).map(|(p, _)| range.start + p).filter(inside).last();
        opportunity.or_else(|| {
            self.text[range.start..end].char_indices().filter(|&(_, c)| !joins(c)).map(|(i, _)| range.start + i).rfind(inside)
        })
    }

    /// Where lines end from byte `from` on, greedily, each at most `max` wide
    /// as measured where a break allows.
    fn breaks(&self, from: usize, max: f32) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut start = from;
        let mut fits: Option<usize> = None;
        for pos in linebreaks(&self.text[from..]).map(|(pos, _)| from + pos) {
            if self.width(start..self.trimmed(start..pos)) <= max {
                fits = Some(pos);
                continue;
            }
            if let Some(end) = fits.take() {
                lines.push(start..end);
                start = end;
                if self.width(start..self.trimmed(start..pos)) <= max {
                    fits = Some(pos);
                    continue;
                }
            }
            start = self.break_inside(start..pos, max, &mut lines);
            fits = Some(pos);
        }
        if let Some(end) = fits {
            lines.push(start..end);
        }
        lines
    }

    /// Breaks a word too long for a line between its characters (never before a
    /// combining mark). Returns where the last, short piece starts.
    fn break_inside(&self, word: Range<usize>, max: f32, lines: &mut Vec<Range<usize>>) -> usize {
        let mut start = word.start;
        for (i, c) in self.text[word.clone()].char_indices().map(|(i, c)| (word.start + i, c)) {
            if i == start || joins(c) {
                continue;
            }
            if self.width(start..self.trimmed(start..i + c.len_utf8())) > max {
                lines.push(start..i);
                start = i;
            }
        }
        start
    }

    /// The line `range` in the order it is seen, shaped.
    fn line(&self, range: Range<usize>) -> Line {
        let end = self.trimmed(range.clone());
        let para = &self.bidi.paragraphs[0];
        let mut line = Line::default();
        if end == range.start {
            return line;
        }
        let (levels, visual) = self.bidi.visual_runs(para, range.start..end);
        let mut starts = Vec::new();
        for part in visual {
            let rtl = levels[part.start].is_rtl();
            let mut pieces: Vec<Range<usize>> = Vec::new();
            let mut faces = Vec::new();
            for r in &self.runs {
                let (s, e) = (r.range.start.max(part.start), r.range.end.min(part.end));
                if s < e {
                    pieces.push(s..e);
                    faces.push(r.face);
                }
            }
            let order: Vec<usize> = if rtl { (0..pieces.len()).rev().collect() } else { (0..pieces.len()).collect() };
            for k in order {
                starts.push(pieces[k].start);
                let typed = &self.text[pieces[k].clone()];
                let lang;
                let (face, text, typed) = match faces[k] {
                    Some(f) => {
                        lang = fonts::language(typed, f);
                        (f, typed.to_string(), None)
                    }
                    None => {
                        lang = None;
                        (fonts::fallback(self.weight), code_points(typed), Some(typed.to_string()))
                    }
                };
                let (glyphs, width) = shape(&text, face, rtl && faces[k].is_some());
                line.pieces.push(Piece { face, x: line.width, glyphs, text, typed, lang });
                line.width += width;
            }
        }
        let mut order: Vec<(usize, Piece)> = starts.into_iter().zip(std::mem::take(&mut line.pieces)).collect();
        order.sort_by_key(|(start, _)| *start);
        line.pieces = order.into_iter().map(|(_, p)| p).collect();
        line
    }
}

/// Makes typed text safe to lay out: tabs become spaces, other control
/// characters go, and every kind of line or paragraph break becomes "\n".
/// The byte-order mark and the noncharacters U+FFFE and U+FFFF go too: they
/// show nothing, and PDF/UA does not let a glyph stand for them.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{B}' | '\u{C}' => Some('\n'),
            '\n' => Some('\n'),
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// `text` broken into lines at most `max` em wide. Each newline starts a new
/// line (an empty one for a blank line); a word wider than a line is broken
/// between its letters.
pub fn wrap(text: &str, weight: Weight, max: f32) -> Vec<Line> {
    let text = clean(text);
    let mut lines = Vec::new();
    for p in text.split('\n') {
        if p.trim().is_empty() {
            lines.push(Line::default());
            continue;
        }
        lines.extend(Para::new(p, weight).lines(max));
    }
    lines
}

/// `text` on one line, however wide.
pub fn line(text: &str, weight: Weight) -> Line {
    wrap(&text.replace('\n', " "), weight, f32::INFINITY).pop().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(line: &Line) -> String {
        line.pieces.iter().map(|p| p.typed.clone().unwrap_or_else(|| p.text.clone())).collect()
    }

    #[test]
    fn every_word_is_kept_and_lines_fit() {
        let text = "We will keep phones out of bedrooms at night, and charge them downstairs in the kitchen.";
        for max in [8.0, 16.0, 40.0] {
            let lines = wrap(text, Weight::Regular, max);
            assert!(lines.iter().all(|l| l.width <= max + 1e-3), "{max}");
            assert_eq!(lines.iter().map(drawn).collect::<Vec<_>>().join(" "), text);
        }
        assert_eq!(wrap("one\n\ntwo", Weight::Regular, 100.0).len(), 3);
        let long = wrap(&"x".repeat(200), Weight::Regular, 10.0);
        assert!(long.len() > 1 && long.iter().map(drawn).collect::<String>() == "x".repeat(200));
        assert_eq!(wrap("a", Weight::Regular, 0.01).len(), 1, "a letter wider than the line still prints");
    }

    #[test]
    fn a_shaped_line_is_never_wider_than_the_line_it_was_broken_for() {
        // From flow's property test: measured, a line fitted; shaped on its own it was wider.
        let text = "±˦%\u{8c9b5} ó1\u{dbbd3}*þ:D\u{d70b5}`\u{a94b5}{.T 亘ण \u{65f}\u{36f}\u{31b}T\u{202e}\u{202a}😙HfvQ kerning AVAVAV";
        let kept: String = clean(text).chars().filter(|c| !c.is_whitespace() && !fonts::invisible(*c)).collect();
        for tenths in 20..400 {
            let max = tenths as f32 / 10.0;
            let lines = wrap(text, Weight::Regular, max);
            for l in &lines {
                let letters = drawn(l).chars().filter(|&c| !joins(c) && !c.is_whitespace()).count();
                assert!(l.width <= max || letters == 1, "{} em on a line of {max}: {:?}", l.width, drawn(l));
            }
            let all: String = lines.iter().map(drawn).collect::<String>().chars().filter(|c| !c.is_whitespace() && !fonts::invisible(*c)).collect();
            assert_eq!(all, kept, "every letter, in order, at {max}");
        }
    }

    #[test]
    fn names_in_other_scripts_keep_every_letter() {
        for name in ["Zofia Łukasiewicz", "Wojciech Wiśniewski", "ścieżka_07", "Ștefan Țurcanu", "Şükrü Öztürk", "Дмитрий", "李明", "মাহমুদ", "ਗੁਰਪ੍ਰੀਤ", "પટેલ"] {
            let line = line(name, Weight::Regular);
            assert_eq!(drawn(&line), name);
            assert!(line.pieces.iter().all(|p| p.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0)), "{name} has a missing glyph");
        }
    }

    #[test]
    fn right_to_left_text_is_printed_in_visual_order() {
        // An English sentence holding an Arabic name: the name's letters are drawn right to left.
        let l = line("Message from محمد 07 today", Weight::Regular);
        let arabic = l.pieces.iter().find(|p| p.lang == Some("ar")).expect("an Arabic piece");
        assert_eq!(arabic.text.trim(), "محمد");
        assert!(arabic.glyphs.first().unwrap().text_range.start > arabic.glyphs.last().unwrap().text_range.start, "shaped right to left");
        // A sentence in Urdu reads right to left: its first words are drawn on the
        // right, its number left to right in the middle, and the pieces are kept
        // in reading order for screen readers.
        let l = line("میں 15 سال کا ہوں", Weight::Regular);
        let texts: Vec<&str> = l.pieces.iter().map(|p| p.text.trim()).collect();
        assert_eq!(texts, ["میں", "15", "سال کا ہوں"]);
        assert!(l.pieces[0].x > l.pieces[1].x && l.pieces[1].x > l.pieces[2].x);
    }

    #[test]
    fn chinese_breaks_between_characters() {
        let text = "他说如果我不给他钱他就会把照片发给我的朋友们我很害怕";
        let lines = wrap(text, Weight::Regular, 5.0);
        assert!(lines.len() > 4, "{}", lines.len());
        assert_eq!(lines.iter().map(drawn).collect::<String>(), text);
    }

    #[test]
    fn a_character_no_font_has_prints_its_code_point_and_keeps_what_was_typed() {
        let l = line("sent 😀 twice", Weight::Regular);
        let emoji = l.pieces.iter().find(|p| p.text.starts_with("[U+")).unwrap();
        assert_eq!((emoji.typed.as_deref(), emoji.text.as_str()), (Some("😀"), "[U+1F600]"));
        assert_eq!(drawn(&l), "sent 😀 twice");
    }
}
