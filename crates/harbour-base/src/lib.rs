//! Helpers that harbour-core, harbour-pack and harbour-agency share, written once.

pub mod dates;
pub mod files;
