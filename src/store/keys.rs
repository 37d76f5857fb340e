//! Where each aggregate is stored: its path below the versioned prefix, and back.
//!
//! The core names its aggregates ([`AggKey`]); the paths are the store's business.
//! Invariant: `parse(&path(k)) == Some(k)` for every key the core can make, and `parse`
//! accepts nothing else (a foreign or mistyped key is quarantined, never guessed at).
use onboard_core::chunks::MAX_PARTS;
use onboard_core::identity::IdentityId;
use onboard_core::partner::ATTACHMENTS_MAX;
use onboard_core::site::SiteNumber;
use onboard_core::AggKey;

/// The key below the versioned prefix, e.g. `id/u0123456789abcdef`.
pub fn path(key: &AggKey) -> String {
    match key {
        AggKey::Identity(id) => format!("id/{}", id.as_str()),
        AggKey::Office => "office".into(),
        AggKey::Mail(n) => format!("mail/{n}"),
        AggKey::Audit(n) => format!("audit/{n}"),
        AggKey::Site(n) => format!("site/{n}"),
        AggKey::Help => "help".into(),
        AggKey::Application(n) => format!("application/{n}"),
        AggKey::Company(id) => format!("company/{id}"),
        AggKey::TokenGuard(id) => format!("tokenguard/{}", id.as_str()),
        AggKey::SiteUsers(n, i) => format!("site/{n}/users/{i}"),
        AggKey::SiteRequests(n, i) => format!("site/{n}/requests/{i}"),
        AggKey::CompanyEmployees(id, i) => format!("company/{id}/employees/{i}"),
        AggKey::CompanyRequests(id, i) => format!("company/{id}/requests/{i}"),
        AggKey::AppFile(n, i) => format!("application/{n}/files/{i}"),
        AggKey::HelpPart(i) => format!("help/requests/{i}"),
    }
}

/// The aggregate a stored path names; `None` for anything this build does not write.
pub fn parse(path: &str) -> Option<AggKey> {
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 9 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let site = |n: &str| SiteNumber::parse(n).ok().filter(|s| s.as_str() == n);
    let company = |id: &str| {
        (id.len() == 13 && id.starts_with('c') && id[1..].chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| id.to_string())
    };
    let application = |n: &str| {
        (n.len() == 11 && n.starts_with("PW") && n[2..].chars().all(|c| c.is_ascii_digit()))
            .then(|| n.to_string())
    };
    let mut parts = path.splitn(4, '/');
    if let (Some(kind), Some(owner), Some(list), Some(i)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    {
        let i = num(i).filter(|i| *i < MAX_PARTS)?;
        return match (kind, list) {
            ("site", "users") => site(owner).map(|n| AggKey::SiteUsers(n, i)),
            ("site", "requests") => site(owner).map(|n| AggKey::SiteRequests(n, i)),
            ("company", "employees") => company(owner).map(|c| AggKey::CompanyEmployees(c, i)),
            ("company", "requests") => company(owner).map(|c| AggKey::CompanyRequests(c, i)),
            ("application", "files") => application(owner)
                .filter(|_| (i as usize) < ATTACHMENTS_MAX)
                .map(|n| AggKey::AppFile(n, i)),
            _ => None,
        };
    }
    if let Some(i) = path.strip_prefix("help/requests/") {
        return num(i).filter(|i| *i < MAX_PARTS).map(AggKey::HelpPart);
    }
    match path.split_once('/') {
        None if path == "office" => Some(AggKey::Office),
        None if path == "help" => Some(AggKey::Help),
        Some(("application", n)) => application(n).map(AggKey::Application),
        Some(("company", id)) => company(id).map(AggKey::Company),
        Some(("tokenguard", id)) => IdentityId::parse(id).map(AggKey::TokenGuard),
        Some(("site", n)) => site(n).map(AggKey::Site),
        Some(("id", id)) => IdentityId::parse(id).map(AggKey::Identity),
        Some(("mail", n)) => num(n).map(AggKey::Mail),
        Some(("audit", n)) => num(n).map(AggKey::Audit),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_key_reads_back_and_nothing_else_is_guessed() {
        let id = IdentityId::parse("u0123456789abcdef").unwrap();
        let site = SiteNumber::parse("1234567").unwrap();
        let company = "c0123456789ab".to_string();
        let app = "PW000000001".to_string();
        for k in [
            AggKey::Identity(id.clone()),
            AggKey::Office,
            AggKey::Mail(3),
            AggKey::Audit(0),
            AggKey::Site(site.clone()),
            AggKey::Help,
            AggKey::Application(app.clone()),
            AggKey::Company(company.clone()),
            AggKey::TokenGuard(id),
            AggKey::SiteUsers(site.clone(), 2),
            AggKey::SiteRequests(site, 0),
            AggKey::CompanyEmployees(company.clone(), 1),
            AggKey::CompanyRequests(company, 4),
            AggKey::AppFile(app, 9),
            AggKey::HelpPart(7),
        ] {
            assert_eq!(parse(&path(&k)), Some(k.clone()), "{}", path(&k));
        }
        for foreign in [
            "",
            "mail/",
            "mail/x",
            "site/12345678",
            "application/PW000000001/files/10",
            "help/requests/1000",
            "office/1",
            "id/U0123456789ABCDEF",
        ] {
            assert_eq!(parse(foreign), None, "{foreign}");
        }
    }
}
