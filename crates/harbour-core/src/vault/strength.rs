//! How hard a passphrase would be to guess, judged by zxcvbn. There are no
//! rules about symbols or capitals: a few uncommon words pass, "Password1!" does not.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// zxcvbn's score runs 0 to 4; 3 means about 10^10 guesses, which, with the
/// slow key derivation in front of it, is years of work for an attacker.
pub const ACCEPTABLE_SCORE: u8 = 3;
pub const MIN_CHARS: usize = 8;
/// zxcvbn's time grows with length; nothing longer is needed to judge.
const JUDGED_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Strength {
    /// 0 (very easy to guess) to 4 (very hard).
    pub score: u8,
    pub acceptable: bool,
    /// Why it is weak, if zxcvbn can tell.
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
}

/// Words that make a passphrase easy to guess for anyone who knows it is Harbour's.
const CONTEXT: &[&str] = &["harbour", "harbor", "family", "online", "safety", "passphrase", "password"];

pub fn judge(passphrase: &str) -> Strength {
    let chars = passphrase.chars().count();
    if chars < MIN_CHARS {
        return Strength {
            score: 0,
            acceptable: false,
            warning: Some(format!("Use at least {MIN_CHARS} characters.")),
            suggestions: vec!["A few words you will remember work well.".into()],
        };
    }
    let judged: String = passphrase.chars().take(JUDGED_CHARS).collect();
    let entropy = zxcvbn::zxcvbn(&judged, CONTEXT);
    let score = u8::from(entropy.score());
    let feedback = entropy.feedback();
    Strength {
        score,
        acceptable: score >= ACCEPTABLE_SCORE,
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: feedback.map(|f| f.suggestions().iter().map(|s| s.to_string()).collect()).unwrap_or_default(),
    }
}

/// Refuses what the meter calls too easy to guess. The one rule for every
/// passphrase Harbour accepts, so the UI can never let through what Rust
/// refuses, or the other way round.
pub fn require_acceptable(passphrase: &str) -> Result<(), super::VaultError> {
    let s = judge(passphrase);
    if !s.acceptable {
        let why = s.warning.or_else(|| s.suggestions.into_iter().next()).unwrap_or_default();
        return Err(super::VaultError::Invalid(format!("That passphrase would be too easy to guess. {why}").trim_end().into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_short_passphrases_are_refused() {
        for weak in ["", "short", "password", "Password1!", "harbour123", "qwertyuiop", "12345678910"] {
            assert!(!judge(weak).acceptable, "{weak} should be refused");
        }
    }

    #[test]
    fn a_few_uncommon_words_pass_without_symbol_rules() {
        for good in ["kettle harbour seven lanterns", "purple otter biscuit tuesday", "Marmalade drifts past the quay"] {
            let s = judge(good);
            assert!(s.acceptable, "{good}: {s:?}");
        }
    }

    #[test]
    fn a_very_long_passphrase_is_judged_quickly() {
        let long = "lantern ".repeat(10_000);
        let t = std::time::Instant::now();
        judge(&long);
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn weak_ones_say_why_or_what_to_do() {
        let s = judge("password123");
        assert!(s.warning.is_some() || !s.suggestions.is_empty());
    }
}
