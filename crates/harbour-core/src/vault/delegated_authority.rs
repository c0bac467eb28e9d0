//! Delegated authority: for a looked-after child, who decides about their
//! phone, apps and games, social media, photos and staying over, as the
//! placement plan says. The agency's pack may preset its usual split; what the
//! carer records from the plan wins. Printed with the agreement, and shown in
//! the builder beside a rule that touches a decision the carer may not have.

use std::collections::BTreeMap;

use harbour_pack::{Decider, DelegatedDecision};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::{from_stored_name, stored_name, unix_now, VaultError};

/// One decision as the person sets it; `decider` None means "not recorded yet".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuthorityChoice {
    pub decision: DelegatedDecision,
    pub decider: Option<Decider>,
    #[serde(default)]
    pub note: String,
}

/// One decision as Harbour shows and prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuthorityRow {
    pub decision: DelegatedDecision,
    /// "Taking and sharing photos of them"
    pub label: String,
    pub decider: Option<Decider>,
    /// "Their social worker"; empty when not recorded.
    pub decider_words: String,
    pub note: String,
    /// Not recorded from the plan yet: the decider is the agency's usual split.
    pub from_agency: bool,
    /// Shown beside a rule that touches this decision; empty when the carer decides.
    pub caution: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DelegatedAuthority {
    #[ts(type = "number")]
    pub child_id: i64,
    /// One row per decision, in a fixed order.
    pub rows: Vec<AuthorityRow>,
    /// When the carer last recorded it (unix seconds), if ever.
    #[ts(type = "number | null")]
    pub recorded_at: Option<i64>,
    /// Who can be chosen, in order, in words.
    pub deciders: Vec<DeciderOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeciderOption {
    pub decider: Decider,
    pub words: String,
}

pub fn decision_label(d: DelegatedDecision) -> &'static str {
    match d {
        DelegatedDecision::Phone => "Having a phone, and what kind",
        DelegatedDecision::AppsAndGames => "Which apps and games they use",
        DelegatedDecision::SocialMedia => "Joining and using social media",
        DelegatedDecision::Photos => "Taking and sharing photos of them",
        DelegatedDecision::StayingOver => "Staying over at a friend's house",
    }
}

/// The decision in a few words, to go after "decides about".
fn decision_topic(d: DelegatedDecision) -> &'static str {
    match d {
        DelegatedDecision::Phone => "phones",
        DelegatedDecision::AppsAndGames => "apps and games",
        DelegatedDecision::SocialMedia => "social media",
        DelegatedDecision::Photos => "photos",
        DelegatedDecision::StayingOver => "staying over",
    }
}

pub fn decider_words(d: Decider) -> &'static str {
    match d {
        Decider::FosterCarer => "You, the foster carer",
        Decider::SocialWorker => "Their social worker",
        Decider::Parent => "A parent with parental responsibility",
    }
}

fn caution(child: &str, decision: DelegatedDecision, decider: Option<Decider>) -> String {
    let topic = decision_topic(decision);
    match decider {
        Some(Decider::FosterCarer) => String::new(),
        Some(Decider::SocialWorker) => {
            format!("{child}'s social worker decides about {topic}. Ask them before you agree this rule.")
        }
        Some(Decider::Parent) => format!(
            "A parent with parental responsibility decides about {topic} for {child}. Talk to {child}'s social worker before you agree this rule."
        ),
        None => format!("The placement plan should say who decides about {topic} for {child}. Check it before you agree this rule."),
    }
}

const MAX_NOTE: usize = 500;
const DECIDERS: [Decider; 3] = [Decider::FosterCarer, Decider::SocialWorker, Decider::Parent];

impl Db {
    /// Who decides what for this child: recorded rows first, then the agency's preset.
    pub fn delegated_authority(&self, child_id: i64, preset: &BTreeMap<DelegatedDecision, Decider>) -> Result<DelegatedAuthority, VaultError> {
        let child = self.child(child_id)?;
        let mut stmt = self.conn.prepare_cached("SELECT decision, decider, note, updated_at FROM delegated_authority WHERE child_id = ?1")?;
        let saved: Vec<(String, String, String, i64)> =
            stmt.query_map([child_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        let name = child.input.name.as_str();
        let rows = DelegatedDecision::ALL
            .iter()
            .map(|&decision| {
                let recorded = saved.iter().find(|(d, ..)| *d == stored_name(decision));
                let (decider, note, from_agency) = match recorded {
                    Some((_, who, note, _)) => (from_stored_name(who), note.clone(), false),
                    None => (preset.get(&decision).copied(), String::new(), preset.contains_key(&decision)),
                };
                AuthorityRow {
                    decision,
                    label: decision_label(decision).into(),
                    decider,
                    decider_words: decider.map(decider_words).unwrap_or_default().into(),
                    note,
                    from_agency,
                    caution: caution(name, decision, decider),
                }
            })
            .collect();
        let deciders = DECIDERS.into_iter().map(|decider| DeciderOption { decider, words: decider_words(decider).into() }).collect();
        Ok(DelegatedAuthority { child_id, rows, recorded_at: saved.iter().map(|r| r.3).max(), deciders })
    }

    /// Records who decides what, as the placement plan says: all the choices, or none.
    pub fn set_delegated_authority(&self, child_id: i64, choices: &[AuthorityChoice]) -> Result<(), VaultError> {
        if !self.child(child_id)?.input.looked_after {
            return Err(VaultError::Invalid("Who decides what is recorded for a looked-after child, from their placement plan.".into()));
        }
        if choices.iter().any(|c| c.note.chars().count() > MAX_NOTE) {
            return Err(VaultError::Invalid(format!("A note is too long. Please keep each to {MAX_NOTE} characters.")));
        }
        let now = unix_now();
        let tx = self.conn.unchecked_transaction()?;
        for c in choices {
            match c.decider {
                Some(who) => tx.execute(
                    "INSERT INTO delegated_authority (child_id, decision, decider, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (child_id, decision) DO UPDATE SET decider = excluded.decider, note = excluded.note, updated_at = excluded.updated_at",
                    params![child_id, stored_name(c.decision), stored_name(who), c.note.trim(), now],
                )?,
                None => tx.execute("DELETE FROM delegated_authority WHERE child_id = ?1 AND decision = ?2", params![child_id, stored_name(c.decision)])?,
            };
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::ChildInput;
    use crate::vault::DbKey;

    fn child(db: &Db, name: &str, looked_after: bool) -> i64 {
        db.add_child(&ChildInput::aged_11_to_13(name, looked_after)).unwrap().id
    }

    #[test]
    fn the_plan_overrides_the_agencys_usual_split_and_cautions_where_the_carer_does_not_decide() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let kai = child(&db, "Kai", true);
        let preset: BTreeMap<_, _> = [(DelegatedDecision::Photos, Decider::SocialWorker), (DelegatedDecision::Phone, Decider::FosterCarer)].into();

        let a = db.delegated_authority(kai, &preset).unwrap();
        assert_eq!(a.rows.iter().map(|r| r.decision).collect::<Vec<_>>(), DelegatedDecision::ALL);
        let photos = &a.rows[3];
        assert_eq!((photos.decider, photos.from_agency), (Some(Decider::SocialWorker), true));
        assert_eq!(photos.caution, "Kai's social worker decides about photos. Ask them before you agree this rule.");
        assert_eq!(a.rows[0].caution, "", "the carer decides about the phone");
        assert!(a.rows[2].caution.starts_with("The placement plan should say who decides about social media"));
        assert_eq!(a.recorded_at, None);

        db.set_delegated_authority(
            kai,
            &[
                AuthorityChoice { decision: DelegatedDecision::Photos, decider: Some(Decider::Parent), note: " Mum agrees school photos only. ".into() },
                AuthorityChoice { decision: DelegatedDecision::SocialMedia, decider: Some(Decider::FosterCarer), note: String::new() },
            ],
        )
        .unwrap();
        let a = db.delegated_authority(kai, &preset).unwrap();
        let photos = &a.rows[3];
        assert_eq!((photos.decider, photos.from_agency, photos.note.as_str()), (Some(Decider::Parent), false, "Mum agrees school photos only."));
        assert!(photos.caution.starts_with("A parent with parental responsibility decides about photos for Kai."));
        assert_eq!(a.rows[2].caution, "");
        assert!(a.recorded_at.is_some());

        // "Not recorded" takes a decision back to the agency's split.
        db.set_delegated_authority(kai, &[AuthorityChoice { decision: DelegatedDecision::Photos, decider: None, note: String::new() }]).unwrap();
        assert!(db.delegated_authority(kai, &preset).unwrap().rows[3].from_agency);
    }

    #[test]
    fn only_for_a_looked_after_child_and_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let own = child(&db, "Robin", false);
        let choice = AuthorityChoice { decision: DelegatedDecision::Phone, decider: Some(Decider::FosterCarer), note: String::new() };
        assert!(matches!(db.set_delegated_authority(own, std::slice::from_ref(&choice)), Err(VaultError::Invalid(_))));
        let kai = child(&db, "Kai", true);
        let too_long = AuthorityChoice { decision: DelegatedDecision::Photos, decider: Some(Decider::Parent), note: "x".repeat(501) };
        assert!(db.set_delegated_authority(kai, &[choice, too_long]).is_err());
        assert_eq!(db.delegated_authority(kai, &BTreeMap::new()).unwrap().recorded_at, None, "nothing was kept");
        // The failure part-way: the database refuses the second row, and the first is not kept either.
        db.conn.execute_batch("CREATE TEMP TRIGGER fail BEFORE INSERT ON delegated_authority WHEN new.decision = 'photos' BEGIN SELECT RAISE(ABORT, 'disk full'); END;").unwrap();
        let both = [
            AuthorityChoice { decision: DelegatedDecision::Phone, decider: Some(Decider::FosterCarer), note: String::new() },
            AuthorityChoice { decision: DelegatedDecision::Photos, decider: Some(Decider::Parent), note: String::new() },
        ];
        assert!(db.set_delegated_authority(kai, &both).is_err());
        assert_eq!(db.delegated_authority(kai, &BTreeMap::new()).unwrap().recorded_at, None);
    }
}
