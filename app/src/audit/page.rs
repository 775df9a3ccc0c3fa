//! `/audit`: the chain's status, the filters, and the log a page at a time.

use leptos::prelude::*;
use pitboss::audit::ChainStatus;

use super::filter::{FilterForm, LogQuery};
use super::rows::LogPage;
use super::{audit_chain, audit_log};
use crate::ui::loaded;

/// The page.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = LogQuery::new();
    let log = Resource::new(
        move || (query.filter.get(), query.pages.with(|pages| pages.last().copied())),
        |(filter, after)| audit_log(filter, after),
    );
    let checks = RwSignal::new(0_u32);
    let chain = Resource::new(move || checks.get(), |_| audit_chain());
    let error = Signal::derive(move || log.get().and_then(Result::err));
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Audit log"</h1>
            // A refusal is the log's to explain, once.
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    chain.await.ok().map(|status| view! { <ChainBanner status checks/> })
                })}
            </Transition>
            <FilterForm query error/>
            {loaded(log, move |page| view! { <LogPage page query/> })}
        </section>
    }
}

/// The entries written but not linked yet, in words (nothing when none wait).
fn pending(status: &ChainStatus) -> String {
    match status.pending {
        0 => String::new(),
        1 => " 1 newer entry is being linked.".to_owned(),
        n => format!(" {n} newer entries are being linked."),
    }
}

#[component]
fn ChainBanner(status: ChainStatus, checks: RwSignal<u32>) -> impl IntoView {
    let (tone, text) = match &status.broken {
        None => (
            "border-emerald-300 bg-emerald-50 text-emerald-900",
            format!("Hash chain verified: all {} entries, from the first.{}", status.links, pending(&status)),
        ),
        Some(fault) => {
            let at =
                fault.link.map_or_else(|| "an entry outside the chain".to_owned(), |link| format!("entry #{link}"));
            let row = fault.audit_id.map(|id| format!(" (audit row {id})")).unwrap_or_default();
            (
                "border-red-300 bg-red-50 text-red-900",
                format!(
                    "Hash chain broken at {at}{row}: {}. Entries 1 to {} verify.",
                    fault.problem, status.verified_through
                ),
            )
        }
    };
    let state = if status.broken.is_some() { "broken" } else { "verified" };
    view! {
        <div class=format!("flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 {tone}")
            data-testid="audit-chain" data-state=state>
            <span>{text}</span>
            <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-current"
                on:click=move |_| checks.update(|n| *n += 1)>"Verify again"</button>
        </div>
    }
}
