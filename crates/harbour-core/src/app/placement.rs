//! "This placement is ending": what the agency's pack asks of a looked-after
//! child's records, and removing them once everything is handed over.

use harbour_pack::AtPlacementEnd;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::App;
use crate::error::{ErrorCode, UserError};
use crate::vault::placement::{ChildRecords, PlacementNote};
use crate::vault::unix_now;

/// What ending this child's placement involves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlacementEndPlan {
    #[ts(type = "number")]
    pub child_id: i64,
    pub records: ChildRecords,
    /// Whether the agency asks for the records to be removed, or the carer chooses.
    pub removal: AtPlacementEnd,
    /// What the agency's pack asks, or what the carer can choose, in a sentence.
    pub removal_words: String,
}

impl App {
    pub fn placement_end_plan(&self, child_id: i64) -> Result<PlacementEndPlan, UserError> {
        let records = self.with_db(|db| Ok(db.child_records(child_id)?))?;
        if !records.looked_after {
            return Err(UserError::new(ErrorCode::InvalidInput, "Ending a placement is for a looked-after child. Mark the child as looked after first, if they are."));
        }
        let pack = self.packs.active();
        let handover = pack.as_ref().and_then(|p| p.content().records.handover.as_ref().map(|h| (p.name().to_string(), h.at_placement_end)));
        let removal = handover.as_ref().map_or(AtPlacementEnd::CarerChooses, |(_, at_end)| *at_end);
        let name = &records.child_name;
        let removal_words = match (&handover, removal) {
            (Some((agency, _)), AtPlacementEnd::Remove) => {
                format!("{agency} asks that {name}'s records are removed from this computer once they are all handed over.")
            }
            (Some((agency, _)), AtPlacementEnd::CarerChooses) => {
                format!("{agency} leaves it to you whether to keep {name}'s records on this computer once they are all handed over.")
            }
            (None, _) => format!("Once {name}'s records are all handed over, you can choose to remove them from this computer, or keep them."),
        };
        Ok(PlacementEndPlan { child_id, records, removal, removal_words })
    }

    /// Removes a looked-after child's records once all are handed over; the
    /// person types the child's name to confirm. Leaves a dated note.
    pub fn placement_end(&self, child_id: i64, typed_name: String) -> Result<PlacementNote, UserError> {
        self.with_db(|db| Ok(db.end_placement(child_id, &typed_name, unix_now())?))
    }

    /// The dated notes of placements that ended, newest first.
    pub fn placement_notes(&self) -> Result<Vec<PlacementNote>, UserError> {
        self.with_db(|db| Ok(db.placement_notes()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};
    use crate::app::handover::HandoverTo;
    use crate::vault::children::ChildInput;
    use crate::vault::log::LogEntryInput;

    #[test]
    fn the_plan_follows_the_agencys_pack_and_the_records_go_only_once_handed_over() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let kai = app.child_add(ChildInput::aged_11_to_13("Kai", true)).unwrap();
        let robin = app.child_add(ChildInput::aged_11_to_13("Robin", false)).unwrap();
        assert!(app.placement_end_plan(robin.id).is_err(), "only for a looked-after child");

        // Without a pack, the carer chooses.
        let plan = app.placement_end_plan(kai.id).unwrap();
        assert_eq!(plan.removal, AtPlacementEnd::CarerChooses);
        assert!(plan.removal_words.contains("you can choose"), "{}", plan.removal_words);

        // With a pack that asks for removal, the plan says so, in the agency's name.
        let pack = host.dir().join("brightwater.harbourpack");
        std::fs::write(&pack, crate::agency::tests::pack_with_handover(2, 7, AtPlacementEnd::Remove)).unwrap();
        host.answer_next_dialog(Some(pack));
        let offer = app.pack_choose().unwrap().unwrap();
        app.pack_accept(offer.info.fingerprint.clone(), offer.sha256.clone()).unwrap();
        let plan = app.placement_end_plan(kai.id).unwrap();
        assert_eq!(plan.removal, AtPlacementEnd::Remove);
        assert_eq!(plan.removal_words, "Brightwater Fostering asks that Kai's records are removed from this computer once they are all handed over.");

        let entry = app.log_add(LogEntryInput { child_id: Some(kai.id), happened_at: "2026-11-20".into(), facts: "A message".into(), writer: "Jo".into(), ..Default::default() }).unwrap();
        assert_eq!(app.placement_end_plan(kai.id).unwrap().records.not_handed_over, vec![entry.id]);
        assert!(app.placement_end(kai.id, "Kai".into()).is_err(), "not yet handed over");

        host.answer_next_dialog(Some(host.dir().join("kai.harbour-handover")));
        app.handover_save(vec![entry.id], "Jo".into(), HandoverTo::Agency).unwrap().unwrap();
        assert!(app.placement_end_plan(kai.id).unwrap().records.not_handed_over.is_empty());
        let note = app.placement_end(kai.id, "Kai".into()).unwrap();
        assert!(note.words.contains("1 concern log entry and 0 kept files were handed over to Brightwater Fostering"), "{}", note.words);
        assert_eq!(app.placement_notes().unwrap(), vec![note]);
        assert_eq!(app.children_list().unwrap(), vec![robin]);
        assert!(app.log_entry(entry.id).is_err());
    }
}
