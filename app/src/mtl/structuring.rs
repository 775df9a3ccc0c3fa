//! The structuring watch on the compliance page: patrons whose cash the picked day looks split to stay under
//! a threshold, with the entries that showed it. Listed for review; the list accuses nobody.

use leptos::prelude::*;
use pitboss::mtl::structuring::{StructuringFlag, StructuringPattern, StructuringWatch};

use crate::ui::LocalTime;

/// The list.
#[component]
pub fn StructuringList(watch: StructuringWatch) -> impl IntoView {
    let p = watch.params;
    let none = watch.flags.is_empty();
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2" aria-label="Structuring watch">
            <h2 class="text-lg font-semibold">"Structuring watch"</h2>
            <p class="text-sm text-slate-600">
                {format!("Two or more entries in a day each within {}% under the watchlist floor ({}) or the CTR \
                          threshold ({}); or {} consecutive gaming days adding up past the CTR threshold with no day past it.",
                    p.margin_percent, p.thresholds.watchlist_floor, p.thresholds.ctr_threshold, p.window_days)}
            </p>
            <Show when=move || none>
                <p class="text-sm text-slate-600">"Nothing to review."</p>
            </Show>
            <ul class="divide-y divide-slate-100">
                {watch.flags.into_iter().map(|flag| view! { <Flag flag/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Flag(flag: StructuringFlag) -> impl IntoView {
    let direction = flag.direction.cash_label();
    let (kind, what) = match &flag.pattern {
        StructuringPattern::JustUnder { level } => {
            let under =
                if *level == pitboss::mtl::Proximity::Ctr { "the CTR threshold" } else { "the watchlist floor" };
            ("just_under", format!("{} {direction} entries just under {under}", flag.entries.len()))
        }
        StructuringPattern::AcrossDays { from, total } => (
            "across_days",
            format!("{direction} of {total} since {} with no day past the CTR threshold", from.format("%-d %b")),
        ),
    };
    view! {
        <li class="py-2 space-y-1" data-testid="structuring-flag" data-pattern=kind data-player=flag.player_id.to_string()>
            <div class="flex flex-wrap items-center gap-3">
                <a href=format!("/players/{}", flag.player_id) class="inline-flex items-center min-h-12 font-medium underline">{flag.player_name}</a>
                <span class="text-sm text-slate-700">{what}</span>
            </div>
            <ul class="text-sm text-slate-600 pl-4">
                {flag.entries.into_iter().map(|e| view! {
                    <li>{format!("{} · {} · ", e.gaming_day.format("%-d %b"), e.amount)} <LocalTime at=e.created_at/> {format!(" · {}", e.staff_name)}</li>
                }).collect_view()}
            </ul>
        </li>
    }
}
