//! Preferences: how Harbour looks, never anything about a family. They live in
//! the plain preferences file, so this type must never gain a personal field.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::nation::Nation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextSize {
    #[default]
    Standard,
    Large,
    Larger,
    Largest,
}

impl TextSize {
    /// Root font scale, as a percentage of the system's default size.
    pub fn percent(self) -> u32 {
        match self {
            TextSize::Standard => 100,
            TextSize::Large => 115,
            TextSize::Larger => 130,
            TextSize::Largest => 150,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preferences {
    pub theme: Theme,
    pub text_size: TextSize,
    pub region: String,
    /// Where the family lives, for the police, services and law Harbour shows. `null` is "not sure".
    pub nation: Option<Nation>,
    /// Whether the person has answered the question about where they live ("not sure" is an answer).
    pub nation_asked: bool,
    /// Lock Harbour after this many minutes with no use. One of AUTO_LOCK_CHOICES.
    pub auto_lock_minutes: u32,
}

/// The idle times a person can pick. There is no "never": an unlocked
/// concern log on a shared computer is the risk Harbour exists to avoid.
pub const AUTO_LOCK_CHOICES: [u32; 7] = [1, 2, 5, 10, 15, 30, 60];
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: Theme::default(),
            text_size: TextSize::default(),
            region: "uk".into(),
            nation: None,
            nation_asked: false,
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
        }
    }
}

/// Keys in the preferences file.
pub const KEYS: [&str; 6] = ["theme", "text_size", "region", "nation", "nation_asked", "auto_lock_minutes"];

impl Preferences {
    /// Reads stored values one by one. A missing or damaged value falls back to
    /// its default without touching the others, so one bad entry never resets
    /// a person's text size or theme. `known_region` says which regions exist.
    pub fn from_stored(get: impl Fn(&str) -> Option<Value>, known_region: impl Fn(&str) -> bool) -> Self {
        let d = Preferences::default();
        fn pick<T: serde::de::DeserializeOwned>(get: &impl Fn(&str) -> Option<Value>, key: &str) -> Option<T> {
            get(key).and_then(|v| serde_json::from_value(v).ok())
        }
        Preferences {
            theme: pick(&get, "theme").unwrap_or(d.theme),
            text_size: pick(&get, "text_size").unwrap_or(d.text_size),
            region: pick::<String>(&get, "region").filter(|r| known_region(r)).unwrap_or(d.region),
            nation: pick(&get, "nation").unwrap_or(d.nation),
            // A damaged nation is asked again rather than guessed.
            nation_asked: pick::<bool>(&get, "nation_asked").unwrap_or(d.nation_asked) && pick::<Option<Nation>>(&get, "nation").is_some(),
            auto_lock_minutes: pick::<u32>(&get, "auto_lock_minutes")
                .filter(|m| AUTO_LOCK_CHOICES.contains(m))
                .unwrap_or(d.auto_lock_minutes),
        }
    }

    /// The values to store, key by key.
    pub fn to_stored(&self) -> [(&'static str, Value); 6] {
        [
            ("theme", serde_json::to_value(self.theme).expect("enum serialises")),
            ("text_size", serde_json::to_value(self.text_size).expect("enum serialises")),
            ("region", Value::String(self.region.clone())),
            ("nation", serde_json::to_value(self.nation).expect("enum serialises")),
            ("nation_asked", Value::Bool(self.nation_asked)),
            ("auto_lock_minutes", Value::from(self.auto_lock_minutes)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::HashMap;

    fn store(pairs: &[(&str, Value)]) -> HashMap<String, Value> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn round_trips_through_the_store() {
        let p = Preferences { theme: Theme::Dark, text_size: TextSize::Largest, region: "uk".into(), nation: Some(Nation::Scotland), nation_asked: true, auto_lock_minutes: 15 };
        let s: HashMap<String, Value> = p.to_stored().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(Preferences::from_stored(|k| s.get(k).cloned(), |r| r == "uk"), p);
        assert_eq!(KEYS.to_vec(), p.to_stored().iter().map(|(k, _)| *k).collect::<Vec<_>>());
    }

    #[test]
    fn a_damaged_value_only_resets_itself() {
        let s = store(&[
            ("theme", json!("purple")),
            ("text_size", json!("larger")),
            ("region", json!(42)),
            ("auto_lock_minutes", json!(0)),
        ]);
        let p = Preferences::from_stored(|k| s.get(k).cloned(), |_| true);
        assert_eq!(p, Preferences { text_size: TextSize::Larger, ..Preferences::default() });
    }

    #[test]
    fn not_sure_is_an_answer_and_a_damaged_nation_is_asked_again() {
        let not_sure = store(&[("nation", json!(null)), ("nation_asked", json!(true))]);
        let p = Preferences::from_stored(|k| not_sure.get(k).cloned(), |_| true);
        assert_eq!((p.nation, p.nation_asked), (None, true));
        let damaged = store(&[("nation", json!("atlantis")), ("nation_asked", json!(true))]);
        let p = Preferences::from_stored(|k| damaged.get(k).cloned(), |_| true);
        assert_eq!((p.nation, p.nation_asked), (None, false));
        let never = store(&[("nation", json!("wales"))]);
        assert!(!Preferences::from_stored(|k| never.get(k).cloned(), |_| true).nation_asked);
    }

    #[test]
    fn an_unknown_region_falls_back_to_the_default() {
        let s = store(&[("region", json!("atlantis"))]);
        assert_eq!(Preferences::from_stored(|k| s.get(k).cloned(), |r| r == "uk").region, "uk");
    }

    #[test]
    fn empty_store_gives_defaults() {
        assert_eq!(Preferences::from_stored(|_| None, |_| true), Preferences::default());
    }

    #[test]
    fn text_sizes_grow() {
        let sizes = [TextSize::Standard, TextSize::Large, TextSize::Larger, TextSize::Largest].map(TextSize::percent);
        assert!(sizes.windows(2).all(|w| w[0] < w[1]));
    }
}
