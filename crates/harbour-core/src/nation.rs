//! The four nations of the UK. Police, children's services and the law differ
//! between them, so the help Harbour shows depends on where a family lives.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

impl Nation {
    pub const ALL: [Nation; 4] = [Nation::England, Nation::Wales, Nation::Scotland, Nation::NorthernIreland];

    pub fn name(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Wales => "Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }
}

/// "England", "England and Wales", "England, Wales and Scotland".
pub fn names(nations: &[Nation]) -> String {
    let names: Vec<&str> = nations.iter().map(|n| n.name()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// One answer to "Which part of the UK do you live in?", for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NationChoice {
    /// `null` is "Not sure": Harbour then shows what applies in every nation.
    pub nation: Option<Nation>,
    pub label: &'static str,
}

/// The answers, in the order they are offered.
pub fn choices() -> Vec<NationChoice> {
    Nation::ALL
        .iter()
        .map(|&n| NationChoice { nation: Some(n), label: n.name() })
        .chain([NationChoice { nation: None, label: "Not sure, or more than one" }])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nations_are_named_as_people_say_them() {
        assert_eq!(names(&[Nation::England]), "England");
        assert_eq!(names(&[Nation::England, Nation::Wales]), "England and Wales");
        assert_eq!(names(&[Nation::England, Nation::Wales, Nation::NorthernIreland]), "England, Wales and Northern Ireland");
        assert_eq!(serde_json::to_value(Nation::NorthernIreland).unwrap(), "northern_ireland");
        assert_eq!(choices().len(), 5);
        assert_eq!(choices()[4].nation, None);
    }
}
