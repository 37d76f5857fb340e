//! A site's report ("Reporting: View": its users, and month by month its access
//! requests and changes to its registration, drawn and in a table) and its own audit
//! trail (the primary and secondaries with View). What is read and who may read it are
//! the core's (`onboard_core::report`); this page only draws it.
use super::may;
use super::site_top::SiteView;
use crate::ui::app;
use crate::ui::components::widgets::{fmt_time, Pager, ScrollRegion, TableHead};
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::audit::AuditEntry;
use onboard_core::calendar;
use onboard_core::i18n::{Lang, P};
use onboard_core::report::{self, MonthRow, SiteReport};
use onboard_core::site::{Site, SiteAction};
use onboard_core::text::Email;
use onboard_core::words::{audit_detail, audit_event};

/// History entries shown at once.
pub const PAGE: usize = 20;

#[component]
pub fn SiteReportPage() -> impl IntoView {
    view! { <SiteView title=P::PrivReporting body=report_and_history /> }
}

/// What the person may read of the site: the report, the history, or a note that
/// neither is theirs to see.
fn report_and_history(s: Site, e: Email) -> AnyView {
    let n = s.number().to_string();
    let report = may(&s, Some(&e), SiteAction::ViewReport);
    let history = may(&s, Some(&e), SiteAction::ViewHistory);
    view! {
        <h2 class="company">{s.company().to_string()}</h2>
        {report.then(|| view! { <Report site=n.clone() /> })}
        {history.then(|| view! { <History site=n.clone() /> })}
        {(!report && !history)
            .then(|| {
                view! { <p class="note">{tr(P::NoReport)}</p> }
            })}
        <LinkLine to=Route::Site(n.clone()) label=P::BackToSite />
    }
    .into_any()
}

#[component]
fn Report(site: String) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let report = Memo::new(move |_| {
        let device = app.device.get();
        let now = app.clock.get();
        app.state.with(|s| {
            let actor = crate::ui::actor_of(s, &device, now);
            report::site_report(s, &actor, &site, now).ok()
        })
    });
    move || {
        report.get().map(|r| {
            let SiteReport {
                secondaries,
                users,
                invited,
                waiting,
                months,
            } = r;
            let figures = [
                (P::ReportSecondaries, secondaries),
                (P::ReportUsers, users),
                (P::ReportInvited, invited),
                (P::ReportWaiting, waiting),
            ];
            let table = months.clone();
            view! {
                <section class="panel" aria-labelledby="report-users">
                    <h2 id="report-users">{tr(P::ReportUsersTitle)}</h2>
                    <dl class="figures">
                        {figures
                            .into_iter()
                            .map(|(k, v)| {
                                view! {
                                    <div>
                                        <dt>{tr(k)}</dt>
                                        <dd>{v}</dd>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </dl>
                </section>
                <section aria-labelledby="report-months">
                    <h2 id="report-months">{tr(P::ReportMonthsTitle)}</h2>
                    <Chart months />
                    <ScrollRegion label=P::ReportMonthsTitle>
                        <table class="months">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(P::ReportMonth)}</th>
                                    {SERIES
                                        .into_iter()
                                        .map(|(k, _, _)| {
                                            view! {
                                                <th scope="col" class="num">
                                                    {tr(k)}
                                                </th>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {table
                                    .into_iter()
                                    .rev()
                                    .map(|m| {
                                        view! {
                                            <tr>
                                                <th scope="row">{month_name(&m, lang)}</th>
                                                {SERIES
                                                    .into_iter()
                                                    .map(|(_, _, value)| {
                                                        view! { <td class="num">{value(&m)}</td> }
                                                    })
                                                    .collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </ScrollRegion>
                </section>
            }
        })
    }
}

/// The chart's series: label, colour class, value.
type Series = (P, &'static str, fn(&MonthRow) -> u32);
const SERIES: [Series; 4] = [
    (P::ReportAsked, "s-asked", |m| m.asked),
    (P::ReportGranted, "s-granted", |m| m.granted),
    (P::ReportRefused, "s-refused", |m| m.refused),
    (P::ReportChanges, "s-changes", |m| m.changes),
];

/// "Nov 2026" or "2026年11月" (reactive on the language).
fn month_name(m: &MonthRow, lang: RwSignal<Lang>) -> impl Fn() -> String + 'static {
    let (y, mo) = (m.year, m.month);
    move || calendar::month_of_year(y, mo, lang.get())
}

/// Grouped bars, one group per month: a picture of the table below it (which is what
/// a screen reader reads; the drawing is one image with a summary).
#[component]
fn Chart(months: Vec<MonthRow>) -> impl IntoView {
    let lang = app().lang;
    const W: f64 = 720.0;
    const H: f64 = 220.0;
    const TOP: f64 = 12.0;
    // Two lines under the bars: the month, and the year under the first month and
    // each January.
    const BOTTOM: f64 = 42.0;
    const LEFT: f64 = 28.0;
    let max = months
        .iter()
        .flat_map(|m| SERIES.iter().map(move |(_, _, v)| v(m)))
        .max()
        .unwrap_or(0)
        .max(1);
    // Whole-number gridlines: at most four steps.
    let step = max.div_ceil(4).max(1);
    let top = step * max.div_ceil(step);
    let y = move |v: u32| TOP + (H - TOP - BOTTOM) * (1.0 - f64::from(v) / f64::from(top));
    let group = (W - LEFT) / months.len().max(1) as f64;
    let bar = group * 0.8 / SERIES.len() as f64;
    let grid = (0..=top / step)
        .map(|i| {
            let v = i * step;
            view! {
                <g class="grid">
                    <line x1=LEFT x2=W y1=y(v) y2=y(v) />
                    <text x=LEFT - 4.0 y=y(v) + 4.0 text-anchor="end">
                        {v}
                    </text>
                </g>
            }
        })
        .collect_view();
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let x0 = LEFT + group * i as f64 + group * 0.1;
            let mo = m.month;
            let label = move || calendar::month_short(mo, lang.get());
            let year = (i == 0 || mo == 1).then(|| {
                let y = m.year;
                let text = move || calendar::year_name(y, lang.get());
                view! {
                    <text class="year" x=x0 + group * 0.4 y=H - 4.0 text-anchor="middle">
                        {text}
                    </text>
                }
            });
            let name = month_name(m, lang);
            let series = SERIES
                .iter()
                .enumerate()
                .map(|(j, (k, class, value))| {
                    let v = value(m);
                    let name = month_name(m, lang);
                    let k = *k;
                    view! {
                        <rect
                            class=*class
                            x=x0 + bar * j as f64
                            y=y(v)
                            width=bar - 1.0
                            height=y(0) - y(v)
                        >
                            <title>
                                {move || format!("{} · {}: {v}", name(), k.get(lang.get()))}
                            </title>
                        </rect>
                    }
                })
                .collect_view();
            view! {
                <g>
                    {series} <text x=x0 + group * 0.4 y=H - 22.0 text-anchor="middle">
                        <title>{name}</title>
                        {label}
                    </text> {year}
                </g>
            }
        })
        .collect_view();
    let summary = {
        let months = months.clone();
        move || {
            let total = |f: fn(&MonthRow) -> u32| months.iter().map(f).sum::<u32>().to_string();
            P::ReportChartSummary.fill(
                lang.get(),
                &[
                    &months.len().to_string(),
                    &total(|m| m.asked),
                    &total(|m| m.granted),
                    &total(|m| m.refused),
                ],
            )
        }
    };
    let label = summary.clone();
    // The newest month is at the right: a screen too narrow for the whole chart starts
    // there (once laid out), not at a year-old empty month.
    let drawing = NodeRef::<leptos::svg::Svg>::new();
    Effect::new(move |_| {
        if let Some(frame) = drawing.get().and_then(|svg| svg.parent_element()) {
            request_animation_frame(move || frame.set_scroll_left(frame.scroll_width()));
        }
    });
    view! {
        <figure class="chart">
            <ScrollRegion label=P::ReportChart>
                <svg
                    node_ref=drawing
                    viewBox=format!("0 0 {W} {H}")
                    role="img"
                    aria-label=label
                    preserveAspectRatio="xMidYMid meet"
                >
                    {grid}
                    {bars}
                </svg>
            </ScrollRegion>
            <figcaption>
                <ul class="legend">
                    {SERIES
                        .into_iter()
                        .map(|(k, class, _)| {
                            view! {
                                <li>
                                    <span class=format!("swatch {class}") aria-hidden="true"></span>
                                    {tr(k)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p>{summary}</p>
            </figcaption>
        </figure>
    }
}

#[component]
fn History(site: String) -> impl IntoView {
    let stem = format!("site-{site}-history");
    let entries = history_of(move |s, actor, _| report::site_history(s, actor, &site));
    view! { <HistorySection entries intro=P::HistoryIntro stem /> }
}

/// The entries a core history query (`report::site_history`, `company_history`) gives
/// the signed-in person now, kept current; none when the core refuses.
pub fn history_of(
    read: impl for<'s> Fn(
            &'s onboard_core::State,
            &onboard_core::Actor,
            onboard_core::Timestamp,
        ) -> Result<Vec<&'s AuditEntry>, onboard_core::DomainError>
        + Send
        + Sync
        + 'static,
) -> Memo<Vec<AuditEntry>> {
    let app = app();
    Memo::new(move |_| {
        let device = app.device.get();
        let now = app.clock.get();
        app.state.with(|s| {
            let actor = crate::ui::actor_of(s, &device, now);
            read(s, &actor, now)
                .unwrap_or_default()
                .into_iter()
                .cloned()
                .collect()
        })
    })
}

/// A history: its heading, what it records (`intro`), a page of entries, the pager and
/// every entry as a file (`<stem>-<today>.csv`).
#[component]
pub fn HistorySection(
    entries: Memo<Vec<AuditEntry>>,
    #[prop(default = P::HistoryTitle)] title: P,
    intro: P,
    stem: String,
) -> impl IntoView {
    let lang = app().lang;
    let page = RwSignal::new(0usize);
    let pages = Signal::derive(move || entries.with(|e| e.len()).div_ceil(PAGE));
    let export = move |_| {
        let lang = lang.get_untracked();
        crate::ui::shell::download_csv(&stem, |s, _, _| {
            Ok(entries
                .with_untracked(|e| report::entries_csv(s, &e.iter().collect::<Vec<_>>(), lang)))
        })
    };
    view! {
        <section aria-labelledby="history">
            <h2 id="history">{tr(title)}</h2>
            <p>{tr(intro)}</p>
            <HistoryTable entries page title />
            {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
            {move || {
                entries
                    .with(|e| !e.is_empty())
                    .then(|| {
                        let export = export.clone();
                        view! {
                            <p>
                                <button type="button" on:click=export>
                                    {tr(P::DownloadHistoryCsv)}
                                </button>
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// A page of audit entries (when, what, who, before and after).
#[component]
fn HistoryTable(entries: Memo<Vec<AuditEntry>>, page: RwSignal<usize>, title: P) -> impl IntoView {
    let lang = app().lang;
    move || {
        if entries.with(|e| e.is_empty()) {
            return view! { <p class="empty">{tr(P::NoEntries)}</p> }.into_any();
        }
        let shown = entries.with(|e| {
            e.iter()
                .skip(page.get() * PAGE)
                .take(PAGE)
                .cloned()
                .collect::<Vec<_>>()
        });
        view! {
            <ScrollRegion label=title>
                <table class="history log">
                    <TableHead
                        cols=vec![
                            P::AuditWhen.into(),
                            P::AuditEventCol.into(),
                            P::AuditActor.into(),
                            P::AuditDetail.into(),
                        ]
                        actions=None
                    />
                    <tbody>
                        {shown
                            .into_iter()
                            .map(|e| {
                                let actor = e.actor.clone();
                                view! {
                                    <tr>
                                        <td>{move || fmt_time(e.at, lang.get())}</td>
                                        <td>{move || audit_event(e.event).get(lang.get())}</td>
                                        <td data-label=tr(
                                            P::AuditActor,
                                        )>
                                            {move || report::actor_name(&actor, lang.get()).to_string()}
                                        </td>
                                        <td class="detail">
                                            {move || audit_detail(&e.detail, lang.get())}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </ScrollRegion>
        }
        .into_any()
    }
}
