//! Threshold events on the compliance page: each patron's first crossing of the watchlist floor or the CTR
//! threshold in a gaming day and direction, as it happens, until an officer acknowledges it.

use leptos::prelude::*;
use pitboss::mtl::{MtlAlertId, ThresholdAlert};

use super::{AcknowledgeAlert, ProximityBadge};
use crate::ui::{ErrorBanner, Intent, LocalTime};

/// The acknowledging action, kept with the page so a live re-read neither drops a press in flight nor its
/// refusal.
#[derive(Clone, Copy)]
pub struct AlertDesk {
    /// Whether the signed-in role may acknowledge.
    pub may_acknowledge: RwSignal<bool>,
    acknowledge: ServerAction<AcknowledgeAlert>,
    intent: Intent,
}

impl AlertDesk {
    /// Nothing pressed yet.
    pub fn new() -> Self {
        let desk =
            Self { may_acknowledge: RwSignal::new(false), acknowledge: ServerAction::new(), intent: Intent::new() };
        let acknowledge = desk.acknowledge;
        desk.intent.renew_after(move || acknowledge.value().get());
        desk
    }
}

impl Default for AlertDesk {
    fn default() -> Self {
        Self::new()
    }
}

/// The alerts waiting, then today's acknowledged ones.
#[component]
pub fn Alerts(alerts: Vec<ThresholdAlert>, desk: AlertDesk) -> impl IntoView {
    let (waiting, seen): (Vec<_>, Vec<_>) = alerts.into_iter().partition(|a| a.acknowledged.is_none());
    let error = Signal::derive(move || desk.acknowledge.value().get().and_then(Result::err));
    let none_waiting = waiting.is_empty();
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2" aria-label="Threshold alerts">
            <h2 class="text-lg font-semibold">"Threshold alerts"</h2>
            <ErrorBanner error/>
            <Show when=move || none_waiting>
                <p class="text-sm text-slate-600">"No alert waiting."</p>
            </Show>
            <ul class="divide-y divide-slate-100">
                {waiting.into_iter().chain(seen).map(|alert| view! { <Alert alert desk/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Alert(alert: ThresholdAlert, desk: AlertDesk) -> impl IntoView {
    let id = alert.id;
    let what = alert.direction.cash_label();
    let state = if alert.acknowledged.is_some() { "acknowledged" } else { "waiting" };
    view! {
        <li class="py-2 flex flex-wrap justify-between items-center gap-2" data-testid="threshold-alert"
            data-level=alert.level.as_str() data-state=state data-player=alert.player_id.to_string()>
            <span class="flex flex-wrap items-center gap-2">
                <ProximityBadge level=alert.level/>
                <a href=format!("/players/{}", alert.player_id) class="inline-flex items-center min-h-12 font-medium underline">{alert.player_name}</a>
                <span class="text-sm text-slate-700">
                    {format!("{what} reached {} on {} · ", alert.day_total, alert.gaming_day.format("%a %-d %b"))}
                    <LocalTime at=alert.reached_at/>
                </span>
            </span>
            {match alert.acknowledged {
                Some(seen) => view! {
                    <span class="text-sm text-slate-600">
                        "Acknowledged by " {seen.staff_name} " · " <LocalTime at=seen.at/>
                    </span>
                }.into_any(),
                None => view! { <AcknowledgeButton id desk/> }.into_any(),
            }}
        </li>
    }
}

#[component]
fn AcknowledgeButton(id: MtlAlertId, desk: AlertDesk) -> impl IntoView {
    let AlertDesk { may_acknowledge, acknowledge, intent } = desk;
    let press = move |_| {
        acknowledge.dispatch(AcknowledgeAlert { request_id: intent.request_id(&id), alert_id: id });
    };
    view! {
        <Show when=move || may_acknowledge.get()>
            <button type="button" on:click=press disabled=move || acknowledge.pending().get()
                class="h-12 px-4 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">"Acknowledge"</button>
        </Show>
    }
}
