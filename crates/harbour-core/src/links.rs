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
    #[error("addresses on this computer or by number are not help sites")]
    NotPublic,
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
    if !harbour_pack::validate::is_public_host(&url) {
        return Err(LinkError::NotPublic);
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

/// Where Tauri serves the bundled UI: its own scheme on Linux and macOS, and
/// a reserved http host on Windows (WebView2 cannot register a scheme).
#[cfg(not(windows))]
pub const APP_ORIGIN: &str = "tauri://localhost";
#[cfg(windows)]
pub const APP_ORIGIN: &str = "http://tauri.localhost";

/// Whether the app's own webview may load this address: only the bundled UI,
/// at exactly this platform's app origin (and Vite's dev server in debug
/// builds). Everything else is refused.
pub fn is_app_url(url: &Url, dev_server: Option<&Url>) -> bool {
    let app = Url::parse(APP_ORIGIN).expect("the app origin is a URL");
    same_origin(url, &app) || dev_server.is_some_and(|dev| url.origin() == dev.origin())
}

/// Scheme, host and port alike. (`Url::origin` makes every custom scheme opaque, so compare the parts.)
fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
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
        for local in ["https://localhost/", "https://tauri.localhost/", "https://127.0.0.1/", "https://[::1]/"] {
            assert_eq!(l.check(local), Err(LinkError::NotPublic), "{local}");
        }
        assert!(AllowList::from_urls(["https://127.0.0.1/help"]).hosts().next().is_none(), "never allowed in the first place");
    }

    #[test]
    fn only_the_bundled_ui_is_an_app_url() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(is_app_url(&u(&format!("{APP_ORIGIN}/index.html")), None));
        if cfg!(windows) {
            assert!(!is_app_url(&u("tauri://localhost/"), None));
        } else {
            assert!(!is_app_url(&u("http://tauri.localhost/"), None), "only this platform's origin");
            assert!(!is_app_url(&u("https://tauri.localhost/"), None));
        }
        assert!(!is_app_url(&u("tauri://localhost.evil/"), None));
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
