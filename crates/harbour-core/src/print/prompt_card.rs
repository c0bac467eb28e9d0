//! A one-page prompt card a carer prints before a hard talk: ways to start,
//! what to listen for and say, what to do if the child tells them something,
//! next steps, their own notes and where to get help.

use super::sheet::{Block, Sheet, Style};

pub struct PromptCard<'a> {
    pub topic_title: &'a str,
    pub child_name: Option<&'a str>,
    /// e.g. "11 to 13"
    pub band_label: &'a str,
    pub openers: Vec<&'a str>,
    pub listen_for: Vec<&'a str>,
    pub messages: Vec<&'a str>,
    pub if_they_tell_you_do: Vec<&'a str>,
    pub if_they_tell_you_dont: Vec<&'a str>,
    pub next_steps: Vec<&'a str>,
    /// The carer's own notes; may be empty or several paragraphs.
    pub notes: &'a str,
    /// e.g. "Police: 999 in an emergency, 101 otherwise"
    pub help_lines: Vec<&'a str>,
}

const FOOTER: &str = "Made with Harbour. Keep this card somewhere private.";
const MORE: &str = "(more in Harbour)";
/// Body sizes to try, largest first, in quarter points down to 9 pt;
/// headings and title scale with the body.
const SIZES: [f32; 9] = [11.0, 10.75, 10.5, 10.25, 10.0, 9.75, 9.5, 9.25, 9.0];

fn style(body_pt: f32, columns: usize) -> Style {
    let scale = body_pt / 11.0;
    Style {
        title_pt: 18.0 * scale,
        heading_pt: 12.5 * scale,
        body_pt,
        leading: 1.3,
        item_gap: 0.9 * scale,
        margin_x: 14.0,
        top: 20.0,
        columns,
        gutter: 8.0,
        ..Style::BASE
    }
}

fn header(c: &PromptCard) -> Vec<Block> {
    let who = match c.child_name.map(str::trim) {
        Some(name) if !name.is_empty() => format!("Talking with {name}, age {}.", c.band_label),
        _ => format!("For talking with a child aged {}.", c.band_label),
    };
    vec![
        Block::Title(c.topic_title.into()),
        Block::Text(format!("{who} Keep it calm, and go at their pace. You do not have to say it all at once.")),
        Block::Gap(4.5),
    ]
}

fn body(c: &PromptCard, notes: &str) -> Vec<Block> {
    let mut b = Vec::new();
    let mut section = |heading: &str, items: &[&str], checkbox: bool| {
        if items.is_empty() {
            return;
        }
        if !b.is_empty() {
            b.push(Block::Gap(2.5));
        }
        b.push(Block::Heading(heading.into()));
        for &item in items {
            b.push(if checkbox { Block::Checkbox(item.into()) } else { Block::Bullet(item.into()) });
        }
    };
    section("Ways to start", &c.openers, false);
    section("Listen for", &c.listen_for, false);
    section("What they need to hear", &c.messages, false);
    section("If they tell you something, do", &c.if_they_tell_you_do, false);
    section("If they tell you something, do not", &c.if_they_tell_you_dont, false);
    section("Next steps", &c.next_steps, true);
    let notes = notes.trim();
    if !notes.is_empty() {
        b.extend([Block::Gap(2.5), Block::Heading("My notes".into()), Block::Text(notes.into())]);
    }
    if !c.help_lines.is_empty() {
        b.extend([Block::Gap(2.5), Block::Heading("Where to get help".into())]);
        b.extend(c.help_lines.iter().map(|l| Block::Bullet((*l).into())));
    }
    b
}

fn sheet<'a>(c: &PromptCard, notes: &str, body_pt: f32, columns: usize) -> Sheet<'a> {
    Sheet {
        title: "Harbour conversation card",
        style: style(body_pt, columns),
        header: header(c),
        body: body(c, notes),
        footer: Some(FOOTER),
        balance: columns > 1,
        page_limit: None,
    }
}

/// The notes cut at a word boundary before byte `end`, with a pointer to the rest.
fn cut(notes: &str, end: usize) -> String {
    let kept = notes[..end].trim_end();
    if kept.is_empty() { MORE.into() } else { format!("{kept} {MORE}") }
}

fn fits(s: &Sheet) -> bool {
    s.page_count() == 1
}

/// The card as a one-page PDF. It tries one column at full size, then two
/// columns at smaller sizes down to 9 pt, then shortens the carer's notes.
pub fn render(c: &PromptCard) -> Vec<u8> {
    let notes = c.notes.trim();
    let one_column = sheet(c, notes, SIZES[0], 1);
    if fits(&one_column) {
        return one_column.render();
    }
    for size in SIZES {
        let s = sheet(c, notes, size, 2);
        if fits(&s) {
            return s.render();
        }
    }
    // Word boundaries, then the longest cut that still fits.
    let ends: Vec<usize> = notes.char_indices().filter(|(_, ch)| ch.is_whitespace()).map(|(i, _)| i).collect();
    let smallest = SIZES[SIZES.len() - 1];
    let (mut lo, mut hi) = (0, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&sheet(c, &cut(notes, ends[mid - 1]), smallest, 2)) { lo = mid } else { hi = mid - 1 }
    }
    let notes = if lo == 0 { MORE.to_string() } else { cut(notes, ends[lo - 1]) };
    // Even if the lists alone overflow, the card stays one page.
    Sheet { page_limit: Some(1), ..sheet(c, &notes, smallest, 2) }.render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::conversations;
    use crate::region;

    fn one_page_text(pdf: &[u8]) -> String {
        let pages = crate::print::pdf_pages(pdf);
        assert_eq!(pages.len(), 1);
        pages[0].clone()
    }

    fn long_notes() -> String {
        let para = "Sam has been quiet since the weekend and keeps the phone face down. Start after tea, in the car, \
                    not at bedtime. Remember to say he is not in trouble. ";
        let mut notes = String::new();
        while notes.len() < 1500 {
            notes.push_str(para);
            notes.push('\n');
        }
        notes.truncate(1500);
        notes
    }

    #[test]
    fn every_topic_and_band_fits_one_page_with_long_notes() {
        let planner = conversations::builtin().unwrap();
        let uk = region::load("uk").unwrap();
        let notes = long_notes();
        for topic in &planner.topics {
            let help: Vec<String> = topic
                .help
                .iter()
                .filter_map(|id| uk.situations.iter().find(|s| &s.id == id))
                .flat_map(|s| &s.contacts)
                .filter_map(|id| uk.contact(id))
                .map(|c| match (c.phones.first(), c.links.first()) {
                    (Some(p), _) => format!("{}: {}", c.name, p.number),
                    (None, Some(l)) => format!("{}: {}", c.name, l.url.trim_start_matches("https://")),
                    _ => c.name.clone(),
                })
                .collect();
            // Every band, including those younger than the topic is written for: they get its youngest words.
            for band in crate::agreement::rules::BANDS {
                let card = PromptCard {
                    topic_title: &topic.title,
                    child_name: Some("Alexander-James"),
                    band_label: crate::print::agreement::band_words(band),
                    openers: topic.openers_for(band),
                    listen_for: topic.listen_for.iter().map(String::as_str).collect(),
                    messages: topic.messages_for(band),
                    if_they_tell_you_do: planner.if_they_tell_you.to_do.iter().map(String::as_str).collect(),
                    if_they_tell_you_dont: planner.if_they_tell_you.dont.iter().map(String::as_str).collect(),
                    next_steps: topic.next_steps.iter().map(String::as_str).collect(),
                    notes: &notes,
                    help_lines: help.iter().map(String::as_str).collect(),
                };
                let text = one_page_text(&render(&card));
                assert!(text.contains(&topic.title), "{}: no title in {text}", topic.id);
                let opener: String = card.openers[0].split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(text.contains(&opener), "{} {}: no first opener in {text}", topic.id, card.band_label);
                assert!(text.contains(FOOTER));
            }
        }
    }

    fn small_card(notes: &str) -> PromptCard<'_> {
        PromptCard {
            topic_title: "Screen time",
            child_name: None,
            band_label: "8 to 10",
            openers: vec!["What is your favourite game at the moment?"],
            listen_for: vec!["Tiredness", "Hiding the screen", "Worry about missing out"],
            messages: vec!["You can always tell me.", "Nobody is in trouble for telling."],
            if_they_tell_you_do: vec!["Stay calm."; 5],
            if_they_tell_you_dont: vec!["Do not blame them."; 4],
            next_steps: vec!["Agree a time to stop.", "Charge phones downstairs."],
            notes,
            help_lines: vec!["Childline: 0800 1111"],
        }
    }

    #[test]
    fn a_short_card_keeps_all_the_notes() {
        let text = one_page_text(&render(&small_card("Ask about the new game first.\nThen talk about bedtime.")));
        for words in ["Screen time", "For talking with a child aged 8 to 10.", "Ask about the new game first.", "Then talk about bedtime.", "Childline: 0800 1111"] {
            assert!(text.contains(words), "{words:?} missing from {text}");
        }
        assert!(!text.contains(MORE));
    }

    #[test]
    fn very_long_notes_are_cut_with_a_pointer_to_harbour() {
        let notes = "I want to remember this. ".repeat(400);
        let text = one_page_text(&render(&small_card(&notes)));
        assert!(text.contains("I want to remember this.") && text.contains(MORE), "{text}");
        assert_eq!(cut("one two three", 7), "one two (more in Harbour)");
        assert_eq!(cut("one", 0), MORE);
    }
}
