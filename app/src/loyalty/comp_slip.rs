//! `/comps/:id`: the comp slip, laid out to print: its number, the comp, the player, who wrote it and who
//! approved it. Follows the request live, so an approval elsewhere shows at once.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pitboss::ErrorCode;
use pitboss::loyalty::request::{LoyaltyRequest, LoyaltyRequestId};

use super::{LOYALTY_ENTITIES, comp_slip, describe, points_text};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::{Facts, LocalTime, PrintButton, loaded};

/// The page.
#[component]
pub fn CompSlipPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|id| id.parse::<uuid::Uuid>().ok()).map(LoyaltyRequestId))
    });
    let version = use_live().version_of(LOYALTY_ENTITIES);
    let slip = Resource::new(
        move || (id.get(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => comp_slip(id).await,
                None => Err(AppError::new(ErrorCode::NotFound)),
            }
        },
    );
    view! {
        <section class="space-y-4 print:space-y-2">
            <div class="flex flex-wrap items-center gap-4 print:hidden">
                <a href="/comps" class="inline-flex items-center min-h-12 underline">"Comps waiting"</a>
                <PrintButton/>
            </div>
            {loaded(slip, |slip| view! { <Slip slip/> })}
        </section>
    }
}

#[component]
fn Slip(slip: LoyaltyRequest) -> impl IntoView {
    let decided = match (&slip.decided_by_name, slip.decided_at) {
        (Some(name), Some(_)) => format!("{} by {name}", slip.status.label()),
        _ => slip.status.label().to_owned(),
    };
    let mut facts = vec![
        ("Player", slip.player_name.clone()),
        ("Comp", describe(&slip)),
        ("Points", points_text(slip.points)),
        ("Written by", slip.staff_name.clone()),
        ("Status", decided),
        ("Gaming day", slip.gaming_day.format("%-d %b %Y").to_string()),
    ];
    if let Some(value) = slip.value {
        facts.push(("Value", value.to_string()));
    }
    if let Some(balance) = slip.balance_after {
        facts.push(("Balance after", format!("{} points", points_text(balance))));
    }
    if !slip.note.is_empty() {
        facts.push(("Note", slip.note.clone()));
    }
    if !slip.decision_note.is_empty() {
        facts.push(("Approver's note", slip.decision_note.clone()));
    }
    view! {
        <article class="bg-white rounded-xl shadow-sm p-5 space-y-3 print:shadow-none" data-testid="comp-slip"
            data-status=format!("{:?}", slip.status).to_lowercase()>
            <h1 class="text-2xl font-bold text-slate-900">{format!("{} #{}", slip.reason.label(), slip.number)}</h1>
            <p class="text-slate-700">"Written "<LocalTime at=slip.created_at/></p>
            <Facts facts testid="comp-slip-facts"/>
        </article>
    }
}
