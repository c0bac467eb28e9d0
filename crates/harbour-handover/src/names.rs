//! The names a hand-over may hold. Opening writes them into a folder, so a
//! name can never climb out of it, hide, or clash with another on Windows.

const MAX_NAME: usize = 120;

/// `chronology.txt`, `chronology.pdf`, `files/12-screenshot.png`: one optional
/// `files/` folder, then letters, digits, `.`, `-` and `_`, not starting with a dot.
pub fn check_name(name: &str) -> Result<(), String> {
    let leaf = name.strip_prefix("files/").unwrap_or(name);
    let fine = !leaf.is_empty()
        && name.len() <= MAX_NAME
        && !leaf.starts_with('.')
        && !leaf.ends_with('.')
        && leaf.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if fine { Ok(()) } else { Err(format!("the name {name:?} is not one Harbour writes")) }
}

/// A file name a person gave (any script) made safe for `files/`: letters and
/// digits outside ASCII become `_`, as do spaces and punctuation.
pub fn safe_leaf(prefix: &str, given: &str) -> String {
    let cleaned: String = given.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') { c } else { '_' }).collect();
    let cleaned = cleaned.trim_start_matches('.').trim_end_matches('.');
    let mut leaf = format!("{prefix}-{}", if cleaned.is_empty() { "file" } else { cleaned });
    leaf.truncate(MAX_NAME - "files/".len());
    leaf.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_in_one_folder() {
        for ok in ["chronology.txt", "files/3-photo.png", "manifest.json", "files/12-a_b-c.jpeg"] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "../x", "files/../x", "/etc/passwd", "a/b", "files/", ".hidden", "files/.x", "C:x", "a\\b", "x.", "files/sub/x", "ünïcode"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(check_name(&"a".repeat(121)).is_err());
    }

    #[test]
    fn given_names_become_safe_ones() {
        assert_eq!(safe_leaf("3", "Screenshot 2026-11-20.png"), "3-Screenshot_2026-11-20.png");
        assert_eq!(safe_leaf("4", "صورة.jpg"), "4-____.jpg");
        assert_eq!(safe_leaf("5", "../../.."), "5-_.._");
        for given in ["..", "", "....png", "名前.png", &"x".repeat(500)] {
            let leaf = safe_leaf("9", given);
            assert!(check_name(&format!("files/{leaf}")).is_ok(), "{given:?} -> {leaf}");
        }
    }
}
