//! Harbour's own content, compiled in and checked on first use. A file that
//! fails its checks is a broken install, said plainly.

use crate::agreement::conversations::{self, Planner};
use crate::agreement::rules::{self, RuleLibrary};
use crate::apps::{self, Catalogue};
use crate::error::{ErrorCode, UserError};
use crate::guides::{self, Guide};
use crate::log_guidance::{self, LogGuidance};

pub fn unreadable(what: &str) -> UserError {
    UserError::new(ErrorCode::BrokenContent, format!("Harbour's {what} could not be read. Please reinstall Harbour."))
}

pub fn guides() -> Result<&'static [Guide], UserError> {
    guides::builtin().map_err(|_| unreadable("app guides"))
}

pub fn guide(id: &str) -> Result<&'static Guide, UserError> {
    guides()?.iter().find(|g| g.id == id).ok_or_else(|| UserError::new(ErrorCode::InvalidInput, "That guide is not in Harbour."))
}

pub fn rule_library() -> Result<&'static RuleLibrary, UserError> {
    rules::builtin().map_err(|_| unreadable("list of rules"))
}

pub fn planner() -> Result<&'static Planner, UserError> {
    conversations::builtin().map_err(|_| unreadable("conversation guides"))
}

pub fn catalogue() -> Result<&'static Catalogue, UserError> {
    apps::builtin().map_err(|_| unreadable("list of apps"))
}

pub fn log_guidance() -> Result<&'static LogGuidance, UserError> {
    log_guidance::builtin().map_err(|_| unreadable("advice for the concern log"))
}
