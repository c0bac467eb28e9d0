//! Printable PDFs: the family agreement and the conversation prompt card, laid
//! out by one small engine that the recovery sheet uses too.

pub mod agreement_pdf;
pub mod call_sheet;
pub mod chronology;
pub mod guide_pdf;
pub mod layout;
pub mod prompt_card;
mod tagged;
