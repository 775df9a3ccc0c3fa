//! The shift overview every signed-in role lands on.

use leptos::prelude::*;
use pitboss::casino::CasinoSettings;
use pitboss::money::group_thousands;

use super::casino_settings;
use crate::shell::SessionResource;
use crate::shift::{ShiftSection, shift_resource};
use crate::ui::{Facts, loaded};

/// The overview every role lands on: for pit bosses and admins the shift view (the floor now and the gaming day
/// so far); for everyone the casino's operating rules (when the gaming day turns over, where the compliance
/// thresholds sit).
#[component]
pub fn HomePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    // Both created before any boundary, so the server and the browser number them alike.
    let shift = shift_resource(session);
    let settings = Resource::new(|| (), |_| casino_settings());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Shift overview"</h1>
            {loaded(shift, |shift| shift.map(|view| view! { <ShiftSection view/> }))}
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
