//! The App guides (content, no unlocking) and each child's checklists (in the vault).

use serde::Serialize;
use ts_rs::TS;

use super::{content, App, FileDialog};
use crate::error::{ErrorCode, UserError};
use crate::guides::Guide;
use crate::vault::children::AgeBand;
use crate::print::guide_pdf;
use crate::vault::checklists::{CheckState, Checklist};

/// Which guides a child's checklist PDF holds: the apps the child uses and any
/// guide the family has started going through, in the guides' order.
pub fn checklists_to_print<'a>(guides: &'a [Guide], lists: &'a [Checklist], child_apps: &[String]) -> Vec<(&'a Guide, &'a Checklist)> {
    guides.iter().zip(lists).filter(|(g, c)| child_apps.contains(&g.id) || c.checked_on.is_some()).collect()
}

/// A guide as the list shows it on `today`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ListedGuide {
    #[serde(flatten)]
    #[ts(flatten)]
    pub guide: &'static Guide,
    /// Checked more than six months ago: the app may have changed since.
    pub may_be_out_of_date: bool,
    /// The age bands too young for the app (everyone in them is under its minimum age).
    pub too_young: Vec<AgeBand>,
}

impl App {
    pub fn guides_list(&self, today: String) -> Result<Vec<ListedGuide>, UserError> {
        Ok(content::guides()?
            .iter()
            .map(|guide| ListedGuide { guide, may_be_out_of_date: guide.may_be_out_of_date(&today), too_young: guide.too_young() })
            .collect())
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
    fn the_list_says_which_ages_are_too_young_and_when_a_guide_may_be_out_of_date() {
        let (app, _host) = crate::app::commands::tests::test_app();
        let list = app.guides_list("2026-12-04".into()).unwrap();
        let find = |id: &str| list.iter().find(|g| g.guide.id == id).unwrap();
        use AgeBand::*;
        // TikTok's terms say 13; Call of Duty has no minimum in its terms but is rated PEGI 18.
        assert_eq!(find("tiktok").too_young, [Under5, From5To7, From8To10]);
        assert_eq!(find("call-of-duty").too_young, [Under5, From5To7, From8To10, From11To13, From14To15, From16To17]);
        assert!(find("home-broadband").too_young.is_empty(), "no minimum age");
        let tiktok = find("tiktok").guide;
        assert!(!tiktok.may_be_out_of_date(&crate::dates::add_months(&tiktok.checked, 6).unwrap()), "six months on is still fine");
        let later = app.guides_list(crate::dates::add_months(&tiktok.checked, 7).unwrap()).unwrap();
        assert!(later.iter().find(|g| g.guide.id == "tiktok").unwrap().may_be_out_of_date);
        assert_eq!(list.len(), content::guides().unwrap().len());
    }

    #[test]
    fn a_childs_band_is_reckoned_from_the_first_of_their_birth_month() {
        let (app, _host) = crate::app::commands::tests::test_app();
        app.vault_create(crate::app::commands::tests::PASS.into()).unwrap();
        let born = |month: u8, year: u16| crate::vault::children::ChildInput { name: "Sam".into(), birth_month: Some(month), birth_year: Some(year), age_band: None, devices: String::new(), looked_after: false };
        let sam = app.child_add(born(12, 2012)).unwrap();
        assert_eq!(app.child_band(sam.id, "2026-11-30".into()).unwrap(), Some(AgeBand::From11To13), "13 until December");
        assert_eq!(app.child_band(sam.id, "2026-12-01".into()).unwrap(), Some(AgeBand::From14To15), "14 from the first of December");
        let adult = app.child_add(born(1, 2000)).unwrap();
        assert_eq!(app.child_band(adult.id, "2026-12-04".into()).unwrap(), None, "18 and over has no band");
        let banded = app.child_add(crate::vault::children::ChildInput { age_band: Some(AgeBand::Under5), birth_month: None, birth_year: None, ..born(1, 2000) }).unwrap();
        assert_eq!(app.child_band(banded.id, "2026-12-04".into()).unwrap(), Some(AgeBand::Under5), "the band given");
        assert!(app.child_band(9999, "2026-12-04".into()).is_err());
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
