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

/// The name a kept file travels under: `files/<id>.<extension>`. The name a
/// person gave it (which may name a child) stays inside the chronology, which
/// lists each file with its SHA-256; only the kind of file is kept here.
pub fn kept_file_name(id: i64, given: &str) -> String {
    let ext = given
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| (1..=5).contains(&e.len()) && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".into());
    format!("files/{id}.{ext}")
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
    fn kept_files_travel_under_their_number_and_kind_only() {
        assert_eq!(kept_file_name(3, "Perpetua chat 2026-11-20.PNG"), "files/3.png");
        assert_eq!(kept_file_name(4, "صورة.jpg"), "files/4.jpg");
        for given in ["..", "", "noextension", "x.tar.gz/../..", "名前.画像", &"x".repeat(500), "a.toolongext"] {
            let name = kept_file_name(9, given);
            assert!(check_name(&name).is_ok(), "{given:?} -> {name}");
        }
    }
}
