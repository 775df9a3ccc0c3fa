//! Fills and credits as the pit sees them at a table: what was asked today, what the cage answered, and a way
//! to withdraw what it has not.

use leptos::prelude::*;
use pitboss::table_accounting::{CageRequest, CageRequestStatus};

use super::CancelCageRequest;
use super::chips::chips_line;
use super::tray::Tray;
use crate::error::AppError;
use crate::ui::{ErrorBanner, clock_time};

/// One line per request: kind, value, chips, status and who answered; pending ones can be cancelled.
#[component]
pub fn RequestList(
    tray: Tray,
    requests: Vec<CageRequest>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    if requests.is_empty() {
        return view! { <p class="text-slate-500" data-testid="cage-requests">"No fills or credits today."</p> }
            .into_any();
    }
    let rows = requests.into_iter().map(|request| view! { <RequestRow tray request/> }).collect_view();
    view! {
        <div class="space-y-2">
            <h4 class="font-semibold">"Fills and credits today"</h4>
            <ErrorBanner error/>
            <ul class="divide-y divide-slate-100" data-testid="cage-requests">{rows}</ul>
        </div>
    }
    .into_any()
}

#[component]
fn RequestRow(tray: Tray, request: CageRequest) -> impl IntoView {
    let id = request.id;
    let answer = match (&request.resolved_by_name, request.resolved_at) {
        (Some(name), Some(at)) => format!(" by {name} at {}", clock_time(at)),
        _ => String::new(),
    };
    let tone = match request.status {
        CageRequestStatus::Requested => "bg-amber-100 text-amber-900",
        CageRequestStatus::Confirmed => "bg-emerald-100 text-emerald-900",
        CageRequestStatus::Cancelled => "bg-slate-200 text-slate-700",
    };
    let withdraw = (request.status == CageRequestStatus::Requested).then(|| {
        let intent = crate::ui::Intent::new();
        view! {
            <button type="button" class="h-12 px-4 rounded-lg bg-slate-200 text-slate-900 font-medium disabled:opacity-50"
                disabled=move || tray.cancel.pending().get()
                on:click=move |_| {
                    let request_id = intent.request_id(&id);
                    tray.cancel.dispatch(CancelCageRequest { request_id, cage_request_id: id });
                }>
                "Cancel"
            </button>
        }
    });
    view! {
        <li class="py-2 flex flex-wrap items-center justify-between gap-2" data-testid="cage-request"
            data-status=format!("{:?}", request.status).to_lowercase()>
            <span>
                <strong>{format!("{} {}", request.kind.label(), request.total)}</strong>
                <span class="text-slate-600">{format!(" · {} · asked {} by {}", chips_line(&request.chips),
                    clock_time(request.requested_at), request.requested_by_name)}</span>
            </span>
            <span class="flex items-center gap-2">
                <span class=format!("px-2 py-1 rounded text-sm font-semibold {tone}") data-testid="request-status">
                    {format!("{}{answer}", request.status.label())}
                </span>
                {withdraw}
            </span>
        </li>
    }
}
