//! A player's finance entries and gaming-day totals, with reversal for those who may record.

use leptos::prelude::*;
use pitboss::casino::StaffRole;
use pitboss::finance::{FinanceEntry, PlayerFinance, rules};
use pitboss::player::PlayerId;

use super::{FINANCE_ENTITIES, ReverseEntry, finance_of_player};
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, Facts, Intent, LocalTime, TextField, loaded};

/// Today's totals (cash in and out never netted) and the player's latest entries, live, for the roles that
/// read finance. `refresh` lets a form beside it force a re-read after its own entry.
///
/// The read is created before any boundary, so the server and the browser number it alike (created inside the
/// session's boundary, it broke the player page's hydration); it asks nothing for roles that do not read finance.
#[component]
pub fn PlayerFinanceSection(player_id: PlayerId, #[prop(optional)] refresh: Option<RwSignal<u64>>) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(FINANCE_ENTITIES);
    let refresh = refresh.unwrap_or_else(|| RwSignal::new(0));
    let finance = Resource::new(
        move || (player_id, version.get(), refresh.get()),
        move |(id, _, _)| async move {
            let s = session.await?;
            if !rules::may_read(s.staff.role) {
                return Ok(None);
            }
            // Who may reverse entries here: a recording role while finance is on.
            let recorder = (s.finance_enabled && rules::may_record(s.staff.role)).then_some(s.staff.role);
            Ok(Some((finance_of_player(id, None).await?, recorder)))
        },
    );
    loaded(finance, move |found| {
        found.map(|(finance, recorder)| {
            view! {
                <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" data-testid="player-finance">
                    <h2 class="text-lg font-semibold">"Deposits and withdrawals"</h2>
                    <Finance finance refresh recorder/>
                </section>
            }
        })
    })
}

#[component]
fn Finance(finance: PlayerFinance, refresh: RwSignal<u64>, recorder: Option<StaffRole>) -> impl IntoView {
    let t = finance.totals;
    let facts = vec![
        ("Gaming day", finance.gaming_day.format("%a %-d %b %Y").to_string()),
        ("Cash in", t.cash_in.to_string()),
        ("Cash out", t.cash_out.to_string()),
        ("All tenders in", t.total_in.to_string()),
        ("All tenders out", t.total_out.to_string()),
    ];
    let empty = finance.entries.is_empty();
    view! {
        <div data-testid="finance-totals" data-day=finance.gaming_day.to_string() data-cash-in=t.cash_in.0 data-cash-out=t.cash_out.0>
            <Facts facts/>
        </div>
        <Show when=move || empty>
            <p class="text-sm text-slate-600">"No entries yet."</p>
        </Show>
        <ul class="divide-y divide-slate-100">
            {finance.entries.into_iter().map(|entry| view! { <EntryLine entry refresh recorder/> }).collect_view()}
        </ul>
    }
}

#[component]
fn EntryLine(entry: FinanceEntry, refresh: RwSignal<u64>, recorder: Option<StaffRole>) -> impl IntoView {
    let reversible =
        recorder.is_some_and(|role| rules::source_allowed(role, entry.source)) && rules::may_reverse(&entry);
    let sign = if entry.reverses_id.is_some() { "−" } else { "" };
    let what = format!(
        "{} · {} · {} · {}",
        entry.direction.label(),
        entry.tender.label(),
        entry.source.label(),
        entry.staff_name
    );
    let status = match (entry.reverses_id, entry.reversed_by) {
        (Some(_), _) => "Reversal",
        (None, Some(_)) => "Reversed",
        _ => "",
    };
    let id = entry.id;
    view! {
        <li class="py-2 space-y-2" data-testid="finance-entry" data-id=id.0.to_string()
            data-amount=entry.amount.0 data-day=entry.gaming_day.to_string() data-reversal=entry.reverses_id.is_some().to_string()>
            <div class="flex flex-wrap justify-between gap-2">
                <span>
                    <LocalTime at=entry.created_at/>
                    {format!(" · gaming day {} · {what}", entry.gaming_day.format("%-d %b"))}
                    {entry.note.map(|note| view! { <span class="text-slate-600">{format!(" · “{note}”")}</span> })}
                </span>
                <span class="flex gap-2 items-center">
                    <span class="text-xs font-semibold text-slate-500">{status}</span>
                    <strong>{format!("{sign}{}", entry.amount)}</strong>
                </span>
            </div>
            {reversible.then(|| view! { <Reversal id refresh/> })}
        </li>
    }
}

/// "Reverse" asks for the reason, then appends the reversing entry.
#[component]
fn Reversal(id: pitboss::finance::FinanceTxnId, refresh: RwSignal<u64>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let action = ServerAction::<ReverseEntry>::new();
    let intent = Intent::new();
    intent.renew_after(move || action.value().get());
    Effect::new(move || {
        if let Some(Ok(_)) = action.value().get() {
            asking.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let button = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class=format!("{button} bg-slate-200") on:click=move |_| asking.set(true)>"Reverse"</button>
            }
        >
            <form class="flex flex-wrap gap-2 items-end" aria-label="Reverse entry"
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let reason = reason.get_untracked();
                    action.dispatch(ReverseEntry { request_id: intent.request_id(&(id, &reason)), original_id: id, reason });
                }>
                <div class="grow"><TextField label="Reason" name="note" value=reason error/></div>
                <button type="submit" class=format!("{button} bg-red-700 text-white") disabled=move || action.pending().get()>
                    "Confirm reversal"
                </button>
                <button type="button" class=format!("{button} bg-slate-200") on:click=move |_| asking.set(false)>"Cancel"</button>
            </form>
            <ErrorBanner error/>
        </Show>
    }
}
