//! Harbour's domain logic. Nothing here knows about Tauri, GTK or the webview,
//! so it builds and tests fast and the desktop shell stays thin.

pub mod agency;
pub mod app;
pub mod agreement;
pub mod apps;
pub use harbour_base::dates;
pub mod error;
pub mod guides;
pub mod law;
pub mod links;
pub mod log_guidance;
pub mod nation;
pub mod painting;
pub mod prefs;
pub mod print;
pub mod region;
mod source_locale;
pub mod vault;

#[cfg(test)]
mod bindings;
