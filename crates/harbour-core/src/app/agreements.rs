//! The agreement builder, the conversation planner and the apps each child
//! uses. Every change returns the agreement as it now is, so the page never guesses.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use harbour_pack::{Decider, DelegatedDecision};

use super::{content, App, FileDialog};
use crate::agreement::conversations::{Planner, Topic};
use crate::print::agreement as printing;
use crate::agreement::rules::{Rule, RuleLibrary, Section, Voice};
use crate::apps::{Catalogue, ChildApps};
use crate::error::{ErrorCode, UserError};
use crate::vault::agreements::{Agreement, AgreementSummary, AtSigning, HistoryEntry, SignedVersion, SignerInput};
use crate::vault::children::{AgeBand, Child};
use crate::vault::db::Db;
use crate::vault::delegated_authority::{AuthorityChoice, DelegatedAuthority};
use crate::vault::VaultError;

/// The band whose rules suit the child today. Under 5s get the youngest set
/// Harbour has; None when their age is not known (or they are 18 or over).
pub fn rules_band(child: &Child, today: &str) -> Option<AgeBand> {
    match child.input.age_on(today).and_then(|a| a.band()) {
        Some(AgeBand::Under5) => Some(AgeBand::From5To7),
        band => band,
    }
}

/// The rules an agreement starts with are for the child's age today; a child
/// whose age is not known starts with the oldest set.
pub fn starting_band(child: &Child, today: &str) -> AgeBand {
    rules_band(child, today).unwrap_or(AgeBand::From16To17)
}

/// The band the planner's words are for when no child and no band is chosen.
pub const FAMILY_BAND: AgeBand = AgeBand::From11To13;

/// What the conversation planner offers for a child, or with none chosen, for the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConversationFit {
    /// The topics that suit, each holding only the rules that suit and the openers and messages for `band`.
    pub topics: Vec<Topic>,
    /// The band the words are for: the chosen child's today (as for their agreement's
    /// starting rules), or with no child chosen, the one asked for or [`FAMILY_BAND`].
    pub band: AgeBand,
    /// The bands the planner has words for, youngest first, to choose from with no child chosen.
    pub bands: Vec<AgeBand>,
    /// The topics written for children older than `band`; their words are for the youngest they are written for.
    pub for_older_children: Vec<String>,
}

/// One section of the rules that could be added to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OfferedSection {
    pub section: Section,
    pub rules: Vec<Rule>,
}

/// Said when a rule or topic written for children in care is asked for another child.
fn only_in_care(what: &str, name: &str) -> UserError {
    UserError::new(ErrorCode::InvalidInput, format!("That {what} is for children in care. {name} is not marked as a looked-after child."))
}

fn pdf_dialog(title: &str) -> FileDialog<'_> {
    FileDialog::save(title, "PDF document", &["pdf"])
}

impl App {
    /// Harbour's rules, with the agency's added when a pack is in use.
    fn library(&self) -> Result<RuleLibrary, UserError> {
        let base = content::rule_library()?;
        Ok(match self.packs.active() {
            Some(pack) => crate::agency::library_with(base, pack.content()),
            None => base.clone(),
        })
    }

    /// Runs `f` on the open database, then returns the agreement as it now is.
    fn change_agreement(&self, id: i64, f: impl FnOnce(&Db) -> Result<(), VaultError>) -> Result<Agreement, UserError> {
        self.with_db(|db| {
            f(db)?;
            Ok(db.agreement(id)?)
        })
    }

    pub fn rule_library(&self) -> Result<RuleLibrary, UserError> {
        self.library()
    }

    /// The topics (and rules) that suit child `child_id`, with the words for their
    /// band today, or for `band` when no child is chosen.
    /// With no child chosen the family's children decide: a foster carer sees
    /// the topics for children in care.
    pub fn conversation_fit(&self, child_id: Option<i64>, band: Option<AgeBand>, today: String) -> Result<ConversationFit, UserError> {
        let planner = content::planner()?;
        let lib = self.library()?;
        self.with_db(|db| {
            let child = child_id.map(|id| db.child(id)).transpose()?;
            let looked_after = match &child {
                Some(c) => c.input.looked_after,
                None => db.children()?.iter().any(|c| c.input.looked_after),
            };
            let band = child.as_ref().map_or(band.unwrap_or(FAMILY_BAND), |c| starting_band(c, &today));
            let suits = |id: &&String| lib.rule(id).is_some_and(|r| r.suits(looked_after));
            let topics: Vec<Topic> = planner
                .topics
                .iter()
                .filter(|t| t.suits(looked_after))
                .map(|t| Topic { rules: t.rules.iter().filter(suits).cloned().collect(), ..t.for_band(band) })
                .collect();
            let for_older_children = topics.iter().filter(|t| !t.written_for(band)).map(|t| t.id.clone()).collect();
            let bands = AgeBand::ALL.into_iter().filter(|b| planner.topics.iter().any(|t| t.written_for(*b))).collect();
            Ok(ConversationFit { topics, band, bands, for_older_children })
        })
    }

    pub fn conversation_planner(&self) -> Result<&'static Planner, UserError> {
        content::planner()
    }

    pub fn app_catalogue(&self) -> Result<&'static Catalogue, UserError> {
        content::catalogue()
    }

    /// `today` is the local date, YYYY-MM-DD.
    pub fn agreements_overview(&self, today: String) -> Result<Vec<AgreementSummary>, UserError> {
        self.with_db(|db| Ok(db.agreements_overview(&today)?))
    }

    pub fn agreement_for_child(&self, child_id: i64) -> Result<Option<Agreement>, UserError> {
        self.with_db(|db| Ok(db.agreement_for_child(child_id)?))
    }

    /// Starts with Harbour's short set of rules for the child's age and, for a
    /// looked-after child, the rules their agency asks every agreement to hold.
    pub fn agreement_start(&self, child_id: i64, today: String) -> Result<Agreement, UserError> {
        let lib = self.library()?;
        let pack = self.packs.active();
        self.with_db(|db| {
            let child = db.child(child_id)?;
            let required = match (&pack, child.input.looked_after) {
                (Some(p), true) => crate::agency::required_rules(p.content()),
                _ => Vec::new(),
            };
            Ok(db.agreement_start(child_id, &lib, starting_band(&child, &today), &required)?)
        })
    }

    /// Adds a rule from the library. A rule written for children in care is
    /// refused for a child who is not looked after, whatever the page offered.
    pub fn agreement_add_rule(&self, id: i64, rule_id: String) -> Result<Agreement, UserError> {
        let lib = self.library()?;
        self.with_db(|db| {
            let child = db.child(db.agreement(id)?.child_id)?;
            if lib.rule(&rule_id).is_some_and(|r| !r.suits(child.input.looked_after)) {
                return Err(only_in_care("rule", &child.input.name));
            }
            db.agreement_add_rule(id, &lib, &rule_id)?;
            Ok(db.agreement(id)?)
        })
    }

    /// The rules that could be added to agreement `id`, by section in the
    /// library's order: those for the child's age (every age when they have no
    /// band) that suit the child and are not in yet.
    pub fn agreement_offer(&self, id: i64, today: String) -> Result<Vec<OfferedSection>, UserError> {
        let lib = self.library()?;
        self.with_db(|db| {
            let a = db.agreement(id)?;
            let child = db.child(a.child_id)?;
            let band = rules_band(&child, &today);
            let offered = |r: &&Rule| {
                band.is_none_or(|b| r.bands.contains(&b))
                    && r.suits(child.input.looked_after)
                    && !a.items.iter().any(|i| i.rule_id.as_ref() == Some(&r.id))
            };
            Ok(lib
                .sections
                .iter()
                .map(|s| OfferedSection { section: s.clone(), rules: lib.rules.iter().filter(|r| r.section == s.id).filter(offered).cloned().collect() })
                .filter(|o| !o.rules.is_empty())
                .collect())
        })
    }

    pub fn agreement_add_own(&self, id: i64, section: String, voice: Voice, text: String) -> Result<Agreement, UserError> {
        self.change_agreement(id, |db| db.agreement_add_own(id, &section, voice, &text).map(drop))
    }

    pub fn agreement_reword(&self, id: i64, item_id: i64, text: String) -> Result<Agreement, UserError> {
        self.change_agreement(id, |db| db.agreement_reword(item_id, &text))
    }

    pub fn agreement_remove(&self, id: i64, item_id: i64) -> Result<Agreement, UserError> {
        self.change_agreement(id, |db| db.agreement_remove(item_id))
    }

    /// Moves a rule to position `to` (0 is first).
    pub fn agreement_move(&self, id: i64, item_id: i64, to: usize) -> Result<Agreement, UserError> {
        self.change_agreement(id, |db| db.agreement_move(item_id, to))
    }

    pub fn agreement_set_signers(&self, id: i64, signers: Vec<SignerInput>) -> Result<Agreement, UserError> {
        self.change_agreement(id, |db| db.agreement_set_signers(id, &signers).map(drop))
    }

    pub fn agreement_set_review_months(&self, id: i64, months: u32) -> Result<Agreement, UserError> {
        self.change_agreement(id, |db| db.agreement_set_review_months(id, months))
    }

    /// Everyone types their name; `typed` pairs a signer id with what they typed.
    /// Who decides and the agency are kept with the version as they are now.
    pub fn agreement_sign(&self, id: i64, typed: Vec<(i64, String)>, today: String) -> Result<Agreement, UserError> {
        self.sign_with(id, |db, at| db.agreement_sign(id, &typed, &today, at))
    }

    pub fn agreement_signed_on_paper(&self, id: i64, today: String) -> Result<Agreement, UserError> {
        self.sign_with(id, |db, at| db.agreement_signed_on_paper(id, &today, at))
    }

    fn sign_with(&self, id: i64, sign: impl FnOnce(&Db, AtSigning) -> Result<SignedVersion, VaultError>) -> Result<Agreement, UserError> {
        let pack = self.packs.active();
        let agency = pack.as_ref().map(|p| p.name());
        self.change_agreement(id, |db| {
            let who_decides = self.who_decides_now(db, &db.child(db.agreement(id)?.child_id)?)?;
            sign(db, AtSigning { who_decides: &who_decides, agency }).map(drop)
        })
    }

    /// What `child`'s printed agreement says today about who decides: a line
    /// per decision for a looked-after child, nothing for other children.
    fn who_decides_now(&self, db: &Db, child: &Child) -> Result<Vec<String>, VaultError> {
        if !child.input.looked_after {
            return Ok(Vec::new());
        }
        let authority = db.delegated_authority(child.id, &self.authority_preset())?;
        Ok(printing::who_decides_lines(&authority, self.packs.active().as_ref().map(|p| p.name())))
    }

    /// The rules the agency asks every looked-after child's agreement to hold that
    /// agreement `id` does not; none for another child, or without an agency pack.
    pub fn agreement_missing_required(&self, id: i64) -> Result<Vec<Rule>, UserError> {
        let Some(pack) = self.packs.active() else { return Ok(Vec::new()) };
        let lib = self.library()?;
        self.with_db(|db| {
            let a = db.agreement(id)?;
            if !db.child(a.child_id)?.input.looked_after {
                return Ok(Vec::new());
            }
            let held = |rule_id: &String| a.items.iter().any(|i| i.rule_id.as_ref() == Some(rule_id));
            Ok(crate::agency::required_rules(pack.content()).iter().filter(|id| !held(id)).filter_map(|id| lib.rule(id).cloned()).collect())
        })
    }

    pub fn agreement_history(&self, id: i64) -> Result<Vec<HistoryEntry>, UserError> {
        self.with_db(|db| Ok(db.agreement(id)?.history()))
    }

    /// The agency's usual split of everyday decisions, from its pack; empty without one.
    fn authority_preset(&self) -> BTreeMap<DelegatedDecision, Decider> {
        self.packs.active().map(|p| p.content().delegated_authority.clone()).unwrap_or_default()
    }

    /// For a looked-after child: who decides what, as the placement plan says (or the agency's usual split until recorded).
    pub fn delegated_authority(&self, child_id: i64) -> Result<DelegatedAuthority, UserError> {
        self.with_db(|db| Ok(db.delegated_authority(child_id, &self.authority_preset())?))
    }

    pub fn delegated_authority_set(&self, child_id: i64, choices: Vec<AuthorityChoice>) -> Result<DelegatedAuthority, UserError> {
        self.with_db(|db| {
            db.set_delegated_authority(child_id, &choices)?;
            Ok(db.delegated_authority(child_id, &self.authority_preset())?)
        })
    }

    /// Asks where to save, then writes the agreement as a PDF: the signed
    /// version `version_id`, or as it reads now when null. Null if cancelled.
    pub fn agreement_pdf_save(&self, id: i64, version_id: Option<i64>, today: String) -> Result<Option<String>, UserError> {
        let lib = self.library()?;
        let pack = self.packs.active();
        let pdf = self.with_db(|db| {
            let a = db.agreement(id)?;
            let child = db.child(a.child_id)?;
            let who_decides = self.who_decides_now(db, &child)?;
            Ok(printing::agreement_pdf(&a, &child.input.name, &lib, version_id, &today, pack.as_ref().map(|p| p.name()), &who_decides)?)
        })?;
        self.save_with_dialog(pdf_dialog("Save the agreement as a PDF"), &pdf)
    }

    /// Asks where to save, then writes a one-page prompt card for the talk, with the carer's notes.
    pub fn prompt_card_save(&self, topic: String, child_id: Option<i64>, band: AgeBand) -> Result<Option<String>, UserError> {
        let planner = content::planner()?;
        let region = self.help_region()?;
        let pdf = self.with_db(|db| {
            let child = child_id.map(|id| db.child(id)).transpose()?;
            if let Some(c) = &child {
                if planner.topic(&topic).is_some_and(|t| !t.suits(c.input.looked_after)) {
                    return Err(only_in_care("topic", &c.input.name));
                }
            }
            let child = child.map(|c| c.input.name);
            let notes = db.conversation_notes(&topic, child_id)?;
            Ok(printing::prompt_card_pdf(planner, &topic, band, child.as_deref(), &notes, &region)?)
        })?;
        self.save_with_dialog(pdf_dialog("Save a prompt card"), &pdf)
    }

    fn child_apps_now(db: &Db, child_id: i64, today: &str) -> Result<ChildApps, UserError> {
        let apps = db.child_apps(child_id)?;
        let warnings = content::catalogue()?.age_warnings(&db.child(child_id)?, &apps, today);
        Ok(ChildApps { apps, warnings })
    }

    pub fn child_apps(&self, child_id: i64, today: String) -> Result<ChildApps, UserError> {
        self.with_db(|db| Self::child_apps_now(db, child_id, &today))
    }

    pub fn child_apps_set(&self, child_id: i64, apps: Vec<String>, today: String) -> Result<ChildApps, UserError> {
        let catalogue = content::catalogue()?;
        if let Some(unknown) = apps.iter().find(|id| catalogue.app(id).is_none()) {
            return Err(UserError::new(ErrorCode::InvalidInput, format!("\"{unknown}\" is not in Harbour's list of apps.")));
        }
        self.with_db(|db| {
            db.set_child_apps(child_id, &apps)?;
            Self::child_apps_now(db, child_id, &today)
        })
    }

    pub fn conversation_notes(&self, topic: String, child_id: Option<i64>) -> Result<String, UserError> {
        self.with_db(|db| Ok(db.conversation_notes(&topic, child_id)?))
    }

    pub fn conversation_notes_save(&self, topic: String, child_id: Option<i64>, notes: String) -> Result<(), UserError> {
        self.with_db(|db| Ok(db.save_conversation_notes(&topic, child_id, &notes)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};
    use crate::vault::children::ChildInput;

    fn child(band: Option<AgeBand>, born: Option<(u8, u16)>, looked_after: bool) -> ChildInput {
        ChildInput { name: "Sam".into(), birth_month: born.map(|b| b.0), birth_year: born.map(|b| b.1), age_band: band, devices: String::new(), looked_after }
    }

    #[test]
    fn an_agreement_starts_with_the_rules_for_the_childs_age_today() {
        let as_child = |input: ChildInput| Child { id: 1, input };
        let today = "2026-11-24";
        assert_eq!(starting_band(&as_child(child(Some(AgeBand::From11To13), None, false)), today), AgeBand::From11To13);
        assert_eq!(starting_band(&as_child(child(None, Some((12, 2014)), false)), today), AgeBand::From11To13, "11 until December");
        assert_eq!(starting_band(&as_child(child(None, Some((11, 2014)), false)), today), AgeBand::From11To13, "12 this month");
        assert_eq!(starting_band(&as_child(child(Some(AgeBand::Under5), None, false)), today), AgeBand::From5To7, "the youngest set Harbour has");
        assert_eq!(starting_band(&as_child(child(None, Some((1, 2024)), false)), today), AgeBand::From5To7);
        assert_eq!(starting_band(&as_child(child(None, Some((1, 2004)), false)), today), AgeBand::From16To17, "an adult gets the oldest set");
        assert_eq!(starting_band(&as_child(child(None, Some((1, 2014)), false)), "not a date"), AgeBand::From16To17, "an unknown age");
    }

    #[test]
    fn unknown_apps_are_refused_by_name() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let sam = app.child_add(child(Some(AgeBand::From11To13), None, false)).unwrap();
        let err = app.child_apps_set(sam.id, vec!["tiktok".into(), "myspace".into()], "2026-11-24".into()).unwrap_err();
        assert_eq!(err.message, "\"myspace\" is not in Harbour's list of apps.");
        let apps = app.child_apps_set(sam.id, vec!["tiktok".into()], "2026-11-24".into()).unwrap();
        assert_eq!(apps.apps, ["tiktok"]);
        assert_eq!(apps.warnings.len(), 1, "TikTok is for 13 and over");
    }

    #[test]
    fn the_start_matches_the_library_for_the_band() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let sam = app.child_add(child(Some(AgeBand::From8To10), None, true)).unwrap();
        let a = app.agreement_start(sam.id, "2026-11-24".into()).unwrap();
        let expected: Vec<&str> = content::rule_library().unwrap().starter(AgeBand::From8To10).map(|r| r.id.as_str()).collect();
        let got: Vec<&str> = a.items.iter().filter_map(|i| i.rule_id.as_deref()).collect();
        assert_eq!(got, expected, "no agency pack: a looked-after child gets the same start");
        assert!(app.agreement_start(sam.id, "2026-11-24".into()).is_err(), "one agreement per child");
    }

    #[test]
    fn rules_for_children_in_care_are_added_only_for_a_looked_after_child() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let today = "2026-11-24";
        let sam = app.child_add(child(Some(AgeBand::From11To13), None, false)).unwrap();
        let kai = app.child_add(ChildInput { name: "Kai".into(), ..child(Some(AgeBand::From11To13), None, true) }).unwrap();
        let for_sam = app.agreement_start(sam.id, today.into()).unwrap();
        let for_kai = app.agreement_start(kai.id, today.into()).unwrap();
        let lib = app.rule_library().unwrap();
        let in_care: Vec<&str> = lib.rules.iter().filter(|r| r.looked_after_only).map(|r| r.id.as_str()).collect();
        assert!(in_care.contains(&"tell-carer-if-family-get-in-touch"), "{in_care:?}");
        for a in [&for_sam, &for_kai] {
            assert!(a.items.iter().all(|i| !in_care.contains(&i.rule_id.as_deref().unwrap_or(""))), "never in the start");
        }

        let err = app.agreement_add_rule(for_sam.id, "tell-carer-if-family-get-in-touch".into()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(err.message, "That rule is for children in care. Sam is not marked as a looked-after child.");
        assert_eq!(app.agreement_for_child(sam.id).unwrap().unwrap().items, for_sam.items, "nothing added");
        // A rule for every child is still added for Sam.
        let everyone = lib.rules.iter().find(|r| !r.looked_after_only && !for_sam.items.iter().any(|i| i.rule_id.as_deref() == Some(&r.id))).unwrap();
        assert!(app.agreement_add_rule(for_sam.id, everyone.id.clone()).is_ok());

        let added = app.agreement_add_rule(for_kai.id, "tell-carer-if-family-get-in-touch".into()).unwrap();
        assert!(added.items.iter().any(|i| i.rule_id.as_deref() == Some("tell-carer-if-family-get-in-touch")));
    }

    /// Kai, looked after, with an agreement signed while a parent decided about
    /// photos; the placement plan has said their social worker decides since.
    fn signed_then_plan_changed() -> (App, std::sync::Arc<crate::app::scripted::ScriptedHost>, i64, Agreement) {
        use crate::vault::agreements::{Role, SignerInput};
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let kai = app.child_add(ChildInput { name: "Kai".into(), ..child(Some(AgeBand::From11To13), None, true) }).unwrap();
        let photos = |decider, note: &str| vec![AuthorityChoice { decision: DelegatedDecision::Photos, decider: Some(decider), note: note.into() }];
        app.delegated_authority_set(kai.id, photos(Decider::Parent, "Школьные фото можно.")).unwrap();
        let a = app.agreement_start(kai.id, "2026-12-04".into()).unwrap();
        app.agreement_set_signers(a.id, vec![SignerInput { name: "Kai".into(), role: Role::Child }]).unwrap();
        let signers = app.agreement_for_child(kai.id).unwrap().unwrap().signers;
        let signed = app.agreement_sign(a.id, vec![(signers[0].id, "Kai".into())], "2026-12-04".into()).unwrap();
        app.delegated_authority_set(kai.id, photos(Decider::SocialWorker, "")).unwrap();
        (app, host, a.id, signed)
    }

    #[test]
    fn a_signed_version_keeps_who_decided_as_it_read_when_signed() {
        use crate::agreement::rules::Voice;
        let (app, _host, _, signed) = signed_then_plan_changed();
        let kept = signed.versions[0].snapshot.who_decides.clone().unwrap();
        assert!(kept.contains(&"Taking and sharing photos of them: a parent with parental responsibility. Школьные фото можно.".to_string()), "{kept:?}");
        assert!(!kept.iter().any(|l| l.contains("social worker")), "{kept:?}");

        // Other children's versions keep nothing to say about who decides.
        let sam = app.child_add(child(Some(AgeBand::From11To13), None, false)).unwrap();
        let b = app.agreement_start(sam.id, "2026-12-04".into()).unwrap();
        app.agreement_add_own(b.id, "kindness".into(), Voice::Family, "We say sorry.".into()).unwrap();
        let on_paper = app.agreement_signed_on_paper(b.id, "2026-12-04".into()).unwrap();
        assert_eq!(on_paper.versions[0].snapshot.who_decides, Some(Vec::new()));
    }

    #[test]
    fn a_signed_version_keeps_the_agency_harbour_was_set_up_by() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let sam = app.child_add(child(Some(AgeBand::From11To13), None, false)).unwrap();
        let a = app.agreement_start(sam.id, "2026-12-04".into()).unwrap();
        let before = app.agreement_signed_on_paper(a.id, "2026-12-04".into()).unwrap();
        assert_eq!(before.versions[0].snapshot.agency, None, "no pack in use");

        let path = host.dir().join(format!("agency.{}", harbour_pack::EXTENSION));
        std::fs::write(&path, crate::agency::tests::pack(1, 7)).unwrap();
        host.answer_next_dialog(Some(path));
        let offer = app.pack_choose().unwrap().unwrap();
        app.pack_accept(offer.info.fingerprint.clone(), offer.sha256).unwrap();
        let after = app.agreement_signed_on_paper(a.id, "2026-12-05".into()).unwrap();
        assert_eq!(after.versions[0].snapshot.agency.as_deref(), Some("Brightwater Fostering"));
        assert_eq!(after.versions[1].snapshot.agency, None, "an earlier version keeps what it had");
    }

    #[test]
    #[cfg_attr(windows, ignore = "reads the PDF back with pdftotext, a Linux program")]
    fn a_signed_version_prints_who_decided_when_it_was_signed() {
        let (app, host, a, signed) = signed_then_plan_changed();
        let print = |version: Option<i64>, name: &str| {
            let path = host.dir().join(name);
            host.answer_next_dialog(Some(path.clone()));
            app.agreement_pdf_save(a, version, "2026-12-05".into()).unwrap().unwrap();
            crate::print::pdf_words(&std::fs::read(path).unwrap()).split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let then = print(Some(signed.versions[0].id), "signed.pdf");
        assert!(then.contains("As Kai's placement plan said when this was signed:"), "{then}");
        assert!(then.contains("Taking and sharing photos of them: a parent with parental responsibility. Школьные фото можно."), "{then}");
        assert!(!then.contains("social worker"), "{then}");
        let now = print(None, "now.pdf");
        assert!(now.contains("As Kai's placement plan says:"), "{now}");
        assert!(now.contains("Taking and sharing photos of them: their social worker"), "{now}");
    }

    #[test]
    fn the_offer_is_the_rules_for_the_childs_age_that_suit_them_and_are_not_in_yet() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let today = "2026-11-24";
        let lib = app.rule_library().unwrap();
        let offer_for = |input: ChildInput| {
            let c = app.child_add(input).unwrap();
            let a = app.agreement_start(c.id, today.into()).unwrap();
            let offer = app.agreement_offer(a.id, today.into()).unwrap();
            let ids: Vec<String> = offer.iter().flat_map(|o| o.rules.iter().map(|r| r.id.clone())).collect();
            (a, offer, ids)
        };
        let (a, offer, ids) = offer_for(child(Some(AgeBand::From11To13), None, false));
        let sections: Vec<&str> = offer.iter().map(|o| o.section.id.as_str()).collect();
        let order: Vec<&str> = lib.sections.iter().map(|s| s.id.as_str()).filter(|id| sections.contains(id)).collect();
        assert_eq!(sections, order, "in the library's order, no empty section");
        for id in &ids {
            let r = lib.rule(id).unwrap();
            assert!(r.bands.contains(&AgeBand::From11To13) && !r.looked_after_only, "{id}");
            assert!(!a.items.iter().any(|i| i.rule_id.as_ref() == Some(id)), "{id} is in already");
        }
        assert!(!ids.is_empty());
        let (_, _, kai) = offer_for(ChildInput { name: "Kai".into(), ..child(Some(AgeBand::From11To13), None, true) });
        assert!(kai.iter().any(|id| lib.rule(id).unwrap().looked_after_only), "rules for children in care, for a looked-after child");
        let (_, _, little) = offer_for(child(Some(AgeBand::Under5), None, false));
        assert!(!little.is_empty() && little.iter().all(|id| lib.rule(id).unwrap().bands.contains(&AgeBand::From5To7)), "the youngest set for an under 5");
        // A child can be added only with an age, so the band is unknown only once they are 18.
        let (_, _, unknown) = offer_for(child(None, Some((1, 2004)), false));
        let bands: Vec<AgeBand> = AgeBand::ALL.into_iter().filter(|b| unknown.iter().any(|id| lib.rule(id).unwrap().bands.contains(b))).collect();
        assert!(bands.len() > 3, "every age when there is no band: {bands:?}");
    }

    #[test]
    fn the_planner_offers_what_suits_the_child_or_with_none_chosen_the_family() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let today = "2026-11-24";
        let ids = |f: &ConversationFit| f.topics.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        let sam = app.child_add(child(None, Some((1, 2022)), false)).unwrap();
        let family = app.conversation_fit(None, Some(AgeBand::From11To13), today.into()).unwrap();
        assert!(!ids(&family).contains(&"family-contact-online".to_string()), "no looked-after child in the family");
        assert_eq!(family.band, AgeBand::From11To13, "the band asked for");
        assert_eq!(app.conversation_fit(None, Some(AgeBand::From8To10), today.into()).unwrap().band, AgeBand::From8To10, "the band asked for");
        assert_eq!(app.conversation_fit(None, None, today.into()).unwrap().band, FAMILY_BAND, "none asked for");
        assert_eq!(family.bands, [AgeBand::From5To7, AgeBand::From8To10, AgeBand::From11To13, AgeBand::From14To15, AgeBand::From16To17], "no words for under 5s");
        let for_sam = app.conversation_fit(Some(sam.id), Some(AgeBand::From16To17), today.into()).unwrap();
        assert_eq!(for_sam.band, AgeBand::From5To7, "Sam is 4: the youngest words Harbour has, whatever was asked");
        let lib = app.rule_library().unwrap();
        assert!(for_sam.topics.iter().flat_map(|t| &t.rules).all(|id| !lib.rule(id).unwrap().looked_after_only));

        let kai = app.child_add(ChildInput { name: "Kai".into(), ..child(Some(AgeBand::From14To15), None, true) }).unwrap();
        let for_kai = app.conversation_fit(Some(kai.id), Some(AgeBand::From5To7), today.into()).unwrap();
        assert!(ids(&for_kai).contains(&"family-contact-online".to_string()));
        assert_eq!(for_kai.band, AgeBand::From14To15);
        assert!(ids(&app.conversation_fit(None, Some(AgeBand::From11To13), today.into()).unwrap()).contains(&"family-contact-online".to_string()), "a foster carer's family");
        assert!(!ids(&app.conversation_fit(Some(sam.id), None, today.into()).unwrap()).contains(&"family-contact-online".to_string()), "not for Sam");

        // A child of 18 or over has no band: the oldest words, as their agreement starts with the oldest rules.
        let grown = app.child_add(ChildInput { name: "Ash".into(), ..child(None, Some((1, 2004)), false) }).unwrap();
        assert_eq!(app.conversation_fit(Some(grown.id), Some(AgeBand::From5To7), today.into()).unwrap().band, AgeBand::From16To17);
    }

    #[test]
    fn the_planner_gives_each_topic_the_words_for_the_band_or_a_younger_child_the_youngest_it_has() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let planner = app.conversation_planner().unwrap();
        let fit = |band| app.conversation_fit(None, Some(band), "2026-11-24".into()).unwrap();
        let texts = |lines: &[crate::agreement::conversations::BandedLine]| lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        for band in crate::agreement::rules::BANDS {
            let f = fit(band);
            for t in &f.topics {
                let all = planner.topic(&t.id).unwrap();
                let words_band = if all.bands.contains(&band) { band } else { all.bands[0] };
                let expected = |lines: &[crate::agreement::conversations::BandedLine]| {
                    lines.iter().filter(|l| l.bands.contains(&words_band)).map(|l| l.text.clone()).collect::<Vec<_>>()
                };
                assert!(!t.openers.is_empty() && !t.messages.is_empty(), "{} for {band:?}: words to say", t.id);
                assert_eq!(texts(&t.openers), expected(&all.openers), "{} for {band:?}", t.id);
                assert_eq!(texts(&t.messages), expected(&all.messages), "{} for {band:?}", t.id);
                assert_eq!(f.for_older_children.contains(&t.id), !all.bands.contains(&band), "{} for {band:?}", t.id);
            }
        }
        // Sextortion is written for 11 and over: an 8 to 10 year old gets its words for 11 to 13.
        let eight = fit(AgeBand::From8To10);
        let sextortion = eight.topics.iter().find(|t| t.id == "sextortion").unwrap();
        assert!(eight.for_older_children.contains(&"sextortion".to_string()));
        assert!(sextortion.openers.iter().all(|l| l.bands.contains(&AgeBand::From11To13)));
        assert!(!fit(AgeBand::From11To13).for_older_children.contains(&"sextortion".to_string()));
    }

    #[test]
    fn the_birth_family_topic_is_for_a_looked_after_child() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let sam = app.child_add(child(Some(AgeBand::From11To13), None, false)).unwrap();
        let err = app.prompt_card_save("family-contact-online".into(), Some(sam.id), AgeBand::From11To13).unwrap_err();
        assert_eq!(err.message, "That topic is for children in care. Sam is not marked as a looked-after child.");
        assert_eq!(host.dialogs_opened(), 0, "refused before asking where to save");
        let planner = app.conversation_planner().unwrap();
        let offered = |looked_after: bool| planner.topics.iter().filter(|t| t.suits(looked_after)).any(|t| t.id == "family-contact-online");
        assert!(offered(true) && !offered(false));
    }
}
