//! Preferences: how Harbour looks, never anything about a family. They live in
//! the plain preferences file, so this type must never gain a personal field.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

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
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
        }
    }
}

/// Keys in the preferences file.
pub const KEYS: [&str; 4] = ["theme", "text_size", "region", "auto_lock_minutes"];

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
            auto_lock_minutes: pick::<u32>(&get, "auto_lock_minutes")
                .filter(|m| AUTO_LOCK_CHOICES.contains(m))
                .unwrap_or(d.auto_lock_minutes),
        }
    }

    /// The values to store, key by key.
    pub fn to_stored(&self) -> [(&'static str, Value); 4] {
        [
            ("theme", serde_json::to_value(self.theme).expect("enum serialises")),
            ("text_size", serde_json::to_value(self.text_size).expect("enum serialises")),
            ("region", Value::String(self.region.clone())),
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
        let p = Preferences { theme: Theme::Dark, text_size: TextSize::Largest, region: "uk".into(), auto_lock_minutes: 15 };
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
