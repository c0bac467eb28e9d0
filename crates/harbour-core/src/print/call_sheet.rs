//! "Get ready to call 101": one sheet built from chosen entries, with the
//! facts police ask for in the order they ask, and space for the reference
//! number and the officer's name.

use super::layout::{Block, Sheet, Style};
use super::chronology::category_words;
use crate::vault::children::{Age, Child};
use crate::vault::log::LogEntry;

fn age_words(c: &Child, today: &str) -> String {
    match c.input.age_on(today) {
        Some(Age::Years(y)) => format!("{}, aged {y}", c.input.name),
        Some(Age::Band(b)) => {
            let (lo, hi) = b.years();
            format!("{}, aged {lo} to {hi}", c.input.name)
        }
        None => c.input.name.clone(),
    }
}

fn unique<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(v)) {
            out.push(v.to_string());
        }
    }
    out
}

/// The sheet. `today` is YYYY-MM-DD; `phone_lines` come from the region's help list.
pub fn render(entries: &[LogEntry], children: &[Child], today: &str, phone_lines: &[String]) -> Vec<u8> {
    use Block::*;
    let mut sorted: Vec<&LogEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| (&a.input.happened_at, a.id).cmp(&(&b.input.happened_at, b.id)));
    let mut b = vec![Title("Getting ready to call 101".into())];
    b.extend(phone_lines.iter().map(|l| Text(l.clone())));
    b.push(Text("Have this sheet in front of you. Read from it. It is fine to say you do not know.".into()));

    let mut part = |title: &str, lines: Vec<String>, empty: &str| {
        b.extend([Gap(3.0), Heading(title.into())]);
        if lines.is_empty() {
            b.push(Text(empty.into()));
        } else {
            b.extend(lines.into_iter().map(Bullet));
        }
    };
    let kids = unique(sorted.iter().filter_map(|e| e.input.child_id).filter_map(|id| children.iter().find(|c| c.id == id)).map(|c| c.input.name.as_str()));
    let who: Vec<String> = kids.iter().filter_map(|n| children.iter().find(|c| &c.input.name == n)).map(|c| age_words(c, today)).collect();
    part("1. Who it happened to", who, "Say the child's name and age.");
    part(
        "2. What happened",
        sorted
            .iter()
            .map(|e| {
                let kind = if e.input.category.is_empty() { String::new() } else { format!("{}: ", category_words(&e.input.category)) };
                format!("{kind}{}", e.input.facts.trim())
            })
            .collect(),
        "",
    );
    part("3. When", sorted.iter().map(|e| e.input.happened_at.replace('T', " at ") + &if e.input.happened_rough.is_empty() { String::new() } else { format!(" ({})", e.input.happened_rough) }).collect(), "");
    part("4. Where online", unique(sorted.iter().map(|e| e.input.platform.as_str())), "Not written down yet.");
    part(
        "5. The other person's usernames and links",
        unique(sorted.iter().flat_map(|e| [e.input.account.as_str(), e.input.display_name.as_str(), e.input.profile_link.as_str()])),
        "Not written down yet.",
    );
    let kept: Vec<String> = unique(sorted.iter().map(|e| e.input.evidence.as_str()))
        .into_iter()
        .chain(sorted.iter().flat_map(|e| e.attachments.iter().map(|a| format!("{} (SHA-256 {}...)", a.file_name, &a.sha256[..12]))))
        .collect();
    part("6. What has been kept", kept, "Nothing written down yet. Do not delete messages or accounts.");
    let money = sorted.iter().any(|e| matches!(e.input.category.as_str(), "sextortion" | "money-scams"));
    b.extend([Gap(3.0), Heading("7. Was money asked for, or paid?".into())]);
    if money {
        b.push(Text("One or more entries are about money or blackmail. Say how much, how it was paid, and when.".into()));
    }
    b.push(WriteOnLines { label: String::new(), lines: 1 });
    b.extend([Gap(3.0), Heading("8. Who else knows".into())]);
    let told = unique(sorted.iter().map(|e| e.input.reported.as_str()));
    b.extend(told.into_iter().map(Bullet));
    b.push(WriteOnLines { label: String::new(), lines: 1 });
    b.extend([Gap(5.0), Heading("After the call".into())]);
    b.push(WriteOnLines { label: "Reference number:".into(), lines: 1 });
    b.push(WriteOnLines { label: "Officer's name:".into(), lines: 1 });
    b.push(WriteOnLines { label: "Date and time of the call:".into(), lines: 1 });
    b.push(Text("Add these to the entry in Harbour as an amendment, so they stay with the record.".into()));
    let style = Style {
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
    Sheet { title: "Getting ready to call 101", style, header: Vec::new(), body: b, footer: Some("Made with Harbour. Keep this sheet private."), balance: false, page_limit: None }
        .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::log::LogEntryInput;

    #[test]
    fn the_sheet_holds_the_facts_in_the_order_police_ask() {
        let sam = Child { id: 1, input: ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false } };
        let e = LogEntry {
            id: 1,
            written_at: 1_795_478_400,
            input: LogEntryInput {
                child_id: Some(1),
                happened_at: "2026-11-20T19:40".into(),
                category: "sextortion".into(),
                platform: "Snapchat".into(),
                account: "skater_boy_07".into(),
                facts: "Asked for £50".into(),
                evidence: "Screenshots on my phone".into(),
                reported: "School, 21 November".into(),
                ..Default::default()
            },
            amendments: vec![],
            attachments: vec![],
        };
        let pdf = render(&[e], &[sam], "2026-11-24", &["Police: 101. In an emergency: 999.".into()]);
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        let order = ["Police: 101", "Sam, aged 11 to 13", "Asked for £50", "2026-11-20 at 19:40", "Snapchat", "skater_boy_07", "Screenshots on my phone", "money", "School, 21 November", "Reference number:", "Officer's name:"];
        let mut at = 0;
        for want in order {
            let found = text[at..].find(want).unwrap_or_else(|| panic!("{want} missing or out of order in: {text}"));
            at += found;
        }
    }
}
