//! The family agreement builder's content and logic.

pub mod rules;
pub mod conversations;
