//! `/reports/shift/:day`: a gaming day's table games figures, per table, pit and casino, laid out to print
//! (the shell steps aside on paper); `/reports/shift` goes to the current gaming day.

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;
use pitboss::table_accounting::{DayAccounting, Rollup, TableDay};
use pitboss::{Cents, ErrorCode};

use super::day_accounting;
use super::report_shifts::ShiftTable;
use crate::error::AppError;
use crate::shell::SessionResource;
use crate::ui::loaded;

/// `/reports/shift`: on to the current gaming day's report.
#[component]
pub fn ShiftReportToday() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! { {loaded(session, |session| view! { <Redirect path=format!("/reports/shift/{}", session.gaming_day.0)/> })} }
}

/// The report of the day in the URL.
#[component]
pub fn ShiftReportPage() -> impl IntoView {
    let params = use_params_map();
    let day = Memo::new(move |_| params.with(|p| p.get("day").and_then(|d| d.parse::<NaiveDate>().ok())));
    let report = Resource::new(
        move || day.get(),
        |day| async move {
            match day {
                Some(day) => day_accounting(day).await,
                None => Err(AppError::new(ErrorCode::NotFound)),
            }
        },
    );
    let link = move |step: fn(NaiveDate, Days) -> Option<NaiveDate>, text: &'static str| {
        move || {
            day.get().and_then(|d| step(d, Days::new(1))).map(|other| {
                view! { <A href=format!("/reports/shift/{other}") attr:class="underline text-slate-700">{text}</A> }
            })
        }
    };
    let csv = move || day.get().map(|d| format!("/api/report/shift.csv?gaming_day={d}")).unwrap_or_default();
    view! {
        <section class="space-y-4" data-testid="shift-report">
            <header class="flex flex-wrap items-baseline justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">
                    "Shift report · "
                    <span data-testid="report-day">{move || day.get().map(|d| d.format("%a %-d %b %Y").to_string())}</span>
                </h1>
                <nav class="flex flex-wrap items-center gap-4 print:hidden">
                    {link(NaiveDate::checked_sub_days, "← Previous day")}
                    {link(NaiveDate::checked_add_days, "Next day →")}
                    <a href=csv class="underline text-slate-700" download>"CSV"</a>
                    <PrintButton/>
                </nav>
            </header>
            {loaded(report, |report| view! { <ReportBody report/> })}
        </section>
    }
}

#[component]
fn PrintButton() -> impl IntoView {
    view! {
        <button type="button" class="h-12 px-4 rounded-lg bg-slate-900 text-white font-semibold"
            on:click=move |_| {
                #[cfg(feature = "hydrate")]
                {
                    let _ = window().print();
                }
            }>
            "Print"
        </button>
    }
}

pub(super) fn money(cents: Option<Cents>) -> String {
    cents.map_or_else(|| "—".to_owned(), |c| c.to_string())
}

/// A hold or coverage, basis points as a percentage.
pub(super) fn hold(bps: Option<i64>) -> String {
    bps.map_or_else(|| "—".to_owned(), |bps| format!("{:.1} %", bps as f64 / 100.0))
}

pub(super) const CELL: &str = "px-2 py-1 text-right tabular-nums";

#[component]
fn ReportBody(report: DayAccounting) -> impl IntoView {
    if report.tables.is_empty() {
        return view! { <p class="text-slate-600">"No table was counted or dropped on this gaming day."</p> }
            .into_any();
    }
    let headings = [
        "Opening",
        "Fills",
        "Credits",
        "Drop",
        "Closing",
        "Win",
        "Hold",
        "Rated theo",
        "Rated players",
        "Points",
        "Rated drop",
        "Coverage",
    ];
    let rows = report.tables.into_iter().map(|t| view! { <TableRow t/> }).collect_view();
    let pits = report.pits.into_iter().map(|p| view! { <RollupRow rollup=p/> }).collect_view();
    view! {
        <div class="overflow-x-auto bg-white rounded-xl shadow-sm print:shadow-none">
            <table class="w-full text-sm print:text-xs" data-testid="report-tables">
                <thead class="bg-slate-100">
                    <tr>
                        <th class="px-2 py-1 text-left">"Table"</th>
                        <th class="px-2 py-1 text-left">"Pit"</th>
                        {headings.map(|h| view! { <th class=CELL>{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tbody class="border-t-2 border-slate-300 font-semibold">
                    {pits}
                    <RollupRow rollup=report.casino/>
                </tbody>
            </table>
        </div>
        <p class="text-sm text-slate-600">
            "Coverage: the rated players' buy-ins at the table (cash and markers on their slips) ÷ the drop."
        </p>
        <ShiftTable shifts=report.shifts/>
    }
    .into_any()
}

#[component]
fn TableRow(t: TableDay) -> impl IntoView {
    let cells = [
        t.opening.to_string(),
        t.fills.to_string(),
        t.credits.to_string(),
        money(t.drop),
        t.closing.to_string(),
        money(t.win),
        hold(t.hold_bps),
        t.theo.to_string(),
        t.rated_players.to_string(),
        pitboss::money::group_thousands(t.points_issued.unsigned_abs()),
        t.rated_drop.to_string(),
        hold(t.coverage_bps),
    ];
    let label = t.label.clone();
    view! {
        <tr class="border-t border-slate-100" data-testid="report-row" data-table=label>
            <td class="px-2 py-1 font-semibold">{t.label}</td>
            <td class="px-2 py-1">{t.pit}</td>
            {cells.map(|c| view! { <td class=CELL>{c}</td> }).collect_view()}
        </tr>
    }
}

/// A pit's totals, or the casino's (no pit).
#[component]
fn RollupRow(rollup: Rollup) -> impl IntoView {
    let name = rollup.pit.clone().unwrap_or_else(|| "Casino".to_owned());
    let testid = if rollup.pit.is_some() { "report-pit" } else { "report-casino" };
    let blank = String::new;
    let cells = [
        blank(),
        rollup.fills.to_string(),
        rollup.credits.to_string(),
        rollup.drop.to_string(),
        blank(),
        rollup.win.to_string(),
        hold(rollup.hold_bps),
        rollup.theo.to_string(),
        blank(),
        blank(),
        rollup.rated_drop.to_string(),
        hold(rollup.coverage_bps),
    ];
    view! {
        <tr class="border-t border-slate-100" data-testid=testid>
            <td class="px-2 py-1" colspan="2">{format!("{name} ({} tables)", rollup.tables)}</td>
            {cells.map(|c| view! { <td class=CELL>{c}</td> }).collect_view()}
        </tr>
    }
}
