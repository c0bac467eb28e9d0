//! harbour-agency's parts that other tools reuse: reading an agency's pack folder.

pub mod folder;
