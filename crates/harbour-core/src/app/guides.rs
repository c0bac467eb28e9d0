//! The App guides (content, no unlocking) and each child's checklists (in the vault).

use super::{content, App, FileDialog};
use crate::error::{ErrorCode, UserError};
use crate::guides::Guide;
use crate::print::guide_pdf;
use crate::vault::checklists::{CheckState, Checklist};

/// Which guides a child's checklist PDF holds: the apps the child uses and any
/// guide the family has started going through, in the guides' order.
pub fn checklists_to_print<'a>(guides: &'a [Guide], lists: &'a [Checklist], child_apps: &[String]) -> Vec<(&'a Guide, &'a Checklist)> {
    guides.iter().zip(lists).filter(|(g, c)| child_apps.contains(&g.id) || c.checked_on.is_some()).collect()
}

impl App {
    pub fn guides_list(&self) -> Result<&'static [Guide], UserError> {
        content::guides()
    }

    /// The child's checklist for every guide, in the same order as guides_list.
    pub fn checklists(&self, child_id: i64, today: String) -> Result<Vec<Checklist>, UserError> {
        let guides = content::guides()?;
        self.with_db(|db| Ok(db.checklists(child_id, guides, &today)?))
    }

    /// Marks a setting done, not applicable, or (null) not done yet.
    pub fn check_set(&self, child_id: i64, guide_id: String, setting_id: String, state: Option<CheckState>, today: String) -> Result<Checklist, UserError> {
        let guide = content::guide(&guide_id)?;
        self.with_db(|db| Ok(db.set_check(child_id, guide, &setting_id, state, &today)?))
    }

    /// "We went through it again today"; months (1 to 12) changes how often to be reminded.
    pub fn checklist_recheck(&self, child_id: i64, guide_id: String, months: Option<u32>, today: String) -> Result<Checklist, UserError> {
        let guide = content::guide(&guide_id)?;
        self.with_db(|db| Ok(db.recheck(child_id, guide, months, &today)?))
    }

    /// Asks where to save, then writes one guide as a PDF. Null if cancelled.
    pub fn guide_pdf_save(&self, guide_id: String) -> Result<Option<String>, UserError> {
        let g = content::guide(&guide_id)?;
        self.save_with_dialog(FileDialog::save("Save the guide as a PDF", "PDF document", &["pdf"]), &guide_pdf::render_guide(g))
    }

    /// Asks where to save, then writes a child's checklist for their apps as a PDF. Null if cancelled.
    pub fn checklist_pdf_save(&self, child_id: i64, today: String) -> Result<Option<String>, UserError> {
        let guides = content::guides()?;
        let made_on = crate::dates::in_words(&today).ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "Today's date could not be read."))?;
        let pdf = self.with_db(|db| {
            let child = db.child(child_id)?;
            let apps = db.child_apps(child_id)?;
            let lists = db.checklists(child_id, guides, &today)?;
            Ok(guide_pdf::render_checklist(&child.input.name, &made_on, &checklists_to_print(guides, &lists, &apps)))
        })?;
        self.save_with_dialog(FileDialog::save("Save the checklist as a PDF", "PDF document", &["pdf"]), &pdf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_files_are_named_for_the_day_not_the_child_or_the_content() {
        let (app, host) = crate::app::commands::tests::test_app();
        app.vault_create(crate::app::commands::tests::PASS.into()).unwrap();
        let child = crate::vault::children::ChildInput { name: "Zofia Łukasiewicz".into(), birth_month: None, birth_year: None, age_band: Some(crate::vault::children::AgeBand::From8To10), devices: String::new(), looked_after: false };
        let zofia = app.child_add(child).unwrap();
        let name = app.checklist_pdf_save(zofia.id, "2026-11-24".into()).unwrap().unwrap();
        let today = crate::dates::unix_to_iso(crate::vault::unix_now());
        assert_eq!(name, format!("Harbour {today}.pdf"));
        assert!(host.dir().join(&name).exists());
        assert_eq!(app.guide_pdf_save("tiktok".into()).unwrap().unwrap(), format!("Harbour {today}.pdf"));
    }

    #[test]
    fn the_checklist_pdf_holds_the_childs_apps_and_started_guides() {
        let guides = content::guides().unwrap();
        let lists: Vec<Checklist> = guides
            .iter()
            .enumerate()
            .map(|(i, g)| Checklist {
                child_id: 1,
                guide_id: g.id.clone(),
                done: vec![],
                not_applicable: vec![],
                applicable: 3,
                checked_on: (i == 2).then(|| "2026-11-01".to_string()),
                recheck_months: 3,
                recheck_on: None,
                recheck_due: false,
            })
            .collect();
        let apps = vec![guides[0].id.clone()];
        let chosen: Vec<&str> = checklists_to_print(guides, &lists, &apps).iter().map(|(g, _)| g.id.as_str()).collect();
        assert_eq!(chosen, [guides[0].id.as_str(), guides[2].id.as_str()]);
    }
}
