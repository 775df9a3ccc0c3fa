//! `/compliance/ctr/:day/:player`: one patron's CTR worksheet, laid out in Form 112's parts so it prints as
//! the officer's copy, with the form that marks it filed (not printed). Follows changes live: the patron's
//! identification completed elsewhere turns it complete without a reload.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pitboss::ErrorCode;
use pitboss::mtl::ctr::{CtrDay, CtrWorksheet, FileCtr};
use pitboss::player::PlayerId;

use super::ctr::labels;
use super::{FileCtrFn, MTL_ENTITIES, ctr_worksheet};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::{ErrorBanner, FieldMessage, Intent, LocalTime, PrintButton, loaded, use_hydrated};

/// The page.
#[component]
pub fn CtrWorksheetPage() -> impl IntoView {
    let params = use_params_map();
    let target = Memo::new(move |_| {
        params.with(|p| {
            let day = p.get("day").and_then(|d| d.parse::<NaiveDate>().ok());
            let player = p.get("player").and_then(|id| id.parse::<uuid::Uuid>().ok()).map(PlayerId);
            day.zip(player)
        })
    });
    let version = use_live().version_of(MTL_ENTITIES);
    let worksheet = Resource::new(
        move || (target.get(), version.get()),
        |(target, _)| async move {
            match target {
                Some((day, player)) => ctr_worksheet(player, day).await,
                None => Err(AppError::new(ErrorCode::NotFound)),
            }
        },
    );
    let filing = FilingForm::new();
    view! {
        <section class="space-y-4 print:space-y-2">
            <h1 class="text-2xl font-bold text-slate-900">"Currency Transaction Report worksheet"</h1>
            <div class="flex flex-wrap items-center gap-4 print:hidden">
                <a href="/compliance" class="inline-flex items-center min-h-12 underline">"Back to compliance"</a>
                <PrintButton/>
            </div>
            {loaded(worksheet, move |day| day_view(day, filing))}
        </section>
    }
}

/// The filing's action, request id and what is typed: kept with the page, so they outlive the live re-reads of
/// the worksheet.
#[derive(Clone, Copy)]
struct FilingForm {
    file: ServerAction<FileCtrFn>,
    filed_on: RwSignal<String>,
    reference: RwSignal<String>,
    intent: Intent,
    hydrated: ReadSignal<bool>,
}

impl FilingForm {
    fn new() -> Self {
        let form = Self {
            file: ServerAction::new(),
            filed_on: RwSignal::new(String::new()),
            reference: RwSignal::new(String::new()),
            intent: Intent::new(),
            hydrated: use_hydrated(),
        };
        let file = form.file;
        form.intent.renew_after(move || file.value().get());
        form
    }
}

fn day_view(day: CtrDay, filing: FilingForm) -> impl IntoView {
    let gaming_day = day.gaming_day;
    let filer = day.filer;
    day.worksheets.into_iter().next().map(|w| {
        let id = &w.identification;
        let person = [
            ("Name", format!("{}, {}", w.last_name, w.first_name)),
            ("Date of birth", w.birth_date.map(|d| d.to_string()).unwrap_or_default()),
            ("Address", format!("{} · {} {} {} · {}", id.address_line, id.city, id.region, id.postal_code, id.country)),
            ("Occupation", id.occupation.clone()),
            (
                "ID",
                format!(
                    "{} · {} · number ending {} · expires {}",
                    id.id_type.map(|t| t.label()).unwrap_or_default(),
                    id.id_issuer,
                    id.id_number_last4.clone().unwrap_or_default(),
                    id.id_expires.map(|d| d.to_string()).unwrap_or_default()
                ),
            ),
            ("SSN/TIN", id.tin_last4.clone().map(|l| format!("ending {l}")).unwrap_or_else(|| "none on file".into())),
        ];
        let amounts = [
            ("Gaming day", gaming_day.to_string()),
            ("Total cash in", w.cash_in.to_string()),
            ("Total cash out", w.cash_out.to_string()),
        ];
        let shown = w.state();
        let casino =
            [("Legal name", filer.legal_name.clone()), ("EIN", filer.ein.clone()), ("Address", filer.address())];
        view! {
            <div class="space-y-4" data-testid="ctr-sheet" data-state=shown>
                <Missing w=w.clone()/>
                <Part title="Part I · Person involved" lines=person.to_vec()/>
                <Part title="Part II · Amount and type of transaction" lines=amounts.to_vec()/>
                <Part title="Part III · Filing casino" lines=casino.to_vec()/>
                <Transactions w=w.clone()/>
                <Filing w filing gaming_day/>
            </div>
        }
    })
}

#[component]
fn Missing(w: CtrWorksheet) -> impl IntoView {
    (!w.is_complete()).then(|| {
        view! {
            <p class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900" data-testid="ctr-missing">
                {format!("Missing: {}. Complete them on ", labels(&w.missing))}
                <a href=format!("/players/{}", w.player_id) class="inline-flex items-center min-h-12 underline">"the patron's page"</a>
            </p>
        }
    })
}

#[component]
fn Part(title: &'static str, lines: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 print:shadow-none print:p-0">
            <h2 class="text-lg font-semibold">{title}</h2>
            <dl class="grid grid-cols-1 sm:grid-cols-[12rem_1fr] gap-x-4 gap-y-1 text-sm">
                {lines.into_iter().map(|(term, value)| view! {
                    <dt class="text-slate-500">{term}</dt>
                    <dd class="font-medium">{value}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn Transactions(w: CtrWorksheet) -> impl IntoView {
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 print:shadow-none print:p-0" aria-label="Transactions">
            <h2 class="text-lg font-semibold">"Transactions"</h2>
            <table class="w-full text-sm">
                <thead class="text-left text-slate-500">
                    <tr><th class="py-1">"Time"</th><th>"Direction"</th><th>"Amount"</th><th>"Source"</th><th>"By"</th></tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {w.transactions.into_iter().map(|t| {
                        let amount = if t.is_reversal { format!("−{} (reversal)", t.amount) } else { t.amount.to_string() };
                        view! {
                            <tr data-testid="ctr-transaction">
                                <td class="py-1"><LocalTime at=t.created_at/></td>
                                <td>{t.direction.cash_label()}</td>
                                <td>{amount}</td>
                                <td>{t.source.label()}</td>
                                <td>{t.staff_name}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Filing(w: CtrWorksheet, filing: FilingForm, gaming_day: NaiveDate) -> impl IntoView {
    if let Some(f) = w.filing {
        let reference = if f.reference.is_empty() { String::new() } else { format!(" · BSA ID {}", f.reference) };
        return view! {
            <p class="text-slate-800" data-testid="ctr-filed">
                {format!("Filed {} by {}{reference} · recorded ", f.filed_on.format("%a %-d %b %Y"), f.staff_name)}
                <LocalTime at=f.recorded_at/>
            </p>
        }
        .into_any();
    }
    let FilingForm { file, filed_on, reference, intent, hydrated } = filing;
    let error = Signal::derive(move || file.value().get().and_then(Result::err));
    let player_id = w.player_id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(on) = filed_on.get_untracked().parse::<NaiveDate>() else {
            let field = pitboss::FieldError::new("filed_on", ErrorCode::CtrInvalidFiledOn);
            file.value().set(Some(Err(AppError::new(ErrorCode::ValidationFailed).with_fields(vec![field]))));
            return;
        };
        let input = FileCtr { player_id, gaming_day, filed_on: on, reference: reference.get_untracked() };
        file.dispatch(FileCtrFn { request_id: intent.request_id(&input), input });
    };
    view! {
        <form class="bg-white rounded-xl shadow-sm p-5 space-y-3 print:hidden" on:submit=submit aria-label="Mark filed">
            <h2 class="text-lg font-semibold">"Mark filed"</h2>
            <ErrorBanner error/>
            <label class="block">
                <span class="block text-sm font-medium text-slate-700">"Date FinCEN received it"</span>
                <input type="date" name="filed_on" min=gaming_day.to_string() bind:value=filed_on
                    class="mt-1 h-12 rounded-lg border border-slate-300 px-3"/>
                <FieldMessage error field="filed_on"/>
            </label>
            <label class="block">
                <span class="block text-sm font-medium text-slate-700">"BSA identifier (optional)"</span>
                <input type="text" name="reference" bind:value=reference
                    class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3"/>
                <FieldMessage error field="reference"/>
            </label>
            <button type="submit" disabled=move || !hydrated.get() || file.pending().get()
                class="h-12 px-5 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">"Mark filed"</button>
        </form>
    }
    .into_any()
}
