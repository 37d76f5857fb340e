//! Every in-app address as a value. A link, a mail's action and a redirect name a
//! [`Route`] (and its query through [`Href`]), never a string path: a route that does
//! not exist does not compile, and a route's pattern is written once, here.
//!
//! Invariants:
//! * `Route::parse(&r.path()) == Some(r)` for every route whose value is not empty
//!   (a property test in `tests/parsers.rs`).
//! * An [`Href`] is a path below the app's base, made only from a `Route` (plus an
//!   encoded query), or read back from stored mail or a `next` parameter through
//!   [`Href::parse`], which accepts known routes only (no other origin, no unknown
//!   path): a redirect can never leave the app.
//! * `Route::PATTERNS` is the UI's route table's order (checked by the app's tests).
use serde::{Deserialize, Serialize};
use std::fmt;

/// A page of the app, with the values its path carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    CreateId,
    Verify,
    SignIn,
    Reset,
    Profile,
    Mailbox,
    /// One message (its id).
    Mail(String),
    Sites,
    SiteRequest,
    SiteHelp,
    /// An information page (`program`, `responsibilities`, `roles`).
    SiteInfo(String),
    /// A site's top page (its number).
    Site(String),
    SiteContacts(String),
    SiteAccess(String),
    SiteDocuments(String),
    SiteReport(String),
    OfficeSites,
    OfficeHelp,
    Partner,
    PartnerBenefits,
    PartnerPps,
    PartnerSteps,
    PartnerContact,
    PartnerApply,
    PartnerAssociate,
    PartnerCompany,
    PartnerMe,
    PartnerHome,
    OfficeApplications,
    Office,
    OfficeAudit,
    Data,
    OfficeCompanies,
    OfficeIds,
}

impl Route {
    /// Every route's pattern, in the order the UI's router tries them.
    pub const PATTERNS: &'static [&'static str] = &[
        "/",
        "/id/new",
        "/id/verify",
        "/signin",
        "/id/reset",
        "/id/profile",
        "/mail",
        "/mail/:id",
        "/sites",
        "/sites/request",
        "/sites/help",
        "/sites/info/:page",
        "/sites/:site",
        "/sites/:site/contacts",
        "/sites/:site/access",
        "/sites/:site/documents",
        "/sites/:site/report",
        "/office/sites",
        "/office/help",
        "/partner",
        "/partner/benefits",
        "/partner/pps",
        "/partner/steps",
        "/partner/contact",
        "/partner/apply",
        "/partner/associate",
        "/partner/company",
        "/partner/me",
        "/partner/home",
        "/office/applications",
        "/office",
        "/office/audit",
        "/data",
        "/office/companies",
        "/office/ids",
    ];

    /// The pattern this route matches (one of [`Route::PATTERNS`]).
    pub fn pattern(&self) -> &'static str {
        Self::PATTERNS[self.index()]
    }

    /// The route's place in [`Route::PATTERNS`].
    fn index(&self) -> usize {
        use Route::*;
        match self {
            Home => 0,
            CreateId => 1,
            Verify => 2,
            SignIn => 3,
            Reset => 4,
            Profile => 5,
            Mailbox => 6,
            Mail(_) => 7,
            Sites => 8,
            SiteRequest => 9,
            SiteHelp => 10,
            SiteInfo(_) => 11,
            Site(_) => 12,
            SiteContacts(_) => 13,
            SiteAccess(_) => 14,
            SiteDocuments(_) => 15,
            SiteReport(_) => 16,
            OfficeSites => 17,
            OfficeHelp => 18,
            Partner => 19,
            PartnerBenefits => 20,
            PartnerPps => 21,
            PartnerSteps => 22,
            PartnerContact => 23,
            PartnerApply => 24,
            PartnerAssociate => 25,
            PartnerCompany => 26,
            PartnerMe => 27,
            PartnerHome => 28,
            OfficeApplications => 29,
            Office => 30,
            OfficeAudit => 31,
            Data => 32,
            OfficeCompanies => 33,
            OfficeIds => 34,
        }
    }

    /// The site number of a site's page (`/sites/:site/...`).
    pub fn site(&self) -> Option<&str> {
        use Route::*;
        match self {
            Site(v) | SiteContacts(v) | SiteAccess(v) | SiteDocuments(v) | SiteReport(v) => Some(v),
            _ => None,
        }
    }

    /// The value of the pattern's `:name` segment, if it has one.
    fn value(&self) -> Option<&str> {
        use Route::*;
        match self {
            Mail(v) | SiteInfo(v) | Site(v) | SiteContacts(v) | SiteAccess(v)
            | SiteDocuments(v) | SiteReport(v) => Some(v),
            _ => None,
        }
    }

    /// The route of pattern `index` (in [`Route::PATTERNS`]) with `value` in its
    /// `:name` segment, if it has one.
    pub fn build(index: usize, value: String) -> Option<Route> {
        use Route::*;
        Some(match index {
            0 => Home,
            1 => CreateId,
            2 => Verify,
            3 => SignIn,
            4 => Reset,
            5 => Profile,
            6 => Mailbox,
            7 => Mail(value),
            8 => Sites,
            9 => SiteRequest,
            10 => SiteHelp,
            11 => SiteInfo(value),
            12 => Site(value),
            13 => SiteContacts(value),
            14 => SiteAccess(value),
            15 => SiteDocuments(value),
            16 => SiteReport(value),
            17 => OfficeSites,
            18 => OfficeHelp,
            19 => Partner,
            20 => PartnerBenefits,
            21 => PartnerPps,
            22 => PartnerSteps,
            23 => PartnerContact,
            24 => PartnerApply,
            25 => PartnerAssociate,
            26 => PartnerCompany,
            27 => PartnerMe,
            28 => PartnerHome,
            29 => OfficeApplications,
            30 => Office,
            31 => OfficeAudit,
            32 => Data,
            33 => OfficeCompanies,
            34 => OfficeIds,
            _ => return None,
        })
    }

    /// The path below the base (`/sites/1234567/access`), its value encoded.
    pub fn path(&self) -> String {
        let value = self.value().map(url_encode).unwrap_or_default();
        let path: String = self
            .pattern()
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.starts_with(':') {
                    format!("/{value}")
                } else {
                    format!("/{s}")
                }
            })
            .collect();
        if path.is_empty() {
            "/".into()
        } else {
            path
        }
    }

    /// The route whose pattern `path` (below the base, without query) matches: the
    /// first in [`Route::PATTERNS`]' order, as the router picks it.
    pub fn parse(path: &str) -> Option<Route> {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Self::PATTERNS.iter().enumerate().find_map(|(i, pattern)| {
            let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
            if pat.len() != segs.len() {
                return None;
            }
            let mut value = String::new();
            for (p, s) in pat.iter().zip(&segs) {
                if p.starts_with(':') {
                    value = url_decode(s)?;
                } else if p != s {
                    return None;
                }
            }
            Self::build(i, value)
        })
    }

    /// This route as an address, without a query.
    pub fn href(&self) -> Href {
        Href(self.path())
    }

    /// This route with one query parameter (`key=value`, the value encoded).
    pub fn with(&self, key: &str, value: &str) -> Href {
        self.href().and(key, value)
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

/// An in-app address below the base: a [`Route`]'s path and an optional query.
/// Stored in mail as its text (`/sites/1234567?x=1`), so mail written before this type
/// existed reads back unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Href(String);

impl Href {
    /// Adds a query parameter (`key=value`, the value encoded).
    pub fn and(mut self, key: &str, value: &str) -> Href {
        self.0.push(if self.0.contains('?') { '&' } else { '?' });
        self.0.push_str(key);
        self.0.push('=');
        self.0.push_str(&url_encode(value));
        self
    }

    /// Adds a query parameter unless `value` is empty (an optional `next`, say).
    pub fn and_if_set(self, key: &str, value: &str) -> Href {
        if value.is_empty() {
            self
        } else {
            self.and(key, value)
        }
    }

    /// Adds a query as an address bar has it, already encoded (`?to=a%40b.jp&page=2`;
    /// empty or a bare `?` adds nothing): the list a page was opened from, say.
    pub fn and_search(mut self, search: &str) -> Href {
        let q = search.strip_prefix('?').unwrap_or(search);
        if !q.is_empty() {
            self.0.push(if self.0.contains('?') { '&' } else { '?' });
            self.0.push_str(q);
        }
        self
    }

    /// An address read back from text (a `next` parameter, stored mail): only the
    /// path of a known route, with any query; `None` for anything else (another
    /// origin, `//host`, a backslash, an unknown path).
    pub fn parse(text: &str) -> Option<Href> {
        if !is_plain_path(text) {
            return None;
        }
        let path = text.split(['?', '#']).next().unwrap_or(text);
        Route::parse(path).map(|_| Href(text.to_string()))
    }

    /// A `next` parameter's destination: the address if it is one of ours, else home.
    pub fn next_or_home(text: &str) -> Href {
        Self::parse(text).unwrap_or_else(|| Route::Home.href())
    }

    /// The address as text (path and query, below the base).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path alone (without query or fragment).
    pub fn path(&self) -> &str {
        self.0.split(['?', '#']).next().unwrap_or(&self.0)
    }

    /// The route this address is of, if it is one.
    pub fn route(&self) -> Option<Route> {
        Route::parse(self.path())
    }
}

impl From<Route> for Href {
    fn from(r: Route) -> Href {
        r.href()
    }
}

impl From<&Route> for Href {
    fn from(r: &Route) -> Href {
        r.href()
    }
}

impl fmt::Display for Href {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A path that starts with one `/`, made of visible ASCII, with no backslash anywhere.
/// Browsers read `\` as `/` and drop tabs and line breaks, so `/\host`, `/\t/host`
/// and `/%2f/host`-like tricks would otherwise reach another origin as `//host`.
fn is_plain_path(to: &str) -> bool {
    let b = to.as_bytes();
    b.first() == Some(&b'/')
        && !matches!(b.get(1), Some(b'/') | Some(b'\\'))
        && b.iter().all(|c| c.is_ascii_graphic() && *c != b'\\')
        && !to.to_ascii_lowercase().starts_with("/%2f")
        && !to.to_ascii_lowercase().starts_with("/%5c")
}

/// Decodes `%XX` escapes (UTF-8); `None` for a malformed escape or invalid UTF-8.
fn url_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_route(value: &str) -> Vec<Route> {
        (0..Route::PATTERNS.len())
            .map(|i| Route::build(i, value.to_string()).unwrap())
            .collect()
    }

    #[test]
    fn every_pattern_is_one_route_and_back() {
        for (i, r) in every_route("x").iter().enumerate() {
            assert_eq!(r.index(), i);
            assert_eq!(r.pattern(), Route::PATTERNS[i]);
        }
        assert!(Route::build(Route::PATTERNS.len(), String::new()).is_none());
    }

    #[test]
    fn a_path_reads_back_as_its_route() {
        for value in ["1234567", "roles", "a b/ü?&=#%", "m-0001"] {
            for r in every_route(value) {
                assert_eq!(Route::parse(&r.path()), Some(r.clone()), "{}", r.path());
            }
        }
        assert_eq!(Route::Home.path(), "/");
        assert_eq!(
            Route::SiteAccess("1234567".into()).path(),
            "/sites/1234567/access"
        );
        // The fixed pages come before the site pattern, as in the router.
        assert_eq!(Route::parse("/sites/help"), Some(Route::SiteHelp));
        assert_eq!(Route::parse("/sites/help/"), Some(Route::SiteHelp));
        assert_eq!(
            Route::parse("/sites/1234567/access/"),
            Some(Route::SiteAccess("1234567".into()))
        );
        assert_eq!(Route::parse("/mail/a%20b"), Some(Route::Mail("a b".into())));
        assert_eq!(
            Route::parse("/sites/1/access"),
            Some(Route::SiteAccess("1".into())),
            "no prefix match"
        );
        assert_eq!(Route::parse("/id/newer"), None);
        assert_eq!(Route::parse("/nowhere"), None);
        assert_eq!(Route::parse("/sites/1/2/3"), None);
        assert_eq!(Route::parse("/mail/%ZZ"), None);
        assert_eq!(
            Route::parse("/sites/12%2034/report").and_then(|r| r.site().map(String::from)),
            Some("12 34".into())
        );
        assert_eq!(Route::SiteInfo("roles".into()).site(), None);
    }

    #[test]
    fn a_query_is_encoded_and_chained() {
        let h = Route::Reset.with("email", "a+b@c.jp").and("step", "code");
        assert_eq!(h.as_str(), "/id/reset?email=a%2Bb%40c.jp&step=code");
        assert_eq!(h.path(), "/id/reset");
        assert_eq!(h.route(), Some(Route::Reset));
        assert_eq!(h.clone().and_if_set("next", ""), h);
        assert_eq!(h.clone().and_search(""), h);
        assert_eq!(h.clone().and_search("?"), h);
        let list = Route::Mail("7".into())
            .href()
            .and_search("?to=a%40b.jp&page=2");
        assert_eq!(list.as_str(), "/mail/7?to=a%40b.jp&page=2");
        assert_eq!(list.route(), Some(Route::Mail("7".into())));
        assert_eq!(
            Route::Mailbox.with("to", "x").and_search("page=3").as_str(),
            "/mail?to=x&page=3"
        );
        let next = Route::Sites.with("go", "1");
        assert_eq!(
            Route::SignIn.with("next", next.as_str()).as_str(),
            "/signin?next=%2Fsites%3Fgo%3D1"
        );
    }

    #[test]
    fn only_our_own_routes_are_a_destination() {
        for bad in [
            "https://evil.example/",
            "//evil.example/sites",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            " /evil",
            "/%2f/evil.example",
            "/%5C/evil.example",
            "javascript:alert(1)",
            "/a\\b",
            "/ /evil",
            "/\u{3000}/evil",
            "/sites\t",
            "/nowhere?x=1",
            "sites",
            "",
        ] {
            assert_eq!(Href::parse(bad), None, "{bad}");
            assert_eq!(Href::next_or_home(bad), Route::Home.href(), "{bad}");
        }
        assert_eq!(Href::next_or_home("/sites?go=1").as_str(), "/sites?go=1");
        assert_eq!(
            Href::parse("/sites/1234567#top").and_then(|h| h.route()),
            Some(Route::Site("1234567".into()))
        );
    }

    #[test]
    fn stored_text_reads_back_unchanged() {
        let h = Route::Site("1234567".into()).with("x", "1");
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(json, "\"/sites/1234567?x=1\"");
        assert_eq!(serde_json::from_str::<Href>(&json).unwrap(), h);
    }
}
