//! A player's loyalty ledger, as the player page shows it.

use leptos::prelude::*;
use pitboss::loyalty::request::LoyaltyRequest;
use pitboss::loyalty::{LedgerEntry, LoyaltyReason, PlayerLedger};

use super::{AdjustDraft, points_text};
use crate::ui::LocalTime;

/// The ledger, newest first: when, why, points, the balance after, who issued it and the slip's theo then;
/// above it, the comps and adjustments of today still waiting for approval. With `draft` (for roles that
/// adjust points), each row but a correction offers "Correct".
#[component]
pub fn PlayerLedgerSection(ledger: PlayerLedger, draft: Option<AdjustDraft>) -> impl IntoView {
    let empty = ledger.entries.is_empty();
    let waiting = !ledger.pending.is_empty();
    view! {
        <section class="space-y-2" data-testid="player-ledger">
            <h2 class="text-lg font-semibold">"Loyalty ledger"</h2>
            <Show when=move || waiting>
                <h3 class="font-semibold">"Waiting for approval"</h3>
            </Show>
            <ul class="divide-y divide-slate-100 text-sm">
                {ledger.pending.into_iter().map(|request| view! { <PendingLine request/> }).collect_view()}
            </ul>
            <Show when=move || empty>
                <p class="text-slate-600">"No points issued or earned yet."</p>
            </Show>
            <div class="overflow-x-auto">
                <table class="w-full text-left text-sm bg-white rounded-lg">
                    <thead class="text-slate-600">
                        <tr>
                            <th class="p-2">"When"</th>
                            <th class="p-2">"Reason"</th>
                            <th class="p-2">"Comp or note"</th>
                            <th class="p-2 text-right">"Points"</th>
                            <th class="p-2 text-right">"Balance"</th>
                            <th class="p-2">"By"</th>
                            <th class="p-2 text-right">"Theo then"</th>
                            <th class="p-2"><span class="sr-only">"Correct"</span></th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                        {ledger.entries.into_iter().map(|entry| view! { <LedgerRow entry draft/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn LedgerRow(entry: LedgerEntry, draft: Option<AdjustDraft>) -> impl IntoView {
    // A correction is corrected by a new one on the row it corrects, never on itself.
    let correctable = draft.filter(|_| entry.reason != LoyaltyReason::Correction);
    let chosen = entry.clone();
    view! {
        <tr data-testid="ledger-entry" data-reason=entry.reason.as_str() data-points=entry.points>
            <td class="p-2"><LocalTime at=entry.created_at/></td>
            <td class="p-2">{entry.reason.label()}</td>
            <td class="p-2">
                {entry.request.map(|request| view! {
                    <a class="underline inline-block min-h-12 leading-[3rem]" href=format!("/comps/{}", request.id.0)>
                        {format!("#{} {}", request.number, request.description)}
                    </a>
                })}
            </td>
            <td class="p-2 text-right tabular-nums">{points_text(entry.points)}</td>
            <td class="p-2 text-right tabular-nums">{points_text(entry.balance_after)}</td>
            <td class="p-2">{entry.staff_name.unwrap_or_else(|| "System".to_owned())}</td>
            <td class="p-2 text-right tabular-nums">{entry.theo.map(|theo| theo.to_string()).unwrap_or_default()}</td>
            <td class="p-2">
                {correctable.map(|draft| view! {
                    <a href="#adjust" class="inline-flex items-center min-h-12 px-3 underline"
                        on:click=move |_| draft.correct(&chosen)>"Correct"</a>
                })}
            </td>
        </tr>
    }
}

/// A request of today waiting for a supervisor: the balance does not include it yet.
#[component]
pub fn PendingLine(request: LoyaltyRequest) -> impl IntoView {
    view! {
        <li class="py-2 flex justify-between gap-2" data-testid="pending-request" data-points=request.points
            data-id=request.id.0.to_string()>
            <a class="underline min-h-12 leading-[3rem]" href=format!("/comps/{}", request.id.0)>
                {format!("#{} {} · {} by {}", request.number, request.reason.label(), super::describe(&request), request.staff_name)}
            </a>
            <strong class="tabular-nums">{format!("{} pts", points_text(request.points))}</strong>
        </li>
    }
}
