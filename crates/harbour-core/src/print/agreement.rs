//! Turns an agreement or a conversation plan into the words the printed
//! documents hold, then into PDF bytes. The layout itself is in `crate::print`.

use crate::agreement::conversations::Planner;
use crate::agreement::rules::RuleLibrary;
use crate::print::agreement_pdf::{self, AgreementPrint, AsOf, PrintSection, PrintSigned, PrintSigner, WhoDecides};
use crate::print::prompt_card::{self, PromptCard};
use crate::dates::{add_months, in_words as date_words};
use crate::region::Region;
use crate::vault::agreements::{Agreement, Role, SignedItem};
use crate::vault::delegated_authority::DelegatedAuthority;
use crate::vault::children::AgeBand;
use crate::dates::unix_in_words as date_in_words;
use crate::vault::VaultError;

pub fn role_words(r: Role) -> &'static str {
    match r {
        Role::Child => "Child",
        Role::Parent => "Parent",
        Role::Carer => "Carer",
        Role::OtherHome => "Other home",
        Role::Other => "Other",
    }
}

pub fn band_words(b: AgeBand) -> &'static str {
    match b {
        AgeBand::Under5 => "under 5",
        AgeBand::From5To7 => "5 to 7",
        AgeBand::From8To10 => "8 to 10",
        AgeBand::From11To13 => "11 to 13",
        AgeBand::From14To15 => "14 to 15",
        AgeBand::From16To17 => "16 to 17",
    }
}

fn invalid(m: &str) -> VaultError {
    VaultError::Invalid(m.into())
}

/// The rules grouped by section in the library's section order, each
/// section keeping the family's own order.
fn sections<'a>(lib: &'a RuleLibrary, items: &'a [SignedItem]) -> Vec<PrintSection<'a>> {
    lib.sections
        .iter()
        .map(|s| PrintSection { title: &s.title, rules: items.iter().filter(|i| i.section == s.id).map(|i| i.text.as_str()).collect() })
        .filter(|s| !s.rules.is_empty())
        .collect()
}

/// What a printed agreement is made from: a signed version or the working copy.
struct PrintSource<'a> {
    /// The day it was signed, or today for the working copy, in words.
    made_on: String,
    items: Vec<SignedItem>,
    /// People to sign by hand (the working copy) or who signed on paper.
    signers: Vec<(String, Role)>,
    /// When signed by typing names: the date in words and the names.
    signed: Option<(String, Vec<String>)>,
    review_on: String,
    who_decides: Option<WhoDecides>,
    /// The agency Harbour was set up by, now or when signed.
    agency: Option<&'a str>,
}

/// The agreement as a PDF: the signed version `version_id`, or the working
/// copy (with signature lines) when None. `today` is YYYY-MM-DD.
/// `who_decides_now` is `who_decides_lines` for a looked-after child today, else
/// empty; `agency_now` is the agency whose pack is in use. A signed version
/// prints both as they were when it was signed, where it kept them.
pub fn agreement_pdf<'a>(
    a: &'a Agreement,
    child_name: &str,
    lib: &RuleLibrary,
    version_id: Option<i64>,
    today: &str,
    agency_now: Option<&'a str>,
    who_decides_now: &[String],
) -> Result<Vec<u8>, VaultError> {
    let today_words = date_words(today).ok_or_else(|| invalid("Today's date could not be read."))?;
    let who_decides = |lines: &[String], as_of| (!lines.is_empty()).then(|| WhoDecides { lines: lines.to_vec(), as_of });
    let PrintSource { made_on, items, signers, signed, review_on, who_decides, agency } = match version_id {
        Some(id) => {
            let v = a.versions.iter().find(|v| v.id == id).ok_or_else(|| invalid("That signed version is no longer here."))?;
            let s = &v.snapshot;
            let signed_on = date_in_words(v.signed_at);
            PrintSource {
                made_on: signed_on.clone(),
                items: s.items.clone(),
                signers: s.on_paper.iter().map(|p| (p.name.clone(), p.role)).collect(),
                signed: (!s.signatures.is_empty()).then(|| (signed_on, s.signatures.iter().map(|x| x.name.clone()).collect())),
                review_on: v.review_on.clone(),
                who_decides: match &s.who_decides {
                    Some(kept) => who_decides(kept, AsOf::Signing),
                    None => who_decides(who_decides_now, AsOf::NowNotKept),
                },
                agency: s.agency.as_deref(),
            }
        }
        None => PrintSource {
            made_on: today_words,
            items: a.items.iter().map(|i| SignedItem { rule_id: i.rule_id.clone(), section: i.section.clone(), text: i.text.clone() }).collect(),
            signers: a.signers.iter().map(|s| (s.name.clone(), s.role)).collect(),
            signed: None,
            review_on: add_months(today, a.review_months).ok_or_else(|| invalid("Today's date could not be read."))?,
            who_decides: who_decides(who_decides_now, AsOf::Now),
            agency: agency_now,
        },
    };
    if items.is_empty() {
        return Err(invalid("The agreement has no rules yet."));
    }
    let review_words = date_words(&review_on);
    let print = AgreementPrint {
        child_name,
        made_on: &made_on,
        review_on: review_words.as_deref(),
        sections: sections(lib, &items),
        signers: signers.iter().map(|(name, role)| PrintSigner { name, role: role_words(*role) }).collect(),
        signed: signed.as_ref().map(|(on, names)| PrintSigned { on, names: names.iter().map(String::as_str).collect() }),
        agency,
        who_decides,
    };
    Ok(agreement_pdf::render(&print))
}

/// What a printed agreement says about who decides, one line per decision:
/// "Taking and sharing photos of them: their social worker. School photos only."
pub fn who_decides_lines(d: &DelegatedAuthority, agency: Option<&str>) -> Vec<String> {
    d.rows
        .iter()
        .map(|r| {
            let who = match (r.decider, r.from_agency) {
                (None, _) => "not recorded yet".to_string(),
                (Some(_), true) => format!("{} (usually, says {}; check the placement plan)", r.decider_words.to_lowercase(), agency.unwrap_or("the agency")),
                (Some(_), false) => r.decider_words.to_lowercase(),
            };
            let note = if r.note.is_empty() { String::new() } else { format!(". {}", r.note) };
            format!("{}: {who}{note}", r.label)
        })
        .collect()
}

/// The one-page prompt card for a talk about `topic` with a child in `band`.
pub fn prompt_card_pdf(planner: &Planner, topic: &str, band: AgeBand, child_name: Option<&str>, notes: &str, region: &Region) -> Result<Vec<u8>, VaultError> {
    let t = planner.topics.iter().find(|t| t.id == topic).ok_or_else(|| invalid("That topic is not in Harbour's list."))?;
    let mut help = Vec::new();
    for sid in &t.help {
        for cid in region.situations.iter().filter(|s| &s.id == sid).flat_map(|s| &s.contacts) {
            if let Some(c) = region.contact(cid) {
                if let Some(how) = c.reach() {
                    let line = if c.name.contains(&how) { c.name.clone() } else { format!("{}: {how}", c.name) };
                    if !help.contains(&line) {
                        help.push(line);
                    }
                }
            }
        }
    }
    let card = PromptCard {
        topic_title: &t.title,
        child_name,
        band_label: band_words(band),
        openers: t.openers_for(band),
        listen_for: t.listen_for.iter().map(String::as_str).collect(),
        messages: t.messages_for(band),
        if_they_tell_you_do: planner.if_they_tell_you.to_do.iter().map(String::as_str).collect(),
        if_they_tell_you_dont: planner.if_they_tell_you.dont.iter().map(String::as_str).collect(),
        next_steps: t.next_steps.iter().map(String::as_str).collect(),
        notes,
        help_lines: help.iter().map(String::as_str).collect(),
    };
    Ok(prompt_card::render(&card))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::pdf_words;
    use crate::agreement::{conversations, rules};
    use crate::vault::agreements::{AtSigning, SignerInput};
    use crate::vault::children::ChildInput;
    use crate::vault::db::Db;
    use crate::vault::DbKey;


    #[test]
    fn the_working_copy_and_each_signed_version_print_as_they_read() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let lib = rules::builtin().unwrap();
        let child = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
            .unwrap();
        let a = db.agreement_start(child.id, lib, AgeBand::From11To13, &[]).unwrap();
        db.agreement_reword(a.items[0].id, "My phone sleeps downstairs.").unwrap();
        let signers = db.agreement_set_signers(a.id, &[SignerInput { name: "Sam".into(), role: Role::Child }]).unwrap();
        let v1 = db.agreement_sign(a.id, &[(signers[0].id, "Sam".into())], "2026-11-24", AtSigning { who_decides: &[], agency: Some("Brightwater Fostering") }).unwrap();
        db.agreement_reword(a.items[0].id, "Phones charge in the kitchen.").unwrap();
        let a = db.agreement(a.id).unwrap();

        let now = pdf_words(&agreement_pdf(&a, "Sam", lib, None, "2026-11-24", Some("Brightwater Fostering"), &[]).unwrap());
        assert!(now.contains("Made with Harbour as set up by Brightwater Fostering."), "{now}");
        assert!(now.contains("Phones charge in the kitchen."), "{now}");
        assert!(now.contains("24 February 2027"), "the review date if signed today: {now}");
        let signed = pdf_words(&agreement_pdf(&a, "Sam", lib, Some(v1.id), "2026-12-01", Some("Harbourside Care"), &[]).unwrap());
        assert!(signed.contains("My phone sleeps downstairs."), "{signed}");
        assert!(signed.contains("Made with Harbour as set up by Brightwater Fostering."), "the agency when it was signed: {signed}");
        assert!(!signed.contains("Harbourside"), "not the agency now: {signed}");
        assert!(!signed.contains("Phones charge in the kitchen."));
        assert!(!signed.contains("1 December 2026"), "made on the day it was signed, not the day it was printed: {signed}");
        assert!(agreement_pdf(&a, "Sam", lib, Some(9999), "2026-12-01", None, &[]).is_err());
        assert!(agreement_pdf(&a, "Sam", lib, None, "not a date", None, &[]).is_err());
        assert!(!now.contains("Who decides"), "only for a looked-after child");
    }

    #[test]
    fn a_looked_after_childs_agreement_prints_who_decides() {
        use crate::vault::delegated_authority::AuthorityChoice;
        use harbour_pack::{Decider, DelegatedDecision};
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let lib = rules::builtin().unwrap();
        let kai = db.add_child(&ChildInput::aged_11_to_13("Kai", true)).unwrap();
        let a = db.agreement_start(kai.id, lib, AgeBand::From11To13, &[]).unwrap();
        let note = "Mum agrees to school photos only. Zdjęcia tylko ze szkoły.";
        db.set_delegated_authority(kai.id, &[AuthorityChoice { decision: DelegatedDecision::Photos, decider: Some(Decider::Parent), note: note.into() }]).unwrap();
        let preset = [(DelegatedDecision::Phone, Decider::FosterCarer)].into();
        let authority = db.delegated_authority(kai.id, &preset).unwrap();
        let lines = who_decides_lines(&authority, Some("Brightwater Fostering"));
        let words = pdf_words(&agreement_pdf(&a, "Kai", lib, None, "2026-12-03", Some("Brightwater Fostering"), &lines).unwrap());
        for want in [
            "Who decides",
            "As Kai's placement plan says:",
            "Having a phone, and what kind: you, the foster carer (usually, says Brightwater Fostering; check the placement plan)",
            &format!("Taking and sharing photos of them: a parent with parental responsibility. {note}"),
            "Staying over at a friend's house: not recorded yet",
        ] {
            assert!(words.replace(char::is_whitespace, "").contains(&want.replace(char::is_whitespace, "")), "{want} missing: {words}");
        }
    }

    #[test]
    fn a_version_signed_before_who_decides_was_kept_says_it_prints_todays() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let lib = rules::builtin().unwrap();
        let kai = db.add_child(&ChildInput::aged_11_to_13("Kai", true)).unwrap();
        let a = db.agreement_start(kai.id, lib, AgeBand::From11To13, &[]).unwrap();
        let kept = vec!["Staying over at a friend's house: you, the foster carer".to_string()];
        let v = db.agreement_signed_on_paper(a.id, "2026-11-24", AtSigning { who_decides: &kept, agency: None }).unwrap();
        let today = vec!["Staying over at a friend's house: their social worker".to_string()];
        let mut a = db.agreement(a.id).unwrap();
        let words = |a: &Agreement| pdf_words(&agreement_pdf(a, "Kai", lib, Some(v.id), "2026-12-04", Some("Brightwater Fostering"), &today).unwrap()).split_whitespace().collect::<Vec<_>>().join(" ");
        let signed = words(&a);
        assert!(signed.contains("As Kai's placement plan said when this was signed:"), "{signed}");
        assert!(signed.contains("Staying over at a friend's house: you, the foster carer"), "{signed}");
        a.versions[0].snapshot.who_decides = None;
        let older = words(&a);
        assert!(older.contains("This was signed before Harbour kept this part with it. Today Kai's placement plan says:"), "{older}");
        assert!(!older.contains("set up by"), "no agency was kept with it, so none is named, not even today's: {older}");
        assert!(older.contains("their social worker"), "{older}");
    }

    #[test]
    fn the_prompt_card_holds_the_notes_and_who_to_call() {
        let planner = conversations::builtin().unwrap();
        let region = crate::region::load("uk").unwrap();
        let pdf = prompt_card_pdf(planner, "sextortion", AgeBand::From11To13, Some("Sam"), "Ask about the new game friend.", region).unwrap();
        let text = pdf_words(&pdf);
        assert!(text.contains("Ask about the new game friend."), "{text}");
        assert!(text.contains("CEOP") || text.contains("999"), "{text}");
        assert!(prompt_card_pdf(planner, "weather", AgeBand::From11To13, None, "", region).is_err());
    }

    #[test]
    fn bands_in_words() {
        assert_eq!(band_words(AgeBand::From11To13), "11 to 13");
    }
}
