//! What a site's or company's administrators read out about it: the site report
//! ("Reporting: View"), the site's and the company's own audit trail, and their users
//! as CSV. Each function checks who asks (the same rules as the commands: `site::may`,
//! `Company::is_admin`); the program office may read every one. Pure: time is an
//! argument.
use super::audit::{AuditEntry, AuditEvent};
use super::calendar::{format_utc, jst};
use super::ctx::Timestamp;
use super::error::DomainError;
use super::i18n::{Lang, P, T};
use super::partner::{today, Company};
use super::site::{may, RequestStatus, Site, SiteAction, UserStatus};
use super::state::{Actor, State};
use super::text::{has_key, search_key};
use super::words::{audit_detail, audit_event};

/// How many months the site report covers (this one and the eleven before).
pub const REPORT_MONTHS: usize = 12;

/// One month of a site's report (Japan time).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthRow {
    pub year: i64,
    pub month: u32,
    /// Access requests sent in the month.
    pub asked: u32,
    /// Access requests granted in the month (whenever they were sent).
    pub granted: u32,
    /// Access requests refused in the month.
    pub refused: u32,
    /// Changes to the registration: contacts, users and privileges, the primary.
    pub changes: u32,
}

impl MonthRow {
    /// "2026-11".
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// A site's report: who uses it and what happened to it month by month.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteReport {
    pub secondaries: usize,
    /// Users who are not secondary contacts.
    pub users: usize,
    /// Users (of either kind) with no verified ID yet.
    pub invited: usize,
    /// Access requests waiting for a decision.
    pub waiting: usize,
    /// Oldest first, [`REPORT_MONTHS`] of them, the last one being `now`'s.
    pub months: Vec<MonthRow>,
}

/// Whether an audit event is a change to a site's registration.
pub fn is_registration_change(e: AuditEvent) -> bool {
    use AuditEvent::*;
    matches!(
        e,
        PrimaryChanged
            | ContactChanged
            | ContactCleared
            | UserAdded
            | UserChanged
            | UserRemoved
            | RequestGranted
    )
}

fn site_for<'s>(
    state: &'s State,
    actor: &Actor,
    site: &str,
    action: SiteAction,
) -> Result<&'s Site, DomainError> {
    let s = super::site_commands::find(state, site)?;
    if actor.is_operator() {
        return Ok(s);
    }
    let me = super::site_commands::me(state, actor)?;
    if may(s, Some(me.email()), action) && !state.lapsed(s, me.email()) {
        Ok(s)
    } else {
        Err(DomainError::NotAllowed)
    }
}

fn company_for<'s>(
    state: &'s State,
    actor: &Actor,
    company: &str,
    now: Timestamp,
) -> Result<&'s Company, DomainError> {
    let c = state.company(company).ok_or(DomainError::NotFound)?;
    if actor.is_operator() {
        return Ok(c);
    }
    let id = actor.person().ok_or(DomainError::NotSignedIn)?;
    if c.is_admin(Some(id), &today(now)) {
        Ok(c)
    } else {
        Err(DomainError::NotAllowed)
    }
}

/// The audit entries about `subject` (a site number or a company id), newest first.
fn trail<'s>(state: &'s State, subject: &str) -> Vec<&'s AuditEntry> {
    state
        .audit
        .values()
        .rev()
        .flat_map(|c| c.entries.iter().rev())
        .filter(|e| e.subject == subject)
        .collect()
}

/// A site's own audit trail, newest first: for its primary contact and the secondary
/// contacts who may see its contacts or users (`SiteAction::ViewHistory`).
pub fn site_history<'s>(
    state: &'s State,
    actor: &Actor,
    site: &str,
) -> Result<Vec<&'s AuditEntry>, DomainError> {
    let s = site_for(state, actor, site, SiteAction::ViewHistory)?;
    Ok(trail(state, s.number().as_str()))
}

/// The signed-in person's own ID's trail, newest first: its sign-ins (and wrong
/// passwords, lock-outs, sign-outs), codes, resets and changes
/// ([`AuditEvent::is_about_id`]). Only for the ID's owner: an entry can name who
/// else was signed in on the browser when a wrong password was tried.
pub fn id_history<'s>(state: &'s State, actor: &Actor) -> Result<Vec<&'s AuditEntry>, DomainError> {
    let id = actor.person().ok_or(DomainError::NotSignedIn)?;
    let me = state.identity(id).ok_or(DomainError::NotSignedIn)?;
    let mut entries = trail(state, me.email().as_str());
    entries.retain(|e| e.event.is_about_id());
    Ok(entries)
}

/// When `email`'s ID last signed in (a sign-in, or the verification that signs in),
/// as its trail says (kept as long as its entries are): the office's list of IDs.
pub fn last_sign_in(state: &State, email: &crate::text::Email) -> Option<Timestamp> {
    trail(state, email.as_str())
        .into_iter()
        .find(|e| matches!(e.event, AuditEvent::SignInOk | AuditEvent::IdVerified))
        .map(|e| e.at)
}

/// A company's own audit trail, newest first: for its APAs and PRCs.
pub fn company_history<'s>(
    state: &'s State,
    actor: &Actor,
    company: &str,
    now: Timestamp,
) -> Result<Vec<&'s AuditEntry>, DomainError> {
    let c = company_for(state, actor, company, now)?;
    Ok(trail(state, c.id()))
}

/// The month `back` months before `(year, month)`.
fn month_before(year: i64, month: u32, back: u32) -> (i64, u32) {
    let index = year * 12 + i64::from(month) - 1 - i64::from(back);
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// A site's report as of `now`: for its primary contact and anyone with "Reporting:
/// View" (`SiteAction::ViewReport`).
pub fn site_report(
    state: &State,
    actor: &Actor,
    site: &str,
    now: Timestamp,
) -> Result<SiteReport, DomainError> {
    let s = site_for(state, actor, site, SiteAction::ViewReport)?;
    let this = jst(now);
    let mut months: Vec<MonthRow> = (0..REPORT_MONTHS as u32)
        .rev()
        .map(|back| {
            let (year, month) = month_before(this.year, this.month, back);
            MonthRow {
                year,
                month,
                ..MonthRow::default()
            }
        })
        .collect();
    // The month (its row) of a moment, if the report covers it.
    let first = months[0].year * 12 + i64::from(months[0].month);
    let row = |at: Timestamp| {
        let t = jst(at);
        usize::try_from(t.year * 12 + i64::from(t.month) - first)
            .ok()
            .filter(|i| *i < REPORT_MONTHS)
    };
    for r in s.requests().iter() {
        if let Some(i) = row(r.at) {
            months[i].asked += 1;
        }
        match &r.status {
            RequestStatus::Granted { at, .. } => {
                if let Some(i) = row(*at) {
                    months[i].granted += 1;
                }
            }
            RequestStatus::Denied { at, .. } => {
                if let Some(i) = row(*at) {
                    months[i].refused += 1;
                }
            }
            RequestStatus::Pending
            | RequestStatus::Withdrawn { .. }
            | RequestStatus::Expired { .. } => {}
        }
    }
    for e in trail(state, s.number().as_str()) {
        if let (true, Some(i)) = (is_registration_change(e.event), row(e.at)) {
            months[i].changes += 1;
        }
    }
    let users = s.users();
    Ok(SiteReport {
        secondaries: users.iter().filter(|u| u.secondary).count(),
        users: users.iter().filter(|u| !u.secondary).count(),
        invited: users
            .iter()
            .filter(|u| state.user_status(u, now) != UserStatus::Active)
            .count(),
        waiting: s.pending_requests().count(),
        months,
    })
}

/// A site's users as CSV (UTF-8 with BOM, CRLF): for whoever may see its users.
/// Columns: email, kind, state, date added and the six privileges (their keys).
pub fn site_users_csv(
    state: &State,
    actor: &Actor,
    site: &str,
    now: Timestamp,
) -> Result<String, DomainError> {
    let s = site_for(state, actor, site, SiteAction::ViewUsers)?;
    let header = [
        "email",
        "kind",
        "state",
        "added",
        "software",
        "reporting",
        "entitlements",
        "manage_access",
        "contact_updates",
        "documents",
    ];
    let rows = s.users().iter().map(|u| {
        let p = u.privileges;
        vec![
            u.email.to_string(),
            if u.secondary { "secondary" } else { "user" }.into(),
            match state.user_status(u, now) {
                UserStatus::Active => "active",
                UserStatus::Invited => "invited",
                UserStatus::Expired => "expired",
            }
            .into(),
            today(u.added),
            format!("{:?}", p.software).to_lowercase(),
            format!("{:?}", p.reporting).to_lowercase(),
            format!("{:?}", p.entitlements).to_lowercase(),
            format!("{:?}", p.manage_access).to_lowercase(),
            format!("{:?}", p.contact_updates).to_lowercase(),
            format!("{:?}", p.documents).to_lowercase(),
        ]
    });
    Ok(super::csv::write(&header, rows))
}

/// A company's employees as CSV (UTF-8 with BOM, CRLF): for its APAs and PRCs.
/// Columns: family and given name, email, phone, location, APA, PRC, employment end,
/// last confirmed, active.
pub fn company_employees_csv(
    state: &State,
    actor: &Actor,
    company: &str,
    now: Timestamp,
) -> Result<String, DomainError> {
    let c = company_for(state, actor, company, now)?;
    let day = today(now);
    let header = [
        "family_name",
        "given_name",
        "email",
        "phone",
        "location",
        "apa",
        "prc",
        "end",
        "confirmed",
        "active",
    ];
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    let rows = c.employees().iter().map(|e| {
        let location = c.location(e.location);
        vec![
            e.profile.family.as_str().to_string(),
            e.profile.given.as_str().to_string(),
            e.email.to_string(),
            e.profile.phone.clone(),
            location.map(|l| l.name.clone()).unwrap_or_default(),
            yes(e.apa),
            yes(location.is_some_and(|l| l.prc == e.identity)),
            e.end.clone().unwrap_or_default(),
            today(e.confirmed),
            yes(Company::is_active(e, &day)),
        ]
    });
    Ok(super::csv::write(&header, rows))
}

/// The office's audit trail as its page filters it, newest first: one event (or every
/// one) and a text found, ignoring case, in what the reader sees of an entry: its
/// actor, its subject's name (`State::subject_name`) or its detail said in `lang`.
/// For the program office only.
pub fn audit_search<'s>(
    state: &'s State,
    actor: &Actor,
    event: Option<AuditEvent>,
    text: &str,
    lang: Lang,
) -> Result<Vec<&'s AuditEntry>, DomainError> {
    let text = search_key(text.trim());
    Ok(state
        .audit_trail(actor)?
        .into_iter()
        .filter(|e| event.is_none_or(|ev| e.event == ev))
        .filter(|e| {
            text.is_empty()
                || has_key(actor_name(&e.actor, lang), &text)
                || has_key(state.subject_name(&e.subject), &text)
                || has_key(&audit_detail(&e.detail, lang), &text)
        })
        .collect())
}

/// Who did it, as a reader sees it: the program office by its name, someone signed
/// out (recorded as "-") as such.
pub fn actor_name(actor: &str, lang: Lang) -> &str {
    match actor {
        "operator" => T::ProgramOffice.get(lang),
        "-" => P::ActorSignedOut.get(lang),
        a => a,
    }
}

/// The entries `audit_search` finds as CSV (`entries_csv`), for the program office.
pub fn audit_csv(
    state: &State,
    actor: &Actor,
    event: Option<AuditEvent>,
    text: &str,
    lang: Lang,
) -> Result<String, DomainError> {
    let entries = audit_search(state, actor, event, text, lang)?;
    Ok(entries_csv(state, &entries, lang))
}

/// Audit entries someone may read (the office's trail, a site's or a company's
/// history) as CSV (UTF-8 with BOM, CRLF). Columns: the time (UTC, ISO 8601), the
/// event's key and its name in `lang`, the actor, the subject as recorded and its name,
/// the detail in `lang`.
pub fn entries_csv(state: &State, entries: &[&AuditEntry], lang: Lang) -> String {
    let header = [
        "time_utc",
        "event",
        "event_name",
        "actor",
        "subject",
        "subject_name",
        "detail",
    ];
    let rows = entries.iter().map(|e| {
        let who = match e.actor.as_str() {
            "-" => "",
            a => actor_name(a, lang),
        };
        vec![
            format_utc(e.at),
            format!("{:?}", e.event),
            audit_event(e.event).get(lang).to_string(),
            who.to_string(),
            e.subject.clone(),
            state.subject_name(&e.subject).to_string(),
            audit_detail(&e.detail, lang),
        ]
    });
    super::csv::write(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn someone_signed_out_is_named_so_and_left_empty_in_csv() {
        assert_eq!(actor_name("-", Lang::En), "(not signed in)");
        assert_eq!(actor_name("-", Lang::Ja), "(サインインなし)");
        assert_eq!(actor_name("a@example.com", Lang::En), "a@example.com");
        let e = AuditEntry {
            seq: 1,
            at: Timestamp(0),
            actor: "-".into(),
            event: AuditEvent::SignInFailed,
            subject: "a@example.com".into(),
            detail: Default::default(),
        };
        let csv = entries_csv(&State::default(), &[&e], Lang::En);
        assert!(
            csv.contains("SignInFailed,Sign-in failed,,a@example.com"),
            "{csv}"
        );
    }

    #[test]
    fn months_count_back_across_years() {
        assert_eq!(month_before(2026, 11, 0), (2026, 11));
        assert_eq!(month_before(2026, 11, 11), (2025, 12));
        assert_eq!(month_before(2026, 1, 1), (2025, 12));
        assert_eq!(month_before(2026, 3, 27), (2023, 12));
    }
}
