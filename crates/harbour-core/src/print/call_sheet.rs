//! "Get ready to call 101": one sheet built from chosen entries, with the
//! facts police ask for in the order they ask, and space for the reference
//! number and the officer's name.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sheet::{Block, Sheet, Style};
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

/// One numbered part of the summary: what is known, or a hint of what to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallPart {
    pub title: String,
    pub lines: Vec<String>,
    /// Shown when there are no lines.
    pub hint: String,
    /// Whether the printed sheet leaves a line to write on.
    pub write_space: bool,
}

/// The facts police ask for, in the order they ask, from chosen entries.
/// The screen and the printed sheet both show this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CallSummary {
    #[ts(type = "number[]")]
    pub entry_ids: Vec<i64>,
    pub parts: Vec<CallPart>,
    /// Who to call: the police for the family's nation, from the help list.
    pub police: Vec<crate::region::Contact>,
}

/// `today` is YYYY-MM-DD, for the child's age; `region` is the help list as the family sees it.
pub fn summary(entries: &[LogEntry], children: &[Child], today: &str, region: &crate::region::Region) -> CallSummary {
    let mut sorted: Vec<&LogEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| (&a.input.happened_at, a.id).cmp(&(&b.input.happened_at, b.id)));
    let part = |title: &str, lines: Vec<String>, hint: &str, write_space: bool| CallPart { title: title.into(), lines, hint: hint.into(), write_space };
    let kids = unique(sorted.iter().filter_map(|e| e.input.child_id).filter_map(|id| children.iter().find(|c| c.id == id)).map(|c| c.input.name.as_str()));
    let who: Vec<String> = kids.iter().filter_map(|n| children.iter().find(|c| &c.input.name == n)).map(|c| age_words(c, today)).collect();
    let what = sorted
        .iter()
        .filter(|e| !e.input.facts.trim().is_empty() || !e.input.category.is_empty())
        .map(|e| {
            let kind = if e.input.category.is_empty() { String::new() } else { format!("{}: ", category_words(&e.input.category)) };
            format!("{kind}{}", e.input.facts.trim())
        })
        .collect();
    let when = sorted.iter().map(|e| e.happened_words.clone()).collect();
    let kept: Vec<String> = unique(sorted.iter().map(|e| e.input.evidence.as_str()))
        .into_iter()
        .chain(sorted.iter().flat_map(|e| e.attachments.iter().map(|a| format!("{} (SHA-256 {}...)", a.file_name, &a.sha256[..12.min(a.sha256.len())]))))
        .collect();
    let money = sorted.iter().any(|e| matches!(e.input.category.as_str(), "sextortion" | "money-scams"));
    let money_lines = if money { vec!["One or more entries are about money or blackmail. Say how much, how it was paid, and when.".to_string()] } else { Vec::new() };
    CallSummary {
        entry_ids: sorted.iter().map(|e| e.id).collect(),
        parts: vec![
            part("1. Who it happened to", who, "Say the child's name and age.", false),
            part("2. What happened", what, "Say what you saw or were told, in the exact words if you can.", false),
            part("3. When", when, "Say when it happened. A best guess is fine.", false),
            part("4. Where online", unique(sorted.iter().map(|e| e.input.platform.as_str())), "Not written down yet.", false),
            part(
                "5. The other person's usernames and links",
                unique(sorted.iter().flat_map(|e| [e.input.account.as_str(), e.input.display_name.as_str(), e.input.profile_link.as_str()])),
                "Not written down yet.",
                false,
            ),
            part("6. What has been kept", kept, "Nothing written down yet. Do not delete messages or accounts.", false),
            part("7. Was money asked for, or paid?", money_lines, "Say if anyone asked for money, and whether any was paid.", true),
            part("8. Who else knows", unique(sorted.iter().map(|e| e.input.reported.as_str())), "Say who else you have told, such as the school.", true),
        ],
        police: region.police().cloned().collect(),
    }
}

/// The words added to each entry after the call, as an amendment.
pub fn after_call_words(reference: &str, officer: &str, called: &str) -> String {
    let mut out = format!("Called police on 101{}.", if called.trim().is_empty() { String::new() } else { format!(" on {}", called.trim()) });
    if !reference.trim().is_empty() {
        out.push_str(&format!(" Reference number: {}.", reference.trim()));
    }
    if !officer.trim().is_empty() {
        out.push_str(&format!(" Officer: {}.", officer.trim()));
    }
    out
}

/// The lines at the top of the sheet: the police for the family's nation (a
/// family not sure where it lives gets each nation's), emergency and CEOP, each
/// with its number or web address. `region` is the help list as the family sees it.
pub fn phone_lines(region: &crate::region::Region) -> Vec<String> {
    let line = |what: &str, c: &crate::region::Contact| {
        let reach = c.reach()?;
        // "Police Scotland (101)" already says how to reach it.
        Some(if c.name.contains(&reach) { format!("{what}: {}", c.name) } else { format!("{what}: {reach} ({})", c.name) })
    };
    let police = region.police().filter_map(|c| line("Police, when no one is in danger now", c));
    let others = [("emergency", "A child in danger now"), ("ceop", "Grooming or sextortion, online")]
        .into_iter()
        .filter_map(|(id, what)| line(what, region.contact(id)?));
    police.chain(others).collect()
}

/// The printable sheet; `phone_lines` come from the region's help list.
pub fn render(s: &CallSummary, phone_lines: &[String]) -> Vec<u8> {
    use Block::*;
    let mut b = vec![Title("Getting ready to call 101".into())];
    b.extend(phone_lines.iter().map(|l| Text(l.clone())));
    b.push(Text("Have this sheet in front of you. Read from it. It is fine to say you do not know.".into()));
    for p in &s.parts {
        b.extend([Gap(3.0), Heading(p.title.clone())]);
        if p.lines.is_empty() && !p.write_space {
            b.push(Text(p.hint.clone()));
        }
        b.extend(p.lines.iter().cloned().map(Bullet));
        if p.write_space {
            b.push(WriteOnLines { label: String::new(), lines: 1 });
        }
    }
    b.extend([Gap(5.0), Heading("After the call".into())]);
    b.push(WriteOnLines { label: "Reference number:".into(), lines: 1 });
    b.push(WriteOnLines { label: "Officer's name:".into(), lines: 1 });
    b.push(WriteOnLines { label: "Date and time of the call:".into(), lines: 1 });
    b.push(Text("Add these to the entry in Harbour as an amendment, so they stay with the record.".into()));
    Sheet::new("Getting ready to call 101", Style::BASE, b, Some("Made with Harbour. Keep this sheet private.")).render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::log::LogEntryInput;

    #[test]
    fn the_sheet_holds_the_facts_in_the_order_police_ask() {
        let sam = Child { id: 1, input: ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false } };
        let e = LogEntry::new(
            1,
            1_795_478_400,
            LogEntryInput {
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
        );
        let s = summary(&[e], &[sam], "2026-11-24", crate::region::load("uk").unwrap());
        assert_eq!(s.parts.len(), 8);
        assert_eq!(s.parts[6].lines.len(), 1, "sextortion is about money");
        assert_eq!(s.police.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["police-101", "police-scotland", "psni"], "every nation's, for a family not sure");
        let pdf = render(&s, &["Police: 101. In an emergency: 999.".into()]);
        let text = crate::print::pdf_words(&pdf);
        let order = ["Police: 101", "Sam, aged 11 to 13", "Asked for £50", "20 November 2026, 19:40", "Snapchat", "skater_boy_07", "Screenshots on my phone", "money", "School, 21 November", "Reference number:", "Officer's name:"];
        let mut at = 0;
        for want in order {
            let found = text[at..].find(want).unwrap_or_else(|| panic!("{want} missing or out of order in: {text}"));
            at += found;
        }
        }

    #[test]
    fn an_entry_with_little_written_gets_hints_not_blanks() {
        let e = LogEntry::new(7, 0, LogEntryInput { happened_at: "2026-11-20".into(), account: "someone".into(), ..Default::default() });
        let s = summary(&[e], &[], "2026-11-24", crate::region::load("uk").unwrap());
        assert_eq!(s.entry_ids, vec![7]);
        assert!(s.parts[0].lines.is_empty() && s.parts[0].hint.contains("name and age"));
        assert!(s.parts[6].lines.is_empty(), "no money category, no money line");
        assert_eq!(s.parts[4].lines, vec!["someone"]);
    }

    #[test]
    fn the_sheet_names_the_familys_police_then_999_then_ceop() {
        use crate::nation::Nation;
        let uk = crate::region::load("uk").unwrap();
        for (nation, police) in [(Nation::England, "police-101"), (Nation::Wales, "police-101"), (Nation::Scotland, "police-scotland"), (Nation::NorthernIreland, "psni")] {
            let lines = phone_lines(&uk.for_nation(Some(nation)));
            let name = &uk.contact(police).unwrap().name;
            assert_eq!(lines.len(), 3, "{lines:?}");
            assert_eq!(lines[0], format!("Police, when no one is in danger now: {name}"), "{nation:?}: {lines:?}");
            assert!(name.contains("101"), "{name}");
            assert!(lines[1].contains(": 999 ") && lines[2].contains("ceop.police.uk"), "{lines:?}");
        }
        let not_sure = phone_lines(&uk.for_nation(None));
        assert_eq!(not_sure.len(), 5, "each nation's police, then 999 and CEOP: {not_sure:?}");
    }

    #[test]
    fn after_the_call_words_leave_out_what_was_not_given() {
        assert_eq!(after_call_words(" CAD 1234 ", "PC Hale", "24 November 2026, 10:15"), "Called police on 101 on 24 November 2026, 10:15. Reference number: CAD 1234. Officer: PC Hale.");
        assert_eq!(after_call_words("", "", ""), "Called police on 101.");
    }
}
