//! A child's agreement in the vault: a working copy the family edits, and a
//! snapshot kept each time everyone signs, so versions can be compared and a
//! review date is always known.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db::Db;
use super::{from_stored_name, stored_name, unix_now, VaultError};
use crate::agreement::rules::{Rule, RuleLibrary, Voice, SECTIONS};
use crate::dates::add_months;
use crate::vault::children::AgeBand;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Child,
    Parent,
    Carer,
    /// A parent or carer in the child's other home.
    OtherHome,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementItem {
    #[ts(type = "number")]
    pub id: i64,
    /// The library rule it came from; None for the family's own rule.
    pub rule_id: Option<String>,
    pub section: String,
    pub voice: Voice,
    /// The family's wording, which may differ from the library's.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signer {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignerInput {
    pub name: String,
    pub role: Role,
}

/// One line of a signed version, as it read then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignedItem {
    pub rule_id: Option<String>,
    pub section: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signature {
    pub name: String,
    pub role: Role,
    /// The name as the person typed it to sign.
    pub typed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    pub items: Vec<SignedItem>,
    /// Empty when the agreement was printed and signed by hand.
    pub signatures: Vec<Signature>,
    /// Signed on paper: the people listed as signers at the time.
    #[serde(default)]
    pub on_paper: Vec<SignerInput>,
    /// For a looked-after child, who decides what, as it read when signed (empty for
    /// other children). None for versions signed before Harbour kept it.
    #[serde(default)]
    pub who_decides: Option<Vec<String>>,
    /// The agency whose pack Harbour was set up with when signed. None with no
    /// pack, and for versions signed before Harbour kept it.
    #[serde(default)]
    pub agency: Option<String>,
}

/// What a signed version keeps from outside the agreement, as it was when signed.
#[derive(Debug, Default, Clone, Copy)]
pub struct AtSigning<'a> {
    /// What the printed agreement says about who decides (empty for a child not in care).
    pub who_decides: &'a [String],
    pub agency: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignedVersion {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub signed_at: i64,
    /// When to look at it again, YYYY-MM-DD.
    pub review_on: String,
    pub snapshot: Snapshot,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agreement {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub review_months: u32,
    pub items: Vec<AgreementItem>,
    pub signers: Vec<Signer>,
    /// Newest first.
    pub versions: Vec<SignedVersion>,
}

/// What changed from one signed version to the next, in words a family can read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (before, after) for a rule kept but put in new words.
    pub reworded: Vec<(String, String)>,
}

/// A signed version with what changed since the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    pub version: SignedVersion,
    /// None for the first version.
    pub changes: Option<Changes>,
}

/// One child's agreement at a glance, for the list of children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementSummary {
    #[ts(type = "number")]
    pub child_id: i64,
    pub child_name: String,
    #[ts(type = "number | null")]
    pub agreement_id: Option<i64>,
    pub rules: u32,
    /// The newest signed version's review date.
    pub review_on: Option<String>,
    pub review_due: bool,
    /// Changed since it was last signed (or never signed).
    pub unsigned_changes: bool,
}

const MAX_TEXT: usize = 300;
const MAX_NAME: usize = 80;

fn invalid(m: &str) -> VaultError {
    VaultError::Invalid(m.into())
}

fn check_text(text: &str) -> Result<String, VaultError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(invalid("Please write the rule."));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(invalid("That rule is long. Short rules are easier to keep: could it be two?"));
    }
    Ok(t.to_string())
}

fn voice_str(v: Voice) -> &'static str {
    match v {
        Voice::Child => "child",
        Voice::Adults => "adults",
        Voice::Family => "family",
    }
}

fn voice_of(s: &str) -> Voice {
    match s {
        "child" => Voice::Child,
        "adults" => Voice::Adults,
        _ => Voice::Family,
    }
}

impl Db {
    /// Starts a child's agreement with the library's short starting set for
    /// their band, then the `required` rules (an agency's, for a looked-after
    /// child) that the set does not already hold. All in one transaction.
    pub fn agreement_start(&self, child_id: i64, lib: &RuleLibrary, band: AgeBand, required: &[String]) -> Result<Agreement, VaultError> {
        let tx = self.conn.unchecked_transaction()?;
        let t = unix_now();
        let inserted = tx.execute(
            "INSERT INTO agreement (child_id, created_at, updated_at) SELECT ?1, ?2, ?2 WHERE EXISTS (SELECT 1 FROM child WHERE id = ?1)
             AND NOT EXISTS (SELECT 1 FROM agreement WHERE child_id = ?1)",
            params![child_id, t],
        )?;
        if inserted == 0 {
            return Err(invalid("This child already has an agreement, or is no longer in the list."));
        }
        let id = tx.last_insert_rowid();
        let starter: Vec<&Rule> = lib.starter(band).collect();
        let extra = required.iter().filter(|id| !starter.iter().any(|r| &r.id == *id));
        let extra: Vec<&Rule> = extra.map(|id| lib.rule(id).ok_or_else(|| invalid("That rule is not in Harbour's list."))).collect::<Result<_, _>>()?;
        for (pos, r) in starter.into_iter().chain(extra).enumerate() {
            tx.execute(
                "INSERT INTO agreement_item (agreement_id, position, rule_id, section, voice, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, pos as i64, r.id, r.section, voice_str(r.voice), r.text],
            )?;
        }
        tx.commit()?;
        self.agreement(id)
    }

    pub fn agreement_for_child(&self, child_id: i64) -> Result<Option<Agreement>, VaultError> {
        let id: Option<i64> = self.conn.query_row("SELECT id FROM agreement WHERE child_id = ?1", [child_id], |r| r.get(0)).optional()?;
        id.map(|id| self.agreement(id)).transpose()
    }

    pub fn agreement(&self, id: i64) -> Result<Agreement, VaultError> {
        let (child_id, review_months): (i64, u32) = self
            .conn
            .query_row("SELECT child_id, review_months FROM agreement WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| invalid("That agreement is no longer here."))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, rule_id, section, voice, text FROM agreement_item WHERE agreement_id = ?1 ORDER BY position, id",
        )?;
        let items = stmt
            .query_map([id], |r| {
                Ok(AgreementItem { id: r.get(0)?, rule_id: r.get(1)?, section: r.get(2)?, voice: voice_of(&r.get::<_, String>(3)?), text: r.get(4)? })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached("SELECT id, name, role FROM agreement_signer WHERE agreement_id = ?1 ORDER BY id")?;
        let signers = stmt
            .query_map([id], |r| {
                let role: String = r.get(2)?;
                Ok(Signer { id: r.get(0)?, name: r.get(1)?, role: from_stored_name(&role).unwrap_or(Role::Other) })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, signed_at, review_on, snapshot FROM agreement_version WHERE agreement_id = ?1 ORDER BY signed_at DESC, id DESC",
        )?;
        let versions = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)))?
            .map(|row| {
                let (id, signed_at, review_on, json) = row?;
                let snapshot = serde_json::from_str(&json).map_err(|_| VaultError::Damaged("a signed agreement is damaged".into()))?;
                Ok(SignedVersion { id, signed_at, review_on, snapshot })
            })
            .collect::<Result<_, VaultError>>()?;
        Ok(Agreement { id, child_id, review_months, items, signers, versions })
    }

    fn touch(&self, agreement_id: i64) -> Result<(), VaultError> {
        self.conn.execute("UPDATE agreement SET updated_at = ?1 WHERE id = ?2", params![unix_now(), agreement_id])?;
        Ok(())
    }

    fn append(&self, agreement_id: i64, rule_id: Option<&str>, section: &str, voice: Voice, text: &str) -> Result<AgreementItem, VaultError> {
        self.conn.execute(
            "INSERT INTO agreement_item (agreement_id, position, rule_id, section, voice, text)
             SELECT ?1, COALESCE(MAX(position) + 1, 0), ?2, ?3, ?4, ?5 FROM agreement_item WHERE agreement_id = ?1",
            params![agreement_id, rule_id, section, voice_str(voice), text],
        )?;
        self.touch(agreement_id)?;
        Ok(AgreementItem { id: self.conn.last_insert_rowid(), rule_id: rule_id.map(Into::into), section: section.into(), voice, text: text.into() })
    }

    /// Adds a rule from the library, in its own words (the family can reword it after).
    pub fn agreement_add_rule(&self, agreement_id: i64, lib: &RuleLibrary, rule_id: &str) -> Result<AgreementItem, VaultError> {
        let r = lib.rule(rule_id).ok_or_else(|| invalid("That rule is not in Harbour's list."))?;
        let present: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM agreement_item WHERE agreement_id = ?1 AND rule_id = ?2)",
            params![agreement_id, rule_id],
            |row| row.get(0),
        )?;
        if present {
            return Err(invalid("That rule is already in the agreement."));
        }
        self.append(agreement_id, Some(&r.id), &r.section, r.voice, &r.text)
    }

    /// Adds the family's own rule to a section.
    pub fn agreement_add_own(&self, agreement_id: i64, section: &str, voice: Voice, text: &str) -> Result<AgreementItem, VaultError> {
        if !SECTIONS.contains(&section) {
            return Err(invalid("Please choose a section for the rule."));
        }
        let text = check_text(text)?;
        self.append(agreement_id, None, section, voice, &text)
    }

    /// Puts a rule in new words, such as the child's own.
    pub fn agreement_reword(&self, item_id: i64, text: &str) -> Result<(), VaultError> {
        let text = check_text(text)?;
        let agreement_id = self.item_agreement(item_id)?;
        self.conn.execute("UPDATE agreement_item SET text = ?1 WHERE id = ?2", params![text, item_id])?;
        self.touch(agreement_id)
    }

    pub fn agreement_remove(&self, item_id: i64) -> Result<(), VaultError> {
        let agreement_id = self.item_agreement(item_id)?;
        self.conn.execute("DELETE FROM agreement_item WHERE id = ?1", [item_id])?;
        self.touch(agreement_id)
    }

    /// Moves a rule to `to` (0 is first), shifting the others.
    pub fn agreement_move(&self, item_id: i64, to: usize) -> Result<(), VaultError> {
        let agreement_id = self.item_agreement(item_id)?;
        let mut ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM agreement_item WHERE agreement_id = ?1 ORDER BY position, id")?
            .query_map([agreement_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.retain(|i| *i != item_id);
        ids.insert(to.min(ids.len()), item_id);
        let tx = self.conn.unchecked_transaction()?;
        for (pos, id) in ids.iter().enumerate() {
            tx.execute("UPDATE agreement_item SET position = ?1 WHERE id = ?2", params![pos as i64, id])?;
        }
        tx.commit()?;
        self.touch(agreement_id)
    }

    /// How many months until the family looks at the agreement again (1 to 12).
    /// It applies from the next signing.
    pub fn agreement_set_review_months(&self, agreement_id: i64, months: u32) -> Result<(), VaultError> {
        if !(1..=12).contains(&months) {
            return Err(invalid("Please choose between 1 and 12 months."));
        }
        let n = self.conn.execute("UPDATE agreement SET review_months = ?1, updated_at = ?2 WHERE id = ?3", params![months, unix_now(), agreement_id])?;
        if n == 0 {
            return Err(invalid("That agreement is no longer here."));
        }
        Ok(())
    }

    /// Every child with their agreement's state, in name order.
    pub fn agreements_overview(&self, today: &str) -> Result<Vec<AgreementSummary>, VaultError> {
        let mut out = Vec::new();
        for c in self.children()? {
            let a = self.agreement_for_child(c.id)?;
            out.push(AgreementSummary {
                child_id: c.id,
                child_name: c.input.name,
                agreement_id: a.as_ref().map(|a| a.id),
                rules: a.as_ref().map_or(0, |a| a.items.len() as u32),
                review_on: a.as_ref().and_then(|a| a.versions.first()).map(|v| v.review_on.clone()),
                review_due: a.as_ref().is_some_and(|a| a.review_due(today)),
                unsigned_changes: a.as_ref().is_some_and(Agreement::unsigned_changes),
            });
        }
        Ok(out)
    }

    fn item_agreement(&self, item_id: i64) -> Result<i64, VaultError> {
        self.conn
            .query_row("SELECT agreement_id FROM agreement_item WHERE id = ?1", [item_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| invalid("That rule is no longer in the agreement."))
    }

    /// Sets who signs: the child, the adults, and anyone in a second home.
    pub fn agreement_set_signers(&self, agreement_id: i64, signers: &[SignerInput]) -> Result<Vec<Signer>, VaultError> {
        for s in signers {
            let n = s.name.trim();
            if n.is_empty() || n.chars().count() > MAX_NAME {
                return Err(invalid("Please give each person's name, as they would sign it."));
            }
        }
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM agreement_signer WHERE agreement_id = ?1", [agreement_id])?;
        for s in signers {
            tx.execute(
                "INSERT INTO agreement_signer (agreement_id, name, role) VALUES (?1, ?2, ?3)",
                params![agreement_id, s.name.trim(), stored_name(s.role)],
            )?;
        }
        tx.commit()?;
        self.touch(agreement_id)?;
        Ok(self.agreement(agreement_id)?.signers)
    }

    /// Everyone signs by typing their name; the agreement as it reads now is
    /// kept as a new version, with a review date `review_months` from `today`.
    pub fn agreement_sign(&self, agreement_id: i64, typed: &[(i64, String)], today: &str, at: AtSigning) -> Result<SignedVersion, VaultError> {
        let a = self.agreement(agreement_id)?;
        if a.items.is_empty() {
            return Err(invalid("The agreement has no rules yet."));
        }
        if a.signers.is_empty() {
            return Err(invalid("Please add the people who will sign."));
        }
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let mut signatures = Vec::new();
        for s in &a.signers {
            let t = typed.iter().find(|(id, _)| *id == s.id).map(|(_, t)| t.trim()).unwrap_or("");
            if norm(t) != norm(&s.name) {
                return Err(VaultError::Invalid(format!("{} needs to type their name to sign.", s.name)));
            }
            signatures.push(Signature { name: s.name.clone(), role: s.role, typed: t.to_string() });
        }
        self.keep_version(&a, signatures, Vec::new(), at, today)
    }

    /// The agreement was printed and signed by hand: keep it as a version
    /// just the same, naming the people who were to sign.
    pub fn agreement_signed_on_paper(&self, agreement_id: i64, today: &str, at: AtSigning) -> Result<SignedVersion, VaultError> {
        let a = self.agreement(agreement_id)?;
        if a.items.is_empty() {
            return Err(invalid("The agreement has no rules yet."));
        }
        let on_paper = a.signers.iter().map(|s| SignerInput { name: s.name.clone(), role: s.role }).collect();
        self.keep_version(&a, Vec::new(), on_paper, at, today)
    }

    fn keep_version(&self, a: &Agreement, signatures: Vec<Signature>, on_paper: Vec<SignerInput>, at: AtSigning, today: &str) -> Result<SignedVersion, VaultError> {
        let agreement_id = a.id;
        let review_on = add_months(today, a.review_months).ok_or_else(|| invalid("Today's date could not be read."))?;
        let items = a.items.iter().map(|i| SignedItem { rule_id: i.rule_id.clone(), section: i.section.clone(), text: i.text.clone() }).collect();
        let snapshot = Snapshot { items, signatures, on_paper, who_decides: Some(at.who_decides.to_vec()), agency: at.agency.map(str::to_owned) };
        let signed_at = unix_now();
        self.conn.execute(
            "INSERT INTO agreement_version (agreement_id, signed_at, review_on, snapshot) VALUES (?1, ?2, ?3, ?4)",
            params![agreement_id, signed_at, review_on, serde_json::to_string(&snapshot).expect("snapshot serialises")],
        )?;
        Ok(SignedVersion { id: self.conn.last_insert_rowid(), signed_at, review_on, snapshot })
    }
}

impl Agreement {
    /// Signed versions, newest first, each with what changed since the one before.
    pub fn history(&self) -> Vec<HistoryEntry> {
        self.versions
            .iter()
            .enumerate()
            .map(|(i, v)| HistoryEntry { version: v.clone(), changes: self.versions.get(i + 1).map(|older| changes(&older.snapshot, &v.snapshot)) })
            .collect()
    }

    /// True when the working copy reads differently from the newest signed version.
    pub fn unsigned_changes(&self) -> bool {
        self.versions.first().is_none_or(|v| {
            v.snapshot.items.len() != self.items.len()
                || v.snapshot.items.iter().zip(&self.items).any(|(s, i)| s.text != i.text || s.section != i.section)
        })
    }

    /// True once the newest signed version's review date has come.
    pub fn review_due(&self, today: &str) -> bool {
        self.versions.first().is_some_and(|v| v.review_on.as_str() <= today)
    }
}

/// What changed between two signed versions. Library rules are matched by
/// their id; the family's own rules by their words.
pub fn changes(before: &Snapshot, after: &Snapshot) -> Changes {
    let key = |i: &SignedItem| i.rule_id.clone().unwrap_or_else(|| format!("own:{}", i.text));
    let mut c = Changes::default();
    for a in &after.items {
        match before.items.iter().find(|b| key(b) == key(a)) {
            None => c.added.push(a.text.clone()),
            Some(b) if b.text != a.text => c.reworded.push((b.text.clone(), a.text.clone())),
            Some(_) => {}
        }
    }
    for b in &before.items {
        if !after.items.iter().any(|a| key(a) == key(b)) {
            c.removed.push(b.text.clone());
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::rules;
    use crate::vault::children::ChildInput;
    use crate::vault::DbKey;

    fn setup() -> (tempfile::TempDir, Db, i64) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let child = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
            .unwrap();
        (dir, db, child.id)
    }

    #[test]
    fn a_new_agreement_starts_short_and_in_section_order() {
        let (_d, db, child) = setup();
        let lib = rules::builtin().unwrap();
        let a = db.agreement_start(child, lib, AgeBand::From11To13, &[]).unwrap();
        assert!((rules::STARTER_MIN..=rules::STARTER_MAX).contains(&a.items.len()));
        let order: Vec<usize> = a.items.iter().map(|i| SECTIONS.iter().position(|s| *s == i.section).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        assert!(db.agreement_start(child, lib, AgeBand::From11To13, &[]).is_err(), "one agreement per child");
        assert_eq!(db.agreement_for_child(child).unwrap().unwrap(), a);
        assert!(db.agreement_start(9999, lib, AgeBand::From8To10, &[]).is_err());
    }

    #[test]
    fn the_family_edits_signs_and_sees_what_changed() {
        let (_d, db, child) = setup();
        let lib = rules::builtin().unwrap();
        let a = db.agreement_start(child, lib, AgeBand::From11To13, &[]).unwrap();
        let first = a.items[0].clone();
        db.agreement_reword(first.id, "I'll plug my phone in on the landing at bedtime.").unwrap();
        let own = db.agreement_add_own(a.id, "kindness", Voice::Family, "We will say sorry when we get it wrong.").unwrap();
        db.agreement_move(own.id, 0).unwrap();
        let signers = db
            .agreement_set_signers(a.id, &[SignerInput { name: "Sam".into(), role: Role::Child }, SignerInput { name: "Alex Doe".into(), role: Role::Parent }])
            .unwrap();

        let wrong = db.agreement_sign(a.id, &[(signers[0].id, "Sam".into())], "2026-11-30", AtSigning::default()).unwrap_err();
        assert!(wrong.to_string().contains("Alex Doe needs to type their name"), "{wrong}");
        let v1 = db.agreement_sign(a.id, &[(signers[0].id, "sam".into()), (signers[1].id, " alex  doe ".into())], "2026-11-30", AtSigning::default()).unwrap();
        assert_eq!(v1.review_on, "2027-02-28", "three months on, clamped to the month's last day");

        let now = db.agreement(a.id).unwrap();
        assert_eq!(now.items[0].text, "We will say sorry when we get it wrong.");
        assert!(!now.review_due("2027-02-27"));
        assert!(now.review_due("2027-02-28"));

        db.agreement_remove(now.items[1].id).unwrap();
        let extra = lib.rules.iter().find(|r| !now.items.iter().any(|i| i.rule_id.as_deref() == Some(&r.id))).unwrap();
        db.agreement_add_rule(a.id, lib, &extra.id).unwrap();
        assert!(db.agreement_add_rule(a.id, lib, &extra.id).is_err(), "no rule twice");
        let v2 = db.agreement_sign(a.id, &[(signers[0].id, "Sam".into()), (signers[1].id, "Alex Doe".into())], "2027-03-01", AtSigning::default()).unwrap();
        let c = changes(&v1.snapshot, &v2.snapshot);
        assert_eq!(c.added, vec![extra.text.clone()]);
        assert_eq!(c.removed, vec![now.items[1].text.clone()]);
        assert!(c.reworded.is_empty());
        let kept = db.agreement(a.id).unwrap();
        assert_eq!(kept.versions.len(), 2);
        assert_eq!(kept.versions[0].snapshot, v2.snapshot, "newest first, and kept exactly");
    }

    #[test]
    fn bad_input_is_refused_plainly() {
        let (_d, db, child) = setup();
        let lib = rules::builtin().unwrap();
        let a = db.agreement_start(child, lib, AgeBand::From11To13, &[]).unwrap();
        assert!(db.agreement_add_own(a.id, "nowhere", Voice::Family, "We will.").is_err());
        assert!(db.agreement_add_own(a.id, "kindness", Voice::Family, "   ").is_err());
        assert!(db.agreement_reword(a.items[0].id, &"x".repeat(301)).is_err());
        assert!(db.agreement_add_rule(a.id, lib, "no-such-rule").is_err());
        assert!(db.agreement_set_signers(a.id, &[SignerInput { name: " ".into(), role: Role::Carer }]).is_err());
        assert!(db.agreement_sign(a.id, &[], "2026-11-30", AtSigning::default()).unwrap_err().to_string().contains("people who will sign"));
        assert!(db.agreement_reword(99_999, "I will.").is_err());
    }

    #[test]
    fn a_paper_signing_is_kept_with_the_names_and_the_chosen_review_time() {
        let (_d, db, child) = setup();
        let a = db.agreement_start(child, rules::builtin().unwrap(), AgeBand::From11To13, &[]).unwrap();
        db.agreement_set_signers(a.id, &[SignerInput { name: "Sam".into(), role: Role::Child }, SignerInput { name: "Jo".into(), role: Role::OtherHome }])
            .unwrap();
        assert!(db.agreement_set_review_months(a.id, 0).is_err());
        assert!(db.agreement_set_review_months(a.id, 13).is_err());
        db.agreement_set_review_months(a.id, 6).unwrap();
        let v = db.agreement_signed_on_paper(a.id, "2026-11-24", AtSigning::default()).unwrap();
        assert_eq!(v.review_on, "2027-05-24");
        assert!(v.snapshot.signatures.is_empty());
        assert_eq!(v.snapshot.on_paper.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Sam", "Jo"]);
        assert_eq!(db.agreement(a.id).unwrap().review_months, 6);
    }

    #[test]
    fn history_says_what_changed_and_the_overview_says_what_is_due() {
        let (_d, db, child) = setup();
        let lib = rules::builtin().unwrap();
        let a = db.agreement_start(child, lib, AgeBand::From11To13, &[]).unwrap();
        assert!(db.agreement(a.id).unwrap().unsigned_changes());
        db.agreement_set_signers(a.id, &[SignerInput { name: "Sam".into(), role: Role::Child }]).unwrap();
        db.agreement_signed_on_paper(a.id, "2026-11-24", AtSigning::default()).unwrap();
        assert!(!db.agreement(a.id).unwrap().unsigned_changes());
        db.agreement_reword(a.items[0].id, "I will charge my phone downstairs.").unwrap();
        assert!(db.agreement(a.id).unwrap().unsigned_changes());
        db.agreement_signed_on_paper(a.id, "2026-12-01", AtSigning::default()).unwrap();
        let h = db.agreement(a.id).unwrap().history();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].changes.as_ref().unwrap().reworded, vec![(a.items[0].text.clone(), "I will charge my phone downstairs.".to_string())]);
        assert!(h[1].changes.is_none());
        let o = db.agreements_overview("2027-03-01").unwrap();
        assert_eq!((o[0].child_name.as_str(), o[0].agreement_id, o[0].review_due, o[0].unsigned_changes), ("Sam", Some(a.id), true, false));
        assert_eq!(o[0].review_on.as_deref(), Some("2027-03-01"));
        assert!(!db.agreements_overview("2027-02-28").unwrap()[0].review_due);
    }

    #[test]
    fn versions_signed_before_paper_signing_existed_still_read() {
        let old = r#"{"items":[{"rule_id":null,"section":"review","text":"We will look again."}],"signatures":[]}"#;
        let s: Snapshot = serde_json::from_str(old).unwrap();
        assert!(s.on_paper.is_empty());
        assert_eq!(s.who_decides, None, "signed before who decides was kept with the version");
        assert_eq!(s.agency, None, "signed before the agency was kept with the version");
    }

    #[test]
    fn months_are_added_on_the_calendar() {
    }
}
