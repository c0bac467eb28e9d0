//! Preferences, the help list, help links and Quick exit.

use std::collections::BTreeMap;

use super::{content, App, Host};
use crate::error::{ErrorCode, UserError};
use crate::law::{self, LawStatement};
use crate::links::AllowList;
use crate::nation::{self, Nation, NationChoice};
use crate::prefs::{Preferences, AUTO_LOCK_CHOICES};
use crate::region::{self, Region, RegionSummary};
use crate::agency::PackInfo;
use crate::vault::service::VaultState;

/// Everything the first screen (Get help, with the header) shows, in one answer.
/// The desktop hands it to the page before the page's scripts run, so the first
/// frame is drawn without waiting for Rust. None of it is personal data.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct FirstScreen {
    pub prefs: Preferences,
    pub vault: VaultState,
    /// The agency pack in use, if any.
    pub agency: Option<PackInfo>,
    /// Why the agency pack on this computer cannot be used, as `pack_current` would say.
    pub agency_problem: Option<UserError>,
    /// The help list for the region and nation in `prefs`.
    pub help: Region,
    /// The answers to "Which part of the UK do you live in?", asked on the first screen until answered.
    pub nation_choices: Vec<NationChoice>,
}

/// The stored preferences; a damaged or unknown value falls back on its own.
pub(super) fn load_preferences(host: &dyn Host) -> Preferences {
    let stored = host.stored_preferences();
    Preferences::from_stored(|k| stored.get(k).cloned(), |r| region::load(r).is_ok())
}

/// Checks preferences before they are kept.
pub fn validate_preferences(prefs: &Preferences) -> Result<(), UserError> {
    region::load(&prefs.region)?;
    if !AUTO_LOCK_CHOICES.contains(&prefs.auto_lock_minutes) {
        return Err(UserError::new(ErrorCode::InvalidInput, "Please choose one of the auto-lock times in the list."));
    }
    Ok(())
}

impl App {
    pub fn region_list(&self) -> Result<Vec<RegionSummary>, UserError> {
        Ok(region::list())
    }

    /// A region's help list, for the nation in the preferences.
    pub fn region_get(&self, id: String) -> Result<Region, UserError> {
        Ok(region::load(&id)?.for_nation(self.preferences().nation))
    }

    /// The help list for the region and nation in the preferences.
    pub fn help_region(&self) -> Result<Region, UserError> {
        let prefs = self.preferences();
        Ok(region::load(&prefs.region)?.for_nation(prefs.nation))
    }

    pub fn first_screen(&self) -> Result<FirstScreen, UserError> {
        let (prefs, help) = (self.preferences(), self.help_region()?);
        let (agency, agency_problem) = match self.pack_current() {
            Ok(info) => (info, None),
            Err(e) => (None, Some(e)),
        };
        Ok(FirstScreen { prefs, vault: self.vault_state()?, agency, agency_problem, help, nation_choices: self.nation_choices()? })
    }

    pub fn prefs_get(&self) -> Result<Preferences, UserError> {
        Ok(self.preferences())
    }

    /// While Harbour is locked only how it looks can change: not the auto-lock
    /// time, and not the region or nation whose help it shows.
    pub fn prefs_set(&self, prefs: Preferences) -> Result<Preferences, UserError> {
        let now = self.preferences();
        // Choosing a nation answers the first-run question; "not sure" is answered with nation_set.
        let nation_asked = now.nation_asked || prefs.nation != now.nation;
        self.keep_preferences(Preferences { nation_asked, ..prefs }, &now)
    }

    /// The answer to "Which part of the UK do you live in?"; `None` is "not sure".
    pub fn nation_set(&self, nation: Option<Nation>) -> Result<Preferences, UserError> {
        let now = self.preferences();
        self.keep_preferences(Preferences { nation, nation_asked: true, ..now.clone() }, &now)
    }

    fn keep_preferences(&self, prefs: Preferences, now: &Preferences) -> Result<Preferences, UserError> {
        validate_preferences(&prefs)?;
        if prefs.auto_lock_minutes != now.auto_lock_minutes || prefs.region != now.region || prefs.nation != now.nation {
            self.require_not_locked("change the auto-lock time or where you live")?;
        }
        // Only Harbour's own keys: anything else in the file is dropped, not kept.
        let values: BTreeMap<String, serde_json::Value> = prefs.to_stored().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        self.host.store_preferences(&values).map_err(|e| {
            UserError::new(ErrorCode::PreferencesNotSaved, format!("Your settings could not be saved, so they will reset when Harbour closes. ({e})"))
        })?;
        self.idle.set_minutes(prefs.auto_lock_minutes);
        Ok(prefs)
    }

    /// What the law says about nude and sexual images, for the family's nation.
    pub fn law_on_images(&self) -> Result<Vec<LawStatement>, UserError> {
        law::on_images(self.preferences().nation).map_err(|_| content::unreadable("the law on images"))
    }

    /// The answers to "Which part of the UK do you live in?".
    pub fn nation_choices(&self) -> Result<Vec<NationChoice>, UserError> {
        Ok(nation::choices())
    }

    /// The help packs' and guides' sites, parsed the first time a link is opened.
    fn help_sites(&self) -> &AllowList {
        self.help_sites.get_or_init(|| {
            let regions = region::builtin().iter().filter_map(|p| p.as_ref().ok()).flat_map(|r| r.urls());
            let guides = content::guides().ok().into_iter().flatten().flat_map(|g| g.sources.iter().map(|s| s.url.as_str()));
            let advice = content::log_guidance().ok().into_iter().flat_map(|g| g.urls());
            AllowList::from_urls(regions.chain(guides).chain(advice).chain(law::urls()))
        })
    }

    /// Opens an allow-listed help site in the system browser, never in Harbour's window:
    /// one of Harbour's own help sites, or one the agency pack in use names.
    pub fn open_help_link(&self, url: String) -> Result<(), UserError> {
        let url = self.help_sites().check(&url).or_else(|e| self.packs.active().and_then(|a| a.allow.check(&url).ok()).ok_or(e))?;
        self.host
            .open_in_browser(&url)
            .map_err(|_| UserError::new(ErrorCode::OpenFailed, format!("Harbour could not open your web browser. The address is {url}")))
    }

    /// The page has already blanked itself: lock the vault and hide the window.
    pub fn quick_exit(&self) -> Result<(), UserError> {
        self.lock(super::locking::LockReason::QuickExit);
        self.host.hide_window().map_err(|_| UserError::new(ErrorCode::WindowFailed, "Harbour could not hide its window."))
    }

    /// The first screen is drawn.
    pub fn ui_ready(&self) -> Result<(), UserError> {
        self.host.ui_ready();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::test_app;
    use crate::prefs::{TextSize, Theme};

    #[test]
    fn the_first_screen_is_what_its_separate_questions_answer() {
        let (app, _host) = test_app();
        let larger = Preferences { text_size: TextSize::Larger, region: "uk".into(), ..Preferences::default() };
        app.prefs_set(larger.clone()).unwrap();
        let first = app.first_screen().unwrap();
        assert_eq!(first.prefs, larger);
        assert_eq!(first.vault, VaultState::Absent);
        assert_eq!(first.help, app.help_region().unwrap());
        assert_eq!((first.agency, first.agency_problem), (None, None));
        assert_eq!(first.nation_choices, app.nation_choices().unwrap());
        app.vault_create(crate::app::commands::tests::PASS.into()).unwrap();
        assert_eq!(app.first_screen().unwrap().vault, VaultState::Unlocked);
    }

    #[test]
    fn preferences_are_checked_then_kept_and_change_the_idle_time() {
        let (app, host) = test_app();
        let bad_region = Preferences { region: "atlantis".into(), ..Preferences::default() };
        assert_eq!(app.prefs_set(bad_region).unwrap_err().code, ErrorCode::UnknownRegion);
        let bad_minutes = Preferences { auto_lock_minutes: 0, ..Preferences::default() };
        assert_eq!(app.prefs_set(bad_minutes).unwrap_err().code, ErrorCode::InvalidInput);
        assert!(host.stored().is_empty(), "nothing is kept after a refusal");

        let p = Preferences { theme: Theme::Dark, text_size: TextSize::Largest, region: "uk".into(), nation: None, nation_asked: false, auto_lock_minutes: 1 };
        app.prefs_set(p.clone()).unwrap();
        assert_eq!(app.prefs_get().unwrap(), p);
        let mut keys: Vec<_> = host.stored().into_keys().collect();
        keys.sort();
        assert_eq!(keys, ["auto_lock_minutes", "nation", "nation_asked", "region", "text_size", "theme"]);
    }

    #[test]
    fn where_the_family_lives_is_asked_once_and_kept_only_while_unlocked() {
        let (app, _host) = test_app();
        assert!(!app.prefs_get().unwrap().nation_asked, "first run asks");
        let sure = app.nation_set(None).unwrap();
        assert_eq!((sure.nation, sure.nation_asked), (None, true), "not sure is an answer");
        let wales = app.prefs_set(Preferences { nation: Some(Nation::Wales), ..app.prefs_get().unwrap() }).unwrap();
        assert_eq!(app.prefs_get().unwrap(), wales);
        app.vault_create(crate::app::commands::tests::PASS.into()).unwrap();
        app.vault_lock().unwrap();
        let refused = app.nation_set(Some(Nation::Scotland)).unwrap_err();
        assert_eq!(refused.code, ErrorCode::VaultLocked);
        assert_eq!(app.prefs_get().unwrap().nation, Some(Nation::Wales));
    }

    #[test]
    fn a_locked_harbour_changes_only_how_it_looks() {
        let (app, _host) = test_app();
        let longer = Preferences { auto_lock_minutes: 60, ..Preferences::default() };
        app.prefs_set(longer.clone()).unwrap();
        app.prefs_set(Preferences::default()).unwrap();
        app.vault_create("kettle harbour seven lanterns".into()).unwrap();
        app.vault_lock().unwrap();
        let e = app.prefs_set(longer).unwrap_err();
        assert_eq!(e.code, ErrorCode::VaultLocked);
        assert_eq!(e.message, "Harbour is locked. Unlock it to change the auto-lock time or where you live.");
        let larger = Preferences { text_size: TextSize::Largest, theme: Theme::Dark, ..Preferences::default() };
        assert_eq!(app.prefs_set(larger.clone()).unwrap(), larger, "text size and theme stay open to everyone");
        assert_eq!(app.prefs_get().unwrap().auto_lock_minutes, 5);
    }

    #[test]
    fn help_links_go_to_the_browser_only_when_allowed() {
        let (app, host) = test_app();
        app.open_help_link("https://www.nspcc.org.uk/".into()).unwrap();
        assert_eq!(app.open_help_link("https://evil.example/".into()).unwrap_err().code, ErrorCode::LinkRefused);
        assert_eq!(app.open_help_link("http://www.nspcc.org.uk/".into()).unwrap_err().code, ErrorCode::LinkRefused);
        assert_eq!(host.opened(), ["https://www.nspcc.org.uk/"]);
    }

    #[test]
    fn quick_exit_locks_and_hides() {
        let (app, host) = test_app();
        app.vault_create("kettle harbour seven lanterns".into()).unwrap();
        app.quick_exit().unwrap();
        assert_eq!(app.vault_state().unwrap(), crate::vault::service::VaultState::Locked);
        assert_eq!(host.hidden(), 1);
    }

    #[test]
    fn auto_lock_counts_from_the_last_use_and_tells_the_page() {
        let (app, host) = test_app();
        let code = app.vault_create("kettle harbour seven lanterns".into()).unwrap();
        app.recovery_code_confirm(code.as_str().into()).unwrap();
        host.advance_minutes(4);
        app.vault_activity().unwrap();
        host.advance_minutes(4);
        assert!(!app.lock_if_idle());
        host.advance_minutes(1);
        assert!(app.lock_if_idle());
        assert_eq!(app.vault_state().unwrap(), crate::vault::service::VaultState::Locked);
        assert_eq!(host.locks_told(), 1);
        assert!(!app.lock_if_idle(), "a locked vault is not locked again");
    }

    #[test]
    fn a_laptop_that_slept_is_locked_when_it_wakes() {
        let (app, host) = test_app();
        let code = app.vault_create("kettle harbour seven lanterns".into()).unwrap();
        app.recovery_code_confirm(code.as_str().into()).unwrap();
        host.advance_minutes(1);
        host.sleep_minutes(180);
        assert!(app.lock_if_idle());
        assert_eq!(app.vault_state().unwrap(), crate::vault::service::VaultState::Locked);
    }
}
