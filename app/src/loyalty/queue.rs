//! `/comps`: the approval queue. Today's comps and adjustments waiting for a second person, live: a request
//! written on another tablet appears without a reload, and one decided elsewhere leaves.

use leptos::prelude::*;
use pitboss::loyalty::request::{ApprovalQueue, Decision, LoyaltyRequestId, QueuedRequest};

use super::{Approve as ApproveFn, Deny as DenyFn, LOYALTY_ENTITIES, approval_queue, describe, points_text};
use crate::live::use_live;
use crate::ui::{ErrorBanner, LocalTime, SaveForm, loaded, use_hydrated};

/// The page.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let version = use_live().version_of(LOYALTY_ENTITIES);
    let queue = Resource::new(move || version.get(), |_| approval_queue());
    // The decisions live with the page, so a live re-read of the queue keeps their request ids and answers.
    let approve = SaveForm::<ApproveFn>::new();
    let deny = SaveForm::<DenyFn>::new();
    let decide = Decide { approve, deny, hydrated: use_hydrated() };
    view! {
        <section class="space-y-4" aria-label="Approvals">
            <h1 class="text-2xl font-bold text-slate-900">"Comps waiting for approval"</h1>
            <ErrorBanner error=approve.error()/>
            <ErrorBanner error=deny.error()/>
            {loaded(queue, move |queue| view! { <Queue queue decide/> })}
        </section>
    }
}

#[derive(Clone, Copy)]
struct Decide {
    approve: SaveForm<ApproveFn>,
    deny: SaveForm<DenyFn>,
    hydrated: ReadSignal<bool>,
}

impl Decide {
    fn busy(self) -> bool {
        !self.hydrated.get() || self.approve.action.pending().get() || self.deny.action.pending().get()
    }

    fn approve(self, id: LoyaltyRequestId) {
        let decision = Decision { loyalty_request_id: id, note: String::new() };
        self.approve.send(decision, |request_id, decision| ApproveFn { request_id, decision });
    }

    fn deny(self, id: LoyaltyRequestId) {
        let decision = Decision { loyalty_request_id: id, note: String::new() };
        self.deny.send(decision, |request_id, decision| DenyFn { request_id, decision });
    }
}

#[component]
fn Queue(queue: ApprovalQueue, decide: Decide) -> impl IntoView {
    let empty = queue.requests.is_empty();
    view! {
        <p class="text-slate-700" data-testid="authority">{format!("Your authority: {}", queue.authority.describe())}</p>
        <Show when=move || empty>
            <p class="text-slate-600">"Nothing is waiting."</p>
        </Show>
        <ul class="space-y-2">
            {queue.requests.into_iter().map(|line| view! { <QueueLine line decide/> }).collect_view()}
        </ul>
    }
}

#[component]
fn QueueLine(line: QueuedRequest, decide: Decide) -> impl IntoView {
    let QueuedRequest { request, may_approve } = line;
    let id = request.id;
    let why = if may_approve { "" } else { "Beyond your authority, or your own request." };
    view! {
        <li class="bg-white rounded-xl shadow-sm p-4 flex flex-wrap items-center justify-between gap-3"
            data-testid="queued-request" data-id=id.0.to_string() data-points=request.points>
            <div>
                <a class="font-semibold underline inline-block min-h-12 leading-[3rem]" href=format!("/comps/{}", id.0)>
                    {format!("#{} {} for {}", request.number, describe(&request), request.player_name)}
                </a>
                <p class="text-sm text-slate-700">
                    {format!("{} points · {} by {} · ", points_text(request.points), request.reason.label(), request.staff_name)}
                    <LocalTime at=request.created_at/>
                </p>
                <p class="text-sm text-slate-600">{why}</p>
            </div>
            <div class="flex gap-2">
                <button type="button" disabled=move || !may_approve || decide.busy()
                    on:click=move |_| decide.approve(id)
                    class="h-12 px-5 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">"Approve"</button>
                <button type="button" disabled=move || !may_approve || decide.busy()
                    on:click=move |_| decide.deny(id)
                    class="h-12 px-5 rounded-lg border border-slate-300 font-semibold disabled:opacity-50">"Deny"</button>
            </div>
        </li>
    }
}
