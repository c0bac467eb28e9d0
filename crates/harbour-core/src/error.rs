//! The one error shape the UI receives: a stable code to branch on and a plain
//! sentence a person can read. Messages never contain personal data.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{links::LinkError, region::RegionError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    UnknownRegion,
    BrokenContent,
    LinkRefused,
    OpenFailed,
    PreferencesNotSaved,
    WindowFailed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct UserError {
    pub code: ErrorCode,
    pub message: String,
}

impl UserError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        UserError { code, message: message.into() }
    }
}

impl From<RegionError> for UserError {
    fn from(e: RegionError) -> Self {
        match e {
            RegionError::Unknown(_) => UserError::new(ErrorCode::UnknownRegion, "Harbour has no help list for that region."),
            RegionError::Parse(_) | RegionError::Invalid(_) => UserError::new(
                ErrorCode::BrokenContent,
                format!("Harbour's help list is damaged, so it is not shown. In an emergency call 999. ({e})"),
            ),
        }
    }
}

impl From<LinkError> for UserError {
    fn from(e: LinkError) -> Self {
        UserError::new(ErrorCode::LinkRefused, format!("Harbour did not open that link: {e}."))
    }
}
