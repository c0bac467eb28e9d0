//! A passphrase or recovery code as it arrives from the page: kept in memory
//! that is wiped when it is dropped, never serialised back out, and never
//! printed in a log or an error.

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

pub struct SecretText(Zeroizing<String>);

impl SecretText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SecretText {
    fn from(s: &str) -> Self {
        SecretText(Zeroizing::new(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for SecretText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| SecretText(Zeroizing::new(s)))
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretText(..)")
    }
}

impl ts_rs::TS for SecretText {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_a_string_and_never_shows_itself() {
        let s: SecretText = serde_json::from_str("\"kettle harbour seven lanterns\"").unwrap();
        assert_eq!(s.as_str(), "kettle harbour seven lanterns");
        assert_eq!(format!("{s:?}"), "SecretText(..)");
    }
}
