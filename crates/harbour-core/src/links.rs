//! Which web addresses Harbour will hand to the system browser. Only https
//! addresses on hosts that a region pack names are allowed; everything else is
//! refused before it reaches the opener.

use std::collections::BTreeSet;

use url::Url;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LinkError {
    #[error("this is not a web address")]
    NotAUrl,
    #[error("only secure (https) web addresses can be opened")]
    NotHttps,
    #[error("web addresses with a user name or password are not allowed")]
    HasCredentials,
    #[error("{0} is not one of the help sites Harbour knows")]
    NotAllowed(String),
}

/// Parses a URL and insists on https with a host and no user name or password.
pub fn parse_https(raw: &str) -> Result<Url, LinkError> {
    let url = Url::parse(raw.trim()).map_err(|_| LinkError::NotAUrl)?;
    if url.scheme() != "https" {
        return Err(LinkError::NotHttps);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(LinkError::HasCredentials);
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(LinkError::NotAUrl);
    }
    Ok(url)
}

/// The hosts Harbour may open, built from the addresses its content shows.
#[derive(Debug, Clone, Default)]
pub struct AllowList {
    hosts: BTreeSet<String>,
}

impl AllowList {
    pub fn from_urls<'a>(urls: impl IntoIterator<Item = &'a str>) -> Self {
        let hosts = urls
            .into_iter()
            .filter_map(|u| parse_https(u).ok())
            .filter_map(|u| u.host_str().map(|h| h.to_ascii_lowercase()))
            .collect();
        AllowList { hosts }
    }

    /// Checks an address and returns it normalised, ready for the opener.
    /// The host must match exactly: `nspcc.org.uk.evil.example` is refused.
    pub fn check(&self, raw: &str) -> Result<Url, LinkError> {
        let url = parse_https(raw)?;
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if self.hosts.contains(&host) {
            Ok(url)
        } else {
            Err(LinkError::NotAllowed(host))
        }
    }

    pub fn hosts(&self) -> impl Iterator<Item = &str> {
        self.hosts.iter().map(String::as_str)
    }
}

/// Whether the app's own webview may load this address. Only the bundled UI
/// (and Vite's dev server in debug builds) is allowed; everything else is refused.
pub fn is_app_url(url: &Url, dev_server: Option<&Url>) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" if url.host_str() == Some("tauri.localhost") => true,
        _ => dev_server.is_some_and(|dev| url.origin() == dev.origin()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> AllowList {
        AllowList::from_urls(["https://www.nspcc.org.uk/help", "https://www.ceop.police.uk/Safety-Centre/", "http://plain.example"])
    }

    #[test]
    fn allows_pack_hosts_only() {
        let l = list();
        assert!(l.check("https://www.nspcc.org.uk/other/page?x=1").is_ok());
        assert!(l.check("HTTPS://WWW.CEOP.POLICE.UK/").is_ok());
        assert_eq!(l.check("https://evil.example/"), Err(LinkError::NotAllowed("evil.example".into())));
        assert_eq!(
            l.check("https://www.nspcc.org.uk.evil.example/"),
            Err(LinkError::NotAllowed("www.nspcc.org.uk.evil.example".into()))
        );
        assert_eq!(l.hosts().collect::<Vec<_>>(), vec!["www.ceop.police.uk", "www.nspcc.org.uk"], "http hosts never enter the list");
    }

    #[test]
    fn refuses_other_schemes_and_credentials() {
        let l = list();
        assert_eq!(l.check("http://www.nspcc.org.uk/"), Err(LinkError::NotHttps));
        assert_eq!(l.check("file:///etc/passwd"), Err(LinkError::NotHttps));
        assert_eq!(l.check("javascript:alert(1)"), Err(LinkError::NotHttps));
        assert_eq!(l.check("https://user:pw@www.nspcc.org.uk/"), Err(LinkError::HasCredentials));
        assert_eq!(l.check("not a url"), Err(LinkError::NotAUrl));
    }

    #[test]
    fn only_the_bundled_ui_is_an_app_url() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(is_app_url(&u("tauri://localhost/index.html"), None));
        assert!(is_app_url(&u("http://tauri.localhost/"), None));
        assert!(!is_app_url(&u("https://example.com/"), None));
        assert!(!is_app_url(&u("http://localhost:5173/"), None));
        assert!(is_app_url(&u("http://localhost:5173/#/help"), Some(&u("http://localhost:5173"))));
        assert!(!is_app_url(&u("tauri://evil/"), None));
    }

    #[test]
    fn every_uk_link_is_allowed() {
        let uk = crate::region::load("uk").unwrap();
        let l = AllowList::from_urls(uk.urls());
        for u in uk.urls() {
            assert!(l.check(u).is_ok(), "{u} should be allowed");
        }
    }
}
