//! `/cage`: the cashier's window on the pits. Fills and credits waiting for the cage, live, to confirm or
//! refuse; and the count room's drops (`drops.rs`). Cashiers and admins.

use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::live::Entity;
use pitboss::table_accounting::{CageRequest, rules};
use pitboss::table_context::TableCard;

use super::chips::chips_line;
use super::drops::{DropDesk, DropSection};
use super::{CancelCageRequest, ConfirmCageRequest, pending_cage_requests};
use crate::auth::SessionView;
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::table_context::list_tables;
use crate::ui::{ErrorBanner, Intent, clock_time, loaded};

pub(super) const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";

/// The page; the queue and the drop form for the cage, a refusal for anyone else.
#[component]
pub fn CagePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    // Created before any boundary, so the server and the browser number them alike.
    let version = use_live().version_of(&[Entity::TableCageRequest]);
    let pending = Resource::new(move || version.get(), |_| pending_cage_requests());
    let tables = Resource::new(|| (), |()| list_tables());
    let desk = DropDesk::new();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Cage"</h1>
            {loaded(session, move |session| cage_for(&session, pending, tables, desk))}
        </section>
    }
}

fn cage_for(
    session: &SessionView,
    pending: Resource<Result<Vec<CageRequest>, AppError>>,
    tables: Resource<Result<Vec<TableCard>, AppError>>,
    desk: DropDesk,
) -> AnyView {
    if !rules::may_confirm(session.staff.role) {
        return view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any();
    }
    let today = session.gaming_day.0;
    view! {
        <PendingQueue pending/>
        {loaded(tables, move |tables| view! { <DropSection today tables desk/> })}
    }
    .into_any()
}

/// Every pending fill and credit of the casino, newest first, re-read as the pit asks and others answer.
#[component]
fn PendingQueue(pending: Resource<Result<Vec<CageRequest>, AppError>>) -> impl IntoView {
    let confirm = ServerAction::<ConfirmCageRequest>::new();
    let cancel = ServerAction::<CancelCageRequest>::new();
    let error = Signal::derive(move || {
        [confirm.value().get(), cancel.value().get()].into_iter().find_map(|answer| answer.and_then(Result::err))
    });
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3">
            <h2 class="text-xl font-semibold">"Fills and credits waiting"</h2>
            <ErrorBanner error/>
            {loaded(pending, move |requests| {
                if requests.is_empty() {
                    return view! { <p class="text-slate-500" data-testid="cage-queue">"Nothing waiting."</p> }.into_any();
                }
                let rows = requests.into_iter().map(|request| view! { <QueueRow request confirm cancel/> }).collect_view();
                view! { <ul class="divide-y divide-slate-100" data-testid="cage-queue">{rows}</ul> }.into_any()
            })}
        </section>
    }
}

#[component]
fn QueueRow(
    request: CageRequest,
    confirm: ServerAction<ConfirmCageRequest>,
    cancel: ServerAction<CancelCageRequest>,
) -> impl IntoView {
    let id = request.id;
    // One request id per row and action: a double tap confirms once.
    let (confirming, refusing) = (Intent::new(), Intent::new());
    let busy = move || confirm.pending().get() || cancel.pending().get();
    view! {
        <li class="py-3 flex flex-wrap items-center justify-between gap-3" data-testid="queue-request"
            data-table=request.table_label.clone()>
            <span>
                <strong class="text-lg">{format!("{} {} for {}", request.kind.label(), request.total, request.table_label)}</strong>
                <span class="block text-slate-600">{format!("{} · asked {} by {}", chips_line(&request.chips),
                    clock_time(request.requested_at), request.requested_by_name)}</span>
            </span>
            <span class="flex gap-2">
                <button type="button" class=format!("{BUTTON} bg-emerald-700 text-white") disabled=busy
                    on:click=move |_| {
                        confirm.dispatch(ConfirmCageRequest { request_id: confirming.request_id(&id), cage_request_id: id });
                    }>
                    "Confirm"
                </button>
                <button type="button" class=format!("{BUTTON} bg-slate-200 text-slate-900") disabled=busy
                    on:click=move |_| {
                        cancel.dispatch(CancelCageRequest { request_id: refusing.request_id(&id), cage_request_id: id });
                    }>
                    "Refuse"
                </button>
            </span>
        </li>
    }
}
