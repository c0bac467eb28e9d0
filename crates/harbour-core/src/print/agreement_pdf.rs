//! The family agreement as a PDF to print, sign at home and put on the fridge:
//! large type, numbered rules under their sections, and room to sign.

use super::sheet::{Block, Sheet, Style};

pub struct AgreementPrint<'a> {
    /// e.g. "Sam"
    pub child_name: &'a str,
    /// A date in words, e.g. "24 November 2026".
    pub made_on: &'a str,
    /// The review date in words, when known.
    pub review_on: Option<&'a str>,
    /// Only sections that have rules, in order.
    pub sections: Vec<PrintSection<'a>>,
    /// May be empty.
    pub signers: Vec<PrintSigner<'a>>,
    /// Some when printing a version signed by typing names.
    pub signed: Option<PrintSigned<'a>>,
    /// The foster agency whose pack is in use, if any.
    pub agency: Option<&'a str>,
    /// For a looked-after child: who decides what.
    pub who_decides: Option<WhoDecides>,
}

/// Who decides what for a looked-after child, one line per decision, and as of when.
pub struct WhoDecides {
    pub lines: Vec<String>,
    pub as_of: AsOf,
}

pub enum AsOf {
    /// The working copy: as the placement plan says today.
    Now,
    /// A signed version: as it read when it was signed.
    Signing,
    /// A version signed before Harbour kept who decides with it: as it reads today.
    NowNotKept,
}

pub struct PrintSection<'a> {
    pub title: &'a str,
    pub rules: Vec<&'a str>,
}

pub struct PrintSigner<'a> {
    pub name: &'a str,
    /// In words: "Child", "Parent", "Carer", "Other home", "Other".
    pub role: &'a str,
}

pub struct PrintSigned<'a> {
    /// A date in words.
    pub on: &'a str,
    pub names: Vec<&'a str>,
}

const STYLE: Style = Style {
    title_pt: 26.0,
    heading_pt: 17.0,
    body_pt: 14.0,
    leading: 1.4,
    item_gap: 2.2,
    margin_x: 20.0,
    top: 28.0,
    bottom: 24.0,
    ..Style::BASE
};

const FOOTER: &str = "Made with Harbour. Kept only on this computer.";

fn title(a: &AgreementPrint) -> String {
    match a.child_name.trim() {
        "" => "Our family online safety agreement".into(),
        name => format!("{name}'s online safety agreement"),
    }
}

fn blocks(a: &AgreementPrint) -> Vec<Block> {
    use Block::*;
    let mut b = vec![Title(title(a))];
    let again = match a.review_on {
        Some(date) => format!("look at it again on {date}"),
        None => "look at it again on the date at the end".into(),
    };
    b.push(Text(format!("We made this together on {}. We will all keep it, and {again}.", a.made_on)));
    if let Some(agency) = a.agency {
        b.push(Text(format!("Made with Harbour as set up by {agency}.")));
    }
    let mut number = 0;
    for section in &a.sections {
        b.extend([Gap(5.0), Heading(section.title.into())]);
        for rule in &section.rules {
            number += 1;
            b.push(Numbered(number, (*rule).into()));
        }
    }
    if number == 0 {
        b.extend([Gap(5.0), Text("There are no rules in this agreement yet.".into())]);
    }
    if let Some(w) = &a.who_decides {
        let name = a.child_name.trim();
        let plan = match w.as_of {
            AsOf::Now => format!("As {name}'s placement plan says:"),
            AsOf::Signing => format!("As {name}'s placement plan said when this was signed:"),
            AsOf::NowNotKept => format!("This was signed before Harbour kept this part with it. Today {name}'s placement plan says:"),
        };
        b.extend([Gap(5.0), Heading("Who decides".into())]);
        b.push(Text(format!("Some decisions are not the foster carer's to make. {plan}")));
        b.extend(w.lines.iter().map(|l| Bullet(l.clone())));
    }
    b.extend([Gap(7.0), Heading("Signed by".into())]);
    match &a.signed {
        Some(signed) => {
            b.push(Text(format!("We signed by typing our names on {}:", signed.on)));
            b.extend(signed.names.iter().map(|n| Bullet((*n).into())));
        }
        None => {
            b.push(Text("Each of us signs to say we agree.".into()));
            b.push(Gap(4.0));
            if a.signers.is_empty() {
                b.extend((0..4).map(|_| SignatureLine { label: String::new() }));
            }
            for s in &a.signers {
                let label = if s.role.trim().is_empty() { s.name.to_string() } else { format!("{} ({})", s.name, s.role) };
                b.push(SignatureLine { label });
            }
        }
    }
    if a.review_on.is_none() {
        b.extend([Gap(6.0), WriteOnLines { label: "Look at it again on:".into(), lines: 1 }]);
    }
    b
}

fn sheet<'a>(a: &AgreementPrint, title: &'a str) -> Sheet<'a> {
    Sheet::new(title, STYLE, blocks(a), Some(FOOTER))
}

/// The PDF's own title, which viewers show in their title bar and desktop
/// search indexes: it names what the document is, never the child.
const METADATA_TITLE: &str = "Family online safety agreement";

/// The agreement as PDF bytes, on as many A4 pages as it needs.
pub fn render(a: &AgreementPrint) -> Vec<u8> {
    sheet(a, METADATA_TITLE).render()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: [&str; 5] = [
        "We keep phones and tablets downstairs at night, charging in the kitchen.",
        "If something online makes any of us feel worried, scared or upset, we tell a grown-up we trust.",
        "We ask before downloading a new app or game.",
        "We never share our address, school or passwords with people we only know online.",
        "Nobody is in trouble for telling.",
    ];

    fn agreement<'a>(name: &'a str, rules: usize, signers: Vec<PrintSigner<'a>>) -> AgreementPrint<'a> {
        let sections = ["Screens at home", "Staying safe", "Being kind", "Telling"]
            .iter()
            .enumerate()
            .map(|(i, title)| PrintSection {
                title,
                rules: (0..rules).filter(|r| r % 4 == i).map(|r| RULES[r % RULES.len()]).collect(),
            })
            .filter(|s| !s.rules.is_empty())
            .collect();
        AgreementPrint { child_name: name, made_on: "24 November 2026", review_on: Some("24 February 2027"), sections, signers, signed: None, agency: None, who_decides: None }
    }

    fn pages_text(pdf: &[u8]) -> (usize, Vec<String>) {
        let texts = crate::print::pdf_pages(pdf);
        (texts.len(), texts)
    }

    #[test]
    fn the_pdf_holds_the_name_every_rule_section_and_signer() {
        let signers = vec![
            PrintSigner { name: "Sam", role: "Child" },
            PrintSigner { name: "Alex Morgan", role: "Parent" },
            PrintSigner { name: "Jo", role: "Other home" },
        ];
        let a = agreement("Sam", 8, signers);
        let (_, texts) = pages_text(&render(&a));
        let all = texts.join(" ");
        assert!(all.contains("Sam's online safety agreement"), "{all}");
        assert!(all.contains("look at it again on 24 February 2027"), "{all}");
        for s in &a.sections {
            assert!(all.contains(s.title), "section {:?} missing", s.title);
            for r in &s.rules {
                assert!(all.contains(r), "rule {r:?} missing from {all}");
            }
        }
        for name in ["Alex Morgan (Parent)", "Jo (Other home)", "Signature", "Date"] {
            assert!(all.contains(name), "{name:?} missing");
        }
        assert!(all.contains("1. ") && all.contains("8. "), "numbering: {all}");
    }

    #[test]
    fn a_long_agreement_flows_onto_more_pages_each_with_the_footer() {
        let a = agreement("Sam", 25, vec![PrintSigner { name: "Sam", role: "Child" }]);
        let (n, texts) = pages_text(&render(&a));
        assert!(n > 1);
        for (i, t) in texts.iter().enumerate() {
            assert!(t.contains(FOOTER), "page {} lacks the footer: {t}", i + 1);
            assert!(t.contains(&format!("Page {} of {n}", i + 1)));
        }
        assert!(texts.join(" ").contains("25. "));
    }

    #[test]
    fn names_in_any_script_print_exactly_as_typed() {
        for name in ["Zoë", "Łucja", "Zofia Łukasiewicz", "李小龙", "Siân’s friend", "Ayşe", "Дарина", "মাহমুদ", "ਗੁਰਪ੍ਰੀਤ"] {
            let a = AgreementPrint {
                signed: Some(PrintSigned { on: "1 December 2026", names: vec![name, "Alex"] }),
                ..agreement(name, 3, vec![PrintSigner { name, role: "Child" }])
            };
            let all = crate::print::pdf_words(&render(&a));
            assert!(all.contains(&format!("{name}'s online safety agreement")), "{all}");
            assert!(all.contains(&format!("• {name} • Alex")), "{all}");
            assert!(all.contains("We signed by typing our names on 1 December 2026:"), "{all}");
        }
    }

    #[test]
    fn pages_are_a4_and_the_document_is_titled() {
        let pdf = render(&agreement("Łucja", 4, Vec::new()));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        for (_, id) in doc.get_pages() {
            let page = doc.get_dictionary(id).unwrap();
            let b: Vec<f32> = page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect();
            assert!((b[2] - b[0] - 595.28).abs() < 0.5 && (b[3] - b[1] - 841.89).abs() < 0.5, "{b:?}");
        }
        // The child's name is on the page, not in the metadata a desktop indexer or a viewer's title bar shows.
        assert_eq!(crate::print::pdf_title(&pdf), "Family online safety agreement");
    }

    #[test]
    fn blank_signature_lines_and_a_review_line_when_nothing_is_known() {
        let a = AgreementPrint { review_on: None, ..agreement("Sam", 3, Vec::new()) };
        let b = blocks(&a);
        assert_eq!(b.iter().filter(|b| matches!(b, Block::SignatureLine { label } if label.is_empty())).count(), 4);
        assert!(b.iter().any(|b| matches!(b, Block::WriteOnLines { label, .. } if label == "Look at it again on:")));
        let (_, texts) = pages_text(&render(&a));
        assert!(texts.join(" ").contains("Look at it again on:"));
    }
}
