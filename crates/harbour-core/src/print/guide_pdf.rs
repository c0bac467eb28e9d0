//! Printable App guides: one guide with every step and its sources, or a
//! child's checklist across their apps with what is done and what is left.

use super::sheet::{Block, Sheet, Style};
use crate::dates::in_words as date_words;
use crate::guides::{words, Guide, PLATFORMS};
use crate::vault::checklists::Checklist;

const STYLE: Style = Style {
    title_pt: 22.0,
    heading_pt: 15.0,
    body_pt: 12.0,
    item_gap: 1.6,
    margin_x: 20.0,
    top: 24.0,
    bottom: 22.0,
    ..Style::BASE
};

fn when(iso: &str) -> String {
    date_words(iso).unwrap_or_else(|| iso.to_string())
}

/// One guide, all of it, for working through with the phone in hand.
pub fn render_guide(g: &Guide) -> Vec<u8> {
    use Block::*;
    let mut b = vec![
        Title(format!("{}: safety settings", g.name)),
        Text(format!("Checked on {}. Apps change their settings often; if a step does not match, look at the app's own help pages.", when(&g.checked))),
        Gap(3.0),
        Text(g.about.clone()),
        Text(format!("Age: {}", g.age.note)),
        Gap(4.0),
        Heading("Settings to check".into()),
    ];
    for s in &g.settings {
        b.push(Checkbox(s.title.clone()));
        b.push(Text(s.why.clone()));
        for p in &s.steps {
            match words(&PLATFORMS, &p.platform) {
                "" => {}
                w => b.push(Text(format!("{w}:"))),
            }
            b.extend(p.steps.iter().enumerate().map(|(n, t)| Numbered(n as u32 + 1, t.clone())));
            if !p.confirmed {
                b.push(Text(format!("Not confirmed: {}", p.unconfirmed)));
            }
        }
        b.push(Gap(3.0));
    }
    for (title, lines) in [("Blocking and reporting", &g.block_and_report), ("Things to talk about", &g.talk_about), ("Family tools", &g.family_tools)] {
        b.extend([Gap(2.0), Heading(title.into())]);
        b.extend(lines.iter().map(|l| Bullet(l.clone())));
    }
    b.extend([Gap(2.0), Heading("Where this comes from".into())]);
    b.extend(g.sources.iter().map(|s| {
        let why = s.note.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
        Bullet(format!("{}: {} (read {}).{why}", s.title, s.url, when(&s.read)))
    }));
    let title = format!("{} safety settings", g.name);
    let footer = format!("Harbour app guide. Checked {}.", when(&g.checked));
    Sheet::new(&title, STYLE, b, Some(&footer)).render()
}

/// A child's checklist: for each app, what is done, what does not apply, and what is left.
pub fn render_checklist(child_name: &str, made_on: &str, apps: &[(&Guide, &Checklist)]) -> Vec<u8> {
    use Block::*;
    let mut b = vec![Title(format!("{child_name}'s app checklist")), Text(format!("Made on {made_on}. Tick each setting as you set it, then check again every few months."))];
    if apps.is_empty() {
        b.push(Text("No apps yet. Tick a setting in an App guide, or add the apps this child uses to their agreement.".into()));
    }
    for (g, c) in apps {
        b.extend([Gap(4.0), Heading(format!("{}: {} of {} done", g.name, c.done.len(), c.applicable))]);
        if let Some(on) = &c.recheck_on {
            b.push(Text(format!("Check again by {}.", when(on))));
        }
        for s in &g.settings {
            b.push(if c.done.contains(&s.id) {
                Bullet(format!("Done: {}", s.title))
            } else if c.not_applicable.contains(&s.id) {
                Bullet(format!("Does not apply: {}", s.title))
            } else {
                Checkbox(s.title.clone())
            });
        }
    }
    // The metadata title names what this is, not whose: viewers and desktop search show it.
    Sheet::new("App checklist", STYLE, b, Some("Made with Harbour. Kept only on this computer."))
        .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::pdf_words;
    use crate::vault::checklists::tests::sample_guide;


    #[test]
    fn a_guide_prints_every_setting_and_marks_what_is_unconfirmed() {
        let g = sample_guide();
        let text = pdf_words(&render_guide(&g));
        for s in &g.settings {
            assert!(text.contains(&s.title), "{} missing: {text}", s.title);
        }
        assert!(text.contains("Not confirmed: Sample."));
        assert!(text.contains("Checked on 24 November 2026"));
    }

    #[test]
    fn a_checklist_says_what_is_done_and_what_is_left() {
        let g = sample_guide();
        let c = Checklist {
            child_id: 1,
            guide_id: g.id.clone(),
            done: vec!["private".into()],
            not_applicable: vec!["location".into()],
            applicable: 2,
            checked_on: Some("2026-11-24".into()),
            recheck_months: 3,
            recheck_on: Some("2027-02-24".into()),
            recheck_due: false,
        };
        let pdf = render_checklist("Sam", "24 November 2026", &[(&g, &c)]);
        let text = pdf_words(&pdf);
        for want in ["Sam's app checklist", "Sample: 1 of 2 done", "Done: Set private", "Does not apply: Set location", "Set contact", "24 February 2027"] {
            assert!(text.contains(want), "{want} missing: {text}");
        }
        // The name is on the page, not in the title viewers and desktop search show.
        assert_eq!(crate::print::pdf_title(&pdf), "App checklist");
    }
}
