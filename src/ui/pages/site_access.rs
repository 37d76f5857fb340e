//! A site's users and their privileges, and the pending access requests.
//! Who may view or change them is the core's `SiteAction` check, mirrored by the guard.
use super::site_top::SitePage;
use crate::ui::components::batch::{self, Batch};
use crate::ui::components::form::{EmailField, FormAlert, FormState, PanelForm};
use crate::ui::components::invitations::{send_invite_command, InvitationList};
use crate::ui::components::privileges::{summary, PrivilegesEditor};
use crate::ui::components::requests::{expire_once, DecisionPanel, ExpiredNote};
use crate::ui::components::widgets::{
    fmt_time, pressed, OpenPanel, Pager, ScrollRegion, SearchBox, TableHead,
};
use crate::ui::tr;
use crate::ui::{app, focus_soon};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::site::{Privileges, RequestStatus, Site, SiteAction, UserStatus};
use onboard_core::site_commands;
use onboard_core::site_commands::SiteCommand;
use onboard_core::text::{search_key, Email};
use onboard_core::{Command, Field, Reply};

pub const PAGE: usize = 25;
/// Pending requests shown at once (each has its own buttons).
pub const REQUESTS_PAGE: usize = 10;

/// The one editing panel open at a time (keeps labels unique on the page).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Panel {
    Closed,
    Add,
    Edit(Email),
    Grant(u32),
    Deny(u32),
    Import,
}

/// After a reply the core accepted: the panel closes and the page says `what` of
/// `email`.
fn done(panel: RwSignal<Panel>, notice: FormState, what: P, email: Email) {
    panel.set(Panel::Closed);
    notice.notice(what, vec![email.to_string()]);
}

#[component]
pub fn SiteAccess() -> impl IntoView {
    view! {
        <SitePage
            title=P::AccessTitle
            actions=&[SiteAction::ViewUsers, SiteAction::ManageUsers]
            body=|n, may| view! { <Access number=n manage=may /> }.into_any()
        />
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Row {
    email: Email,
    name: Option<String>,
    secondary: bool,
    primary: bool,
    status: Status,
    privileges: Option<Privileges>,
    /// The language its texts are written in (a change of language writes the rows
    /// again).
    lang: onboard_core::i18n::Lang,
}

/// What a row's status column says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Active,
    Invited,
    Expired,
    Requested,
}

impl Status {
    fn get(self, l: onboard_core::i18n::Lang) -> &'static str {
        match self {
            Status::Active => P::UserActive.get(l),
            Status::Invited => P::UserInvited.get(l),
            Status::Expired => P::UserInviteExpired.get(l),
            Status::Requested => P::UserPending.get(l),
        }
    }
}

/// The name of the verified ID with this email, if there is one.
fn verified_name(
    state: &onboard_core::State,
    e: &Email,
    lang: onboard_core::i18n::Lang,
) -> Option<String> {
    state
        .identity_by_email(e)
        .filter(|i| i.is_verified())
        .map(|i| i.display_name(lang))
}

fn primary_name(site: &Site, lang: onboard_core::i18n::Lang) -> String {
    let p = site.primary();
    onboard_core::identity::display_name(p.given.as_str(), p.family.as_str(), lang)
}

/// The row at position `i` of the list: the primary contact, the users, then the
/// pending requests. Rows are built only for the page on screen (not for 12,000
/// entries per change).
fn row_at(
    site: &Site,
    state: &onboard_core::State,
    (lang, now): (onboard_core::i18n::Lang, onboard_core::Timestamp),
    i: usize,
) -> Option<Row> {
    let name_of = |e: &Email| verified_name(state, e, lang);
    if i == 0 {
        return Some(Row {
            email: site.primary().email.clone(),
            name: Some(primary_name(site, lang)),
            secondary: false,
            primary: true,
            status: Status::Active,
            privileges: Some(Privileges::ALL),
            lang,
        });
    }
    let users = site.users().len();
    if let Some(u) = site.users().get(i - 1) {
        return Some(Row {
            email: u.email.clone(),
            name: name_of(&u.email),
            secondary: u.secondary,
            primary: false,
            status: match state.user_status(u, now) {
                UserStatus::Active => Status::Active,
                UserStatus::Invited => Status::Invited,
                UserStatus::Expired => Status::Expired,
            },
            privileges: Some(u.privileges),
            lang,
        });
    }
    site.pending_requests().nth(i - 1 - users).map(|r| Row {
        email: r.email.clone(),
        name: name_of(&r.email),
        secondary: false,
        primary: false,
        status: Status::Requested,
        privileges: None,
        lang,
    })
}

#[component]
fn Access(number: String, manage: bool) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let n = onboard_core::site::SiteNumber::parse(&number).expect("route number");
    let n1 = n.clone();
    let site = Memo::new(move |_| app.state.with(|s| s.site(&n1).cloned()));
    let panel = RwSignal::new(Panel::Closed);
    let notice = FormState::new();
    // How many users the last import added, and how many of them were invited (no ID
    // yet): shown until the page is left.
    let imported = RwSignal::new((0u32, 0u32));
    // What is typed and the page are in the address (`?q=`, `?page=`), as on the
    // office's lists: a reload and Back from a page this one links to keep them.
    let filter = crate::ui::router::text_in_address();
    // None: no filter, every position; Some: the positions that match.
    let filtered = Memo::new(move |_| {
        let f = search_key(filter.get().trim());
        if f.is_empty() {
            return None;
        }
        site.with(|s| {
            s.as_ref()
                .map(|s| app.state.with(|st| st.site_rows_matching(s, &f)))
        })
    });
    let counts = Memo::new(move |_| {
        site.with(|s| {
            s.as_ref()
                .map(|s| (s.users().len() + 1, s.secondary_count()))
                .unwrap_or_default()
        })
    });
    // The users as CSV, as the core writes them (and only if it lets this person).
    let csv_site = number.clone();
    let export = move |_| {
        crate::ui::shell::download_csv(&format!("site-{csv_site}-users"), |s, actor, _| {
            onboard_core::report::site_users_csv(s, actor, &csv_site, crate::ui::now())
        })
    };
    // Requests nobody decided within 30 days expire when a decider opens the page.
    let expire_site = number.clone();
    let expired = expire_once(
        manage,
        move |now| site.with(|s| s.as_ref().map_or(0, |s| s.overdue_requests(now))),
        move || {
            site_commands::ExpireRequests {
                site: expire_site.clone(),
            }
            .into()
        },
        notice,
    );
    let pending_total = Memo::new(move |_| {
        site.with(|s| {
            s.as_ref()
                .map(|s| s.pending_requests().count())
                .unwrap_or(0)
        })
    });
    // The primary, the users and the pending requests, or what the filter kept.
    let total = Memo::new(move |_| {
        filtered.with(|f| match f {
            Some(v) => v.len(),
            None => counts.get().0 + pending_total.get(),
        })
    });
    let pages = Signal::derive(move || total.get().div_ceil(PAGE));
    let page = crate::ui::router::filtered_page_in_address(pages, filter);
    let visible = Memo::new(move |_| {
        let p = page.get();
        let l = lang.get();
        site.with(|s| {
            let Some(s) = s.as_ref() else {
                return Vec::new();
            };
            let now = app.clock.get_untracked();
            app.state.with(|st| {
                let at = |i: usize| row_at(s, st, (l, now), i);
                filtered.with(|f| match f {
                    Some(v) => v
                        .iter()
                        .skip(p * PAGE)
                        .take(PAGE)
                        .filter_map(|&i| at(i))
                        .collect(),
                    None => (p * PAGE..(p + 1) * PAGE).map_while(at).collect::<Vec<_>>(),
                })
            })
        })
    });
    let pending_page = RwSignal::new(0usize);
    let pending_pages = Signal::derive(move || pending_total.get().div_ceil(REQUESTS_PAGE));
    let pending = Memo::new(move |_| {
        let p = pending_page.get();
        site.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.pending_requests()
                        .skip(p * REQUESTS_PAGE)
                        .take(REQUESTS_PAGE)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // The rows' buttons: one listener for the table instead of two a row (`pressed`).
    let remove_site = number.clone();
    let on_row_button = move |ev: leptos::ev::MouseEvent| {
        let Some((act, address)) = pressed(&ev) else {
            return;
        };
        let Some(email) = visible.with_untracked(|rows| {
            rows.iter()
                .find(|r| r.email.as_str() == address)
                .map(|r| r.email.clone())
        }) else {
            return;
        };
        match act.as_str() {
            "edit" if crate::ui::leave::may_leave() => {
                panel.set(Panel::Edit(email));
                focus_soon("#user-form select");
            }
            "remove" if crate::ui::leave::ask(P::AskRemoveUser, &[email.as_str()]) => notice.run(
                site_commands::RemoveUser {
                    site: remove_site.clone(),
                    email: email.to_string(),
                }
                .into(),
                move |reply| {
                    if let Reply::UserRemoved { email } = reply {
                        notice.notice(P::UserRemoved, vec![email.to_string()])
                    }
                },
            ),
            _ => {}
        }
    };
    // The same for the requests' Grant and Deny.
    let on_request_button = move |ev: leptos::ev::MouseEvent| {
        let Some((act, id)) = pressed(&ev) else {
            return;
        };
        let Ok(id) = id.parse::<u32>() else {
            return;
        };
        // Either replaces the open panel: ask first if its input was not sent.
        match act.as_str() {
            "grant" if crate::ui::leave::may_leave() => {
                panel.set(Panel::Grant(id));
                focus_soon("#decide-form select");
            }
            "deny" if crate::ui::leave::may_leave() => {
                panel.set(Panel::Deny(id));
                focus_soon("#decide-form textarea");
            }
            _ => {}
        }
    };
    let num = number.clone();
    // The rows and the requests, each page built in one call (`batch`).
    let user_rows: NodeRef<leptos::html::Tbody> = NodeRef::new();
    batch::keep_filled(user_rows, move || {
        visible.with(|rows| {
            let mut b = Batch::new();
            for r in rows {
                user_row(&mut b, r, manage);
            }
            b.into_ops()
        })
    });
    let request_list: NodeRef<leptos::html::Ul> = NodeRef::new();
    batch::keep_filled(request_list, move || {
        let l = lang.get();
        pending.with(|page| {
            let mut b = Batch::new();
            for r in page {
                request_item(&mut b, r, l, manage);
            }
            b.into_ops()
        })
    });

    view! {
        <p>{tr(P::AccessIntro)}</p>
        {(!manage).then(|| view! { <p class="note">{tr(P::AccessReadOnly)}</p> })}
        <FormAlert form=notice />
        <ExpiredNote expired />

        <h2>{tr(P::PendingRequests)} " (" {move || pending_total.get()} ")"</h2>
        // Keyed by request: deciding one re-creates only what changed, not the page.
        <Show
            when=move || pending_total.get() != 0
            fallback=move || view! { <p class="empty">{tr(P::NoPending)}</p> }
        >
            // The page of requests, written in the language of the moment and built
            // in one call (`batch`); they have no effect of their own.
            <ul class="request-list" on:click=on_request_button node_ref=request_list></ul>
            {move || {
                (pending_pages.get() > 1)
                    .then(|| view! { <Pager page=pending_page pages=pending_pages /> })
            }}
        </Show>

        {manage
            .then(|| {
                view! {
                    <p>
                        <OpenPanel
                            panel
                            open=Panel::Add
                            label=P::AddUser
                            class="primary"
                            focus="#user-form input"
                        />
                        " "
                        <OpenPanel
                            panel
                            open=Panel::Import
                            label=P::ImportUsersTitle
                            class=""
                            focus="#import-users input"
                        />
                    </p>
                }
            })}
        {move || {
            let (n, invited) = imported.get();
            let text = if invited > 0 { P::ImportUsersDoneInvited } else { P::ImportUsersDone };
            (n > 0)
                .then(|| {
                    view! {
                        <p class="form-alert ok" role="status">
                            {move || {
                                text.fill(lang.get(), &[&n.to_string(), &invited.to_string()])
                            }}
                        </p>
                    }
                })
        }}
        {move || {
            let num = num.clone();
            match panel.get() {
                Panel::Closed => ().into_any(),
                Panel::Import => view! { <ImportUsers site=num panel imported /> }.into_any(),
                Panel::Add => view! { <UserForm site=num panel notice editing=None /> }.into_any(),
                Panel::Edit(e) => {
                    let current = site
                        .with_untracked(|s| s.as_ref().and_then(|s| s.user(&e).cloned()));
                    view! { <UserForm site=num panel notice editing=current /> }.into_any()
                }
                Panel::Grant(id) => {
                    view! { <Decide site=num panel notice request=id grant=true /> }.into_any()
                }
                Panel::Deny(id) => {
                    view! { <Decide site=num panel notice request=id grant=false /> }.into_any()
                }
            }
        }}

        <Invitations site number=number.clone() manage notice />

        <h2>{tr(P::UsersHeading)}</h2>
        <div class="toolbar">
            <SearchBox id="user-filter" label=P::FilterUsers value=filter />
            <span class="count" aria-live="polite">
                {move || {
                    let (a, b) = counts.get();
                    let l = lang.get();
                    let all = P::UsersCount.fill(l, &[&a.to_string(), &b.to_string()]);
                    match filtered.with(|f| f.as_ref().map(Vec::len)) {
                        Some(n) => format!("{all} · {}", P::UsersFound.fill(l, &[&n.to_string()])),
                        None => all,
                    }
                }}
            </span>
            <button type="button" class="small" on:click=export>
                {tr(P::DownloadCsv)}
            </button>
        </div>
        <ScrollRegion label=P::UsersHeading>
            <table class="users cards">
                <TableHead
                    cols=vec![P::ColUser.into(), P::ColStatus.into(), P::ColPrivileges.into()]
                    actions=manage.then(|| P::ColActions.into())
                />
                <tbody on:click=on_row_button node_ref=user_rows></tbody>
            </table>
        </ScrollRegion>
        {move || {
            (total.get() == 0).then(|| view! { <p class="empty">{tr(P::NoUserMatches)}</p> })
        }}
        {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
    }
}

/// The users who have not got in yet (their invitation's dates and state), with
/// sending it again or revoking it (removing the user) for those who manage users.
#[component]
fn Invitations(
    site: Memo<Option<Site>>,
    number: String,
    manage: bool,
    notice: FormState,
) -> impl IntoView {
    let app = app();
    let rows = Memo::new(move |_| {
        let now = app.clock.get();
        site.with(|s| {
            let Some(s) = s.as_ref() else {
                return Vec::new();
            };
            app.state.with(|st| st.pending_invitations(s, now))
        })
    });
    let send = move |cmd: SiteCommand| send_invite_command(notice, Command::Site(cmd));
    let (n1, n2) = (number.clone(), number);
    let resend = Callback::new(move |email: String| {
        send(
            site_commands::ResendInvite {
                site: n1.clone(),
                email,
            }
            .into(),
        )
    });
    let revoke = Callback::new(move |email: String| {
        send(
            site_commands::RemoveUser {
                site: n2.clone(),
                email,
            }
            .into(),
        )
    });
    view! { <InvitationList rows manage resend revoke /> }
}

/// One waiting request of the list, written in `l`: who asked and when, the message if
/// any, and (for those who decide) Grant and Deny for the list's one click listener
/// (`data-act`, `data-key`: the request's id).
fn request_item(
    b: &mut Batch,
    r: &onboard_core::site::AccessRequest,
    l: onboard_core::i18n::Lang,
    manage: bool,
) {
    let email = r.email.as_str();
    b.open("li").attr("class", "request");
    b.leaf("strong", &[], email);
    b.text(" · ").text(&fmt_time(r.at, l));
    if !r.message.is_empty() {
        b.leaf("p", &[("class", "message")], &r.message);
    }
    if manage {
        let id = r.id.to_string();
        b.open("div").attr("class", "actions");
        b.row_button("grant", &id, P::Grant.get(l), email, "small");
        b.row_button("deny", &id, P::Deny.get(l), email, "small danger");
        b.close();
    }
    b.close();
}

/// One row of the user list, written in the row's language (`Row::lang`). Its buttons
/// carry `data-act` and `data-key` (the address), for the table's one click listener. A
/// cell holds only what it shows.
fn user_row(b: &mut Batch, row: &Row, manage: bool) {
    let l = row.lang;
    let editable = manage && !row.primary && row.privileges.is_some();
    let email = row.email.as_str();
    b.open("tr").open("td");
    b.leaf("span", &[("class", "mono")], email);
    if let Some(n) = &row.name {
        b.open("br").close();
        b.leaf("span", &[], n);
    }
    for (shown, tag) in [
        (row.primary, T::RolePrimary.get(l)),
        (row.secondary, P::SecondaryMark.get(l)),
    ] {
        if shown {
            b.text(" ");
            b.leaf("span", &[("class", "tag")], tag);
        }
    }
    b.close();
    b.leaf(
        "td",
        &[("data-label", P::ColStatus.get(l))],
        row.status.get(l),
    );
    let privileges = row.privileges.map(|p| summary(&p, l)).unwrap_or_default();
    b.leaf(
        "td",
        &[("data-label", P::ColPrivileges.get(l))],
        &privileges,
    );
    if editable {
        b.open("td").attr("class", "actions-cell");
        b.row_button("edit", email, P::EditContact.get(l), email, "small");
        b.text(" ");
        b.row_button("remove", email, P::RemoveUser.get(l), email, "small danger");
        b.close();
    } else if manage {
        b.open("td").attr("class", "actions-cell").close();
    }
    b.close();
}

#[component]
fn UserForm(
    site: String,
    panel: RwSignal<Panel>,
    notice: FormState,
    editing: Option<onboard_core::site::SiteUser>,
) -> impl IntoView {
    let form = FormState::new();
    let email = RwSignal::new(
        editing
            .as_ref()
            .map(|u| u.email.to_string())
            .unwrap_or_default(),
    );
    let privileges = RwSignal::new(editing.as_ref().map(|u| u.privileges).unwrap_or_default());
    let secondary = RwSignal::new(editing.as_ref().is_some_and(|u| u.secondary));
    let is_edit = editing.is_some();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (site, email, privileges, secondary) = (
            site.clone(),
            email.get_untracked(),
            privileges.get_untracked(),
            secondary.get_untracked(),
        );
        let cmd = if is_edit {
            site_commands::UpdateUser {
                site,
                email,
                privileges,
                secondary,
            }
            .into()
        } else {
            site_commands::AddUser {
                site,
                email,
                privileges,
                secondary,
            }
            .into()
        };
        form.run(Command::Site(cmd), move |reply| match reply {
            Reply::UserAdded { email, invited } => {
                let what = if invited {
                    P::UserAddedInvited
                } else {
                    P::UserAdded
                };
                done(panel, notice, what, email)
            }
            Reply::UserSaved { email } => done(panel, notice, P::UserSaved, email),
            _ => {}
        })
    };
    let (title, hint, save) = if is_edit {
        (P::EditContact, None, P::SaveUser)
    } else {
        (
            P::AddUser,
            Some(P::AddUserInviteHint.into()),
            P::AddUserSubmit,
        )
    };
    view! {
        <PanelForm
            id="user-form"
            form
            title
            hint
            submit=save
            on_submit=submit
            on_cancel=Callback::new(move |_| panel.set(Panel::Closed))
        >
            {if is_edit {
                view! { <p class="mono">{email.get_untracked()}</p> }.into_any()
            } else {
                view! { <EmailField value=email form autocomplete="off" /> }.into_any()
            }}
            <PrivilegesEditor prefix="user".into() value=privileges secondary />
        </PanelForm>
    }
}

#[component]
fn Decide(
    site: String,
    panel: RwSignal<Panel>,
    notice: FormState,
    request: u32,
    grant: bool,
) -> impl IntoView {
    let app = app();
    let form = FormState::new();
    let reason = RwSignal::new(String::new());
    let privileges = RwSignal::new(Privileges::default());
    let secondary = RwSignal::new(false);
    let n = onboard_core::site::SiteNumber::parse(&site).expect("route number");
    let who = app.state.with_untracked(|s| {
        s.site(&n).and_then(|s| {
            s.requests()
                .iter()
                .find(|r| r.id == request && r.status == RequestStatus::Pending)
                .map(|r| r.email.to_string())
        })
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = if grant {
            site_commands::Grant {
                site: site.clone(),
                request,
                privileges: privileges.get_untracked(),
                secondary: secondary.get_untracked(),
            }
            .into()
        } else {
            site_commands::Deny {
                site: site.clone(),
                request,
                reason: reason.get_untracked(),
            }
            .into()
        };
        form.run(Command::Site(cmd), move |reply| {
            let (what, email) = match reply {
                Reply::Granted { email } => (P::Granted, email),
                Reply::Denied { email } => (P::Denied, email),
                _ => return,
            };
            done(panel, notice, what, email);
        })
    };
    let on_cancel = Callback::new(move |_| panel.set(Panel::Closed));
    view! {
        <DecisionPanel
            id="decide-form"
            form
            approve=grant
            labels=(P::Grant, P::Deny)
            who
            reason
            on_submit=submit
            on_cancel
        >
            <PrivilegesEditor prefix="grant".into() value=privileges secondary />
        </DecisionPanel>
    }
}

/// Users from a CSV file (the columns of "Download as CSV"): the core checks every row
/// and reports every problem; the users are added, all at once, only when there is none.
#[component]
fn ImportUsers(
    site: String,
    panel: RwSignal<Panel>,
    imported: RwSignal<(u32, u32)>,
) -> impl IntoView {
    use onboard_core::site_commands::{check_users_import, UsersImport};
    use onboard_core::words::{domain_error, field_error};
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    // The file's text and what the core found in it.
    let checked: RwSignal<Option<(String, UsersImport)>> = RwSignal::new(None);
    let site1 = site.clone();
    let chosen = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        form.clear();
        checked.set(None);
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(file) = file else { return };
        let site = site1.clone();
        leptos::task::spawn_local(async move {
            let text = crate::ui::components::form::file_text(file).await;
            let Some(text) = text else {
                form.fail(crate::ui::Failure::Domain(
                    onboard_core::DomainError::field(
                        Field::Attachment,
                        onboard_core::FieldError::FileUnreadable,
                    ),
                ));
                return;
            };
            let device = app.device.get_untracked();
            let now = app.clock.get_untracked();
            let result = app.state.with_untracked(|s| {
                let actor = crate::ui::actor_of(s, &device, now);
                check_users_import(s, &actor, &site, &text)
            });
            match result {
                Ok(report) => checked.set(Some((text, report))),
                Err(e) => form.fail(crate::ui::Failure::Domain(e)),
            }
        });
    };
    let add = move |_| {
        let Some((text, _)) = checked.get_untracked() else {
            return;
        };
        let cmd = site_commands::ImportUsers {
            site: site.clone(),
            csv: text,
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::UsersImported { count, invited } = reply {
                imported.set((count, invited));
                panel.set(Panel::Closed);
                focus_soon("[role=status]");
            }
        })
    };
    let problem_text = move |e: &onboard_core::DomainError, l| match e {
        onboard_core::DomainError::Invalid(v) if !v.is_empty() => field_error(&v[0].1, l),
        e => domain_error(e, l),
    };
    view! {
        <section id="import-users" class="panel" aria-labelledby="import-users-title">
            <h2 id="import-users-title">{tr(P::ImportUsersTitle)}</h2>
            <p>{tr(P::ImportUsersText)}</p>
            <FormAlert form />
            <div class="field">
                <label for="import-users-file">{tr(P::ImportUsersFile)}</label>
                <input id="import-users-file" type="file" accept="text/csv,.csv" on:change=chosen />
            </div>
            {move || {
                checked
                    .get()
                    .map(|(_, report)| {
                        if report.problems.is_empty() {
                            let count = report.users.len();
                            let add_label = move || {
                                P::ImportUsersAdd.fill(lang.get(), &[&count.to_string()])
                            };
                            let emails = report
                                .users
                                .iter()
                                .map(|(e, _, secondary)| {
                                    let e = e.to_string();
                                    let mark = tr(P::SecondaryMark);
                                    let mark = secondary
                                        .then(|| {
                                            view! {
                                                " "
                                                <span class="tag">{mark}</span>
                                            }
                                        });
                                    view! { <li>{(e, mark)}</li> }
                                })
                                .collect_view();
                            view! {
                                <p role="status">
                                    {move || {
                                        P::ImportUsersReady.fill(lang.get(), &[&count.to_string()])
                                    }}
                                </p>
                                <ul>{emails}</ul>
                                <p class="actions">
                                    <button type="button" class="primary" on:click=add.clone()>
                                        {add_label}
                                    </button>
                                    <button
                                        type="button"
                                        on:click=move |_| panel.set(Panel::Closed)
                                    >
                                        {tr(T::Cancel)}
                                    </button>
                                </p>
                            }
                                .into_any()
                        } else {
                            let count = report.problems.len();
                            let rows = report
                                .problems
                                .into_iter()
                                .map(|p| {
                                    view! {
                                        <tr>
                                            <td class="num">{p.line}</td>
                                            <td class="mono">{p.column.clone()}</td>
                                            <td>{move || problem_text(&p.error, lang.get())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <p class="form-alert error" role="alert">
                                    {move || {
                                        P::ImportUsersProblems
                                            .fill(lang.get(), &[&count.to_string()])
                                    }}
                                </p>
                                <div class="table-wrap">
                                    <table class="import-problems">
                                        <thead>
                                            <tr>
                                                <th scope="col" class="num">
                                                    {tr(P::ImportLine)}
                                                </th>
                                                <th scope="col">{tr(P::ImportColumn)}</th>
                                                <th scope="col">{tr(P::ImportProblem)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
