//! The shift overview every signed-in role lands on.

use leptos::prelude::*;
use pitboss::casino::CasinoSettings;
use pitboss::money::group_thousands;

use super::casino_settings;
use crate::ui::{Facts, loaded};

/// The casino's operating rules at a glance: when the gaming day turns over and where the compliance
/// thresholds sit.
#[component]
pub fn HomePage() -> impl IntoView {
    let settings = Resource::new(|| (), |_| casino_settings());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Shift overview"</h1>
            {loaded(settings, |settings| view! { <SettingsSummary settings/> })}
        </section>
    }
}

/// Casino settings as read-only facts.
#[component]
pub fn SettingsSummary(settings: CasinoSettings) -> impl IntoView {
    let facts = vec![
        ("Gaming day starts", format!("{} ({})", settings.gaming_day_start.format("%H:%M"), settings.timezone)),
        ("MTL watchlist floor", settings.watchlist_floor.to_string()),
        ("CTR threshold", settings.ctr_threshold.to_string()),
        (
            "Reward cap per issuance",
            format!("{} points", group_thousands(settings.reward_cap_points.unsigned_abs().into())),
        ),
        ("Tablet actions queued offline accepted for", format!("{} minutes", settings.late_action_minutes)),
    ];
    view! { <Facts facts testid="casino-settings"/> }
}
