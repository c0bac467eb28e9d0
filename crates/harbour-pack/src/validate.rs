//! Small checks shared by the reader and the agency tool.

use crate::error::PackError;
use crate::limits;

/// Whether an address names a site on the internet by name: not this
/// computer (`localhost`, `*.localhost`, the app's own `tauri.localhost`) and
/// not a bare IP address, which no help site uses.
pub fn is_public_host(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            !d.is_empty() && d != "localhost" && !d.ends_with(".localhost")
        }
        _ => false,
    }
}

/// A web address Harbour will offer to open: `https://`, a public host by name, no user name or password.
pub fn check_https(field: &str, url: &str) -> Result<(), PackError> {
    let refuse = || PackError::UnsafeLink { field: field.to_string(), url: url.chars().take(200).collect() };
    if url.chars().count() > limits::MAX_URL {
        return Err(PackError::TextTooLong { field: field.to_string(), max: limits::MAX_URL });
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refuse());
    }
    // Checked on the text too: the url crate would tidy "HTTPS:" or "https:\\" into a valid address.
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(refuse());
    };
    if rest.starts_with(['/', '\\']) {
        return Err(refuse());
    }
    let parsed = url::Url::parse(url).map_err(|_| refuse())?;
    let host_ok = is_public_host(&parsed);
    if parsed.scheme() != "https" || !host_ok || !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(refuse());
    }
    Ok(())
}

/// Text a person reads: not empty, not too long, no control characters (new
/// lines only where `multiline`) and no bidirectional overrides that could
/// make a name look like another.
pub fn check_text(field: &str, value: &str, max: usize, multiline: bool) -> Result<(), PackError> {
    if value.trim().is_empty() {
        return Err(PackError::MissingField { field: field.to_string() });
    }
    if value.chars().count() > max {
        return Err(PackError::TextTooLong { field: field.to_string(), max });
    }
    for c in value.chars() {
        let allowed_control = multiline && (c == '\n' || c == '\r' || c == '\t');
        if (c.is_control() && !allowed_control) || is_bidi_control(c) {
            return Err(PackError::InvalidValue {
                field: field.to_string(),
                detail: format!("contains the hidden character U+{:04X}", c as u32),
            });
        }
    }
    Ok(())
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// An id for a page or rule: 1 to 64 of `a-z`, `0-9` and `-`, starting with a letter or digit.
pub fn check_id(field: &str, id: &str) -> Result<(), PackError> {
    if id.is_empty() {
        return Err(PackError::MissingField { field: field.to_string() });
    }
    let ok = id.len() <= limits::MAX_ID
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(PackError::InvalidValue {
            field: field.to_string(),
            detail: format!("{id:?} is not a plain id (a-z, 0-9 and -, at most {} long)", limits::MAX_ID),
        })
    }
}

/// A file name inside a pack: 1 to 64 of `a-z`, `0-9`, `.`, `_`, `-`, not starting
/// with a dot. So no folders (`a/b`), no `..`, no absolute paths, no hidden files.
pub fn check_asset_name(name: &str) -> Result<(), PackError> {
    let ok = !name.is_empty()
        && name.len() <= limits::MAX_ID
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(PackError::BadAssetName { name: name.chars().take(100).collect() })
    }
}

/// A real calendar date written `YYYY-MM-DD`, from 2000 to 2999.
pub fn check_date(field: &str, value: &str) -> Result<(), PackError> {
    let bad = || PackError::InvalidValue { field: field.to_string(), detail: format!("{value:?} is not a date written YYYY-MM-DD") };
    if value.is_empty() {
        return Err(PackError::MissingField { field: field.to_string() });
    }
    if harbour_base::dates::is_iso_date(value) { Ok(()) } else { Err(bad()) }
}

/// A UK or international phone number as people write it: digits, spaces, `+`, `(`, `)`, `-`,
/// with 3 to 15 digits.
pub fn check_phone(field: &str, value: &str) -> Result<(), PackError> {
    check_text(field, value, limits::MAX_PHONE, false)?;
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    let chars_ok = value.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'));
    if !chars_ok || !(3..=15).contains(&digits) || value.chars().skip(1).any(|c| c == '+') {
        return Err(PackError::InvalidValue { field: field.to_string(), detail: format!("{value:?} is not a phone number") });
    }
    Ok(())
}

/// An email address: one `@`, something either side, a dot in the domain, no spaces.
pub fn check_email(field: &str, value: &str) -> Result<(), PackError> {
    check_text(field, value, limits::MAX_EMAIL, false)?;
    let bad = || PackError::InvalidValue { field: field.to_string(), detail: format!("{value:?} is not an email address") };
    let (local, domain) = value.split_once('@').ok_or_else(bad)?;
    let ok = !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '\\'));
    if ok { Ok(()) } else { Err(bad()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_only() {
        assert!(check_https("u", "https://example.org/path?q=1#x").is_ok());
        for u in ["http://example.org", "HTTPS://example.org", "https:/example.org", "https:\\\\example.org", "https://", "ftp://x",
            "https://a b.org", "https://u@example.org", "//example.org", "javascript:alert(1)", "",
            "https://localhost/x", "https://tauri.localhost/", "https://LOCALHOST./", "https://127.0.0.1/", "https://[::1]/", "https://10.0.0.1:8080/"]
        {
            assert!(matches!(check_https("u", u), Err(PackError::UnsafeLink { .. })), "{u}");
        }
        let long = format!("https://example.org/{}", "a".repeat(3000));
        assert!(matches!(check_https("u", &long), Err(PackError::TextTooLong { .. })));
    }

    #[test]
    fn asset_names() {
        for ok in ["logo.png", "online-safety_policy.md", "a", "0.md"] {
            assert!(check_asset_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "../x", "/etc/x", "a/b", "a\\b", ".hidden", "Logo.png", "a b", "c:x", "é.md", &"a".repeat(65)] {
            assert!(matches!(check_asset_name(bad), Err(PackError::BadAssetName { .. })), "{bad}");
        }
    }

    #[test]
    fn dates() {
        for ok in ["2026-01-31", "2028-02-29", "2000-02-29"] {
            assert!(check_date("d", ok).is_ok(), "{ok}");
        }
        for bad in ["2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "1999-12-31", "+026-01-01"] {
            assert!(matches!(check_date("d", bad), Err(PackError::InvalidValue { .. })), "{bad}");
        }
    }

    #[test]
    fn text_rules() {
        assert!(check_text("t", "Hello", 10, false).is_ok());
        assert!(matches!(check_text("t", "  ", 10, false), Err(PackError::MissingField { .. })));
        assert!(matches!(check_text("t", "elevenchars", 10, false), Err(PackError::TextTooLong { .. })));
        assert!(matches!(check_text("t", "a\nb", 10, false), Err(PackError::InvalidValue { .. })));
        assert!(check_text("t", "a\nb", 10, true).is_ok());
        assert!(matches!(check_text("t", "abc\u{202E}gnp", 20, true), Err(PackError::InvalidValue { .. })));
        assert!(matches!(check_text("t", "a\u{0}b", 20, true), Err(PackError::InvalidValue { .. })));
    }

    #[test]
    fn phones_and_emails() {
        for ok in ["01632 960123", "+44 1632 960123", "(01632) 960-123", "999"] {
            assert!(check_phone("p", ok).is_ok(), "{ok}");
        }
        for bad in ["call us", "01632 96012a", "12", "1234567890123456", "44+1632"] {
            assert!(check_phone("p", bad).is_err(), "{bad}");
        }
        assert!(check_email("e", "duty@brightwater.example.org").is_ok());
        for bad in ["duty", "@example.org", "a@b", "a@.org", "a b@example.org", "a@@example.org", "a@example.org.", "<a@example.org>"] {
            assert!(check_email("e", bad).is_err(), "{bad}");
        }
    }
}
