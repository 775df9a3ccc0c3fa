//! What the pit boss sees of the outbox: the header's connection word and the conflicts to read.

use leptos::prelude::*;

use super::use_outbox;

/// "Online", "Offline", "Offline · 3 pending" or "Sending 3…", with `data-state` and `data-pending` for tests.
#[component]
pub fn ConnectionIndicator() -> impl IntoView {
    let outbox = use_outbox();
    let text = move || {
        let ((online, sending), pending) = (outbox.state(), outbox.pending());
        match (online, pending) {
            (true, 0) => "Online".to_owned(),
            (false, 0) => "Offline".to_owned(),
            (true, n) if sending => format!("Sending {n}…"),
            (true, n) => format!("{n} pending"),
            (false, n) => format!("Offline · {n} pending"),
        }
    };
    let tone = move || match (outbox.state().0, outbox.pending()) {
        (true, 0) => "bg-slate-700 text-slate-100",
        (true, _) => "bg-amber-300 text-slate-900",
        (false, _) => "bg-red-600 text-white",
    };
    view! {
        <span
            data-testid="connection"
            data-state=move || if outbox.state().0 { "online" } else { "offline" }
            data-pending=move || outbox.pending()
            role="status"
            class=move || format!("inline-flex items-center rounded-full px-3 py-1 text-sm font-semibold {}", tone())
        >
            {text}
        </span>
    }
}

/// Queued actions the server refused, each with what happened and a button to put it away: above everything
/// (an open table's panel included) until dismissed.
#[component]
pub fn OutboxConflicts() -> impl IntoView {
    let outbox = use_outbox();
    view! {
        <div class="fixed bottom-4 inset-x-4 z-30 space-y-2 md:right-auto md:max-w-md">
            <For each=move || outbox.conflicts() key=|conflict| conflict.seq let:conflict>
                <div role="alert" data-testid="outbox-conflict" data-code=conflict.code.as_str()
                    class="flex items-start justify-between gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900 shadow-lg">
                    <p>{conflict.sentence.clone()}</p>
                    <button type="button" class="h-12 shrink-0 rounded-lg bg-red-700 px-4 font-semibold text-white"
                        on:click=move |_| outbox.dismiss(conflict.seq)>
                        "Dismiss"
                    </button>
                </div>
            </For>
        </div>
    }
}
