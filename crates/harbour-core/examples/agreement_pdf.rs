//! Writes a sample family agreement and prompt card so their layout can be
//! looked at: cargo run -p harbour-core --example agreement_pdf
//! (writes /tmp/agreement.pdf and /tmp/prompt_card.pdf).

use harbour_core::agreement::conversations::BandedLine;
use harbour_core::print::agreement_pdf::{self, AgreementPrint, PrintSection, PrintSigner};
use harbour_core::print::prompt_card::{self, PromptCard};
use harbour_core::vault::children::AgeBand;

fn main() {
    let agreement = AgreementPrint {
        child_name: "Sam",
        made_on: "24 November 2026",
        review_on: Some("24 February 2027"),
        agency: None,
        who_decides: None,
        sections: vec![
            PrintSection {
                title: "Screens at home",
                rules: vec![
                    "Phones and tablets stay downstairs at night, charging in the kitchen.",
                    "No screens at the dinner table, for grown-ups too.",
                    "We ask before downloading a new app or game.",
                ],
            },
            PrintSection {
                title: "Staying safe online",
                rules: vec![
                    "We never share our address, school or passwords with people we only know online.",
                    "If someone we only know online asks to meet, we tell a grown-up first.",
                    "We do not send pictures of our body to anyone, and we tell a grown-up if someone asks.",
                    "If something online makes us feel worried, scared or upset, we tell a grown-up we trust.",
                ],
            },
            PrintSection {
                title: "Being kind",
                rules: vec![
                    "We only post things about other people that they would be happy to see.",
                    "If someone is being unkind online, we do not join in, and we tell someone.",
                ],
            },
            PrintSection {
                title: "Telling",
                rules: vec![
                    "Nobody is in trouble for telling.",
                    "Grown-ups will stay calm and listen first.",
                    "We look at this agreement again together, and change it as Sam grows up.",
                ],
            },
        ],
        signers: vec![
            PrintSigner { name: "Sam", role: "Child" },
            PrintSigner { name: "Alex Morgan", role: "Parent" },
            PrintSigner { name: "Jo Morgan", role: "Other home" },
        ],
        signed: None,
    };
    std::fs::write("/tmp/agreement.pdf", agreement_pdf::render(&agreement)).expect("can write /tmp/agreement.pdf");
    println!("wrote /tmp/agreement.pdf");

    let planner = harbour_core::agreement::conversations::builtin().expect("the built-in planner loads");
    let topic = planner.topic("sextortion").expect("the sextortion topic");
    let band = |lines: &'static [BandedLine]| -> Vec<&'static str> {
        lines.iter().filter(|l| l.bands.contains(&AgeBand::From11To13)).map(|l| l.text.as_str()).collect()
    };
    let card = PromptCard {
        topic_title: &topic.title,
        child_name: Some("Sam"),
        band_label: "11 to 13",
        openers: band(&topic.openers),
        listen_for: topic.listen_for.iter().map(String::as_str).collect(),
        messages: band(&topic.messages),
        if_they_tell_you_do: planner.if_they_tell_you.to_do.iter().map(String::as_str).collect(),
        if_they_tell_you_dont: planner.if_they_tell_you.dont.iter().map(String::as_str).collect(),
        next_steps: topic.next_steps.iter().map(String::as_str).collect(),
        notes: "Sam has been quiet since Saturday and keeps his phone face down on the table.\n\
                Talk in the car on the way to football, not at bedtime. Start with the news story, not with his phone.\n\
                Remember: he is not in trouble. Do not take the phone away.",
        help_lines: vec![
            "Police: 999 in an emergency, 101 otherwise",
            "CEOP: ceop.police.uk/safety-centre",
            "Report Remove (under-18s): childline.org.uk/report-remove",
            "Childline: 0800 1111",
        ],
    };
    std::fs::write("/tmp/prompt_card.pdf", prompt_card::render(&card)).expect("can write /tmp/prompt_card.pdf");
    println!("wrote /tmp/prompt_card.pdf");
}
