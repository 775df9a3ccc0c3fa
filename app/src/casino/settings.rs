//! The admin's casino settings form.

use leptos::prelude::*;
use pitboss::casino::{CasinoSettings, SettingsInput, rules};
use pitboss::money::format_hundredths;
use pitboss::{Cents, ErrorCode, FieldError};

use super::chip_set::{ChipSetDesk, ChipSetSection};
use super::compliance_form::{ComplianceSection, compliance_resource};
use super::{UpdateSettings, casino_settings};
use crate::error::AppError;
use crate::feature::FlagsSection;
use crate::loyalty::{LoyaltyDesk, LoyaltySettingsSection};
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, FormOutcome, SaveForm, TextField, loaded2, use_hydrated};

/// Gaming day start, time zone, compliance thresholds and reward cap; for admins. Other roles get the
/// refusal up front (the server refuses their saves regardless).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let settings = Resource::new(|| (), |_| casino_settings());
    let compliance = compliance_resource();
    let chips = ChipSetDesk::new();
    let loyalty = LoyaltyDesk::new();
    view! {
        <section class="space-y-4 max-w-xl">
            <h1 class="text-2xl font-bold text-slate-900">"Casino settings"</h1>
            {loaded2(session, settings, move |session, current| {
                if rules::may_manage_settings(session.staff.role) {
                    view! {
                        <SettingsForm current/>
                        <ComplianceSection current=compliance/>
                        <LoyaltySettingsSection desk=loyalty/>
                        <ChipSetSection desk=chips/>
                        <FlagsSection/>
                    }
                    .into_any()
                } else {
                    view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any()
                }
            })}
        </section>
    }
}

/// The form, prefilled with the current settings. Dollar amounts are typed as dollars and sent as cents.
#[component]
fn SettingsForm(current: CasinoSettings) -> impl IntoView {
    let form = SaveForm::<UpdateSettings>::new();
    let hydrated = use_hydrated();
    let start = RwSignal::new(current.gaming_day_start.format("%H:%M").to_string());
    let timezone = RwSignal::new(current.timezone.clone());
    let watchlist = RwSignal::new(dollars(current.watchlist_floor));
    let ctr = RwSignal::new(dollars(current.ctr_threshold));
    let cap = RwSignal::new(current.reward_cap_points.to_string());
    let late = RwSignal::new(current.late_action_minutes.to_string());
    let (error, saved, save) = (form.error(), form.saved(), form.action);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_form(
            &start.get_untracked(),
            &timezone.get_untracked(),
            &watchlist.get_untracked(),
            &ctr.get_untracked(),
            &cap.get_untracked(),
            &late.get_untracked(),
        ) {
            Ok(input) => form.send(input, |request_id, input| UpdateSettings { request_id, input }),
            Err(problems) => form.refuse(problems),
        }
    };

    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-4">
            <FormOutcome error saved saved_text="Settings saved."/>
            <TextField label="Gaming day starts (HH:MM)" name="gaming_day_start" value=start error/>
            <TextField label="Time zone (IANA)" name="timezone" value=timezone error/>
            <TextField label="MTL watchlist floor ($)" name="watchlist_floor_cents" value=watchlist error/>
            <TextField label="CTR threshold ($)" name="ctr_threshold_cents" value=ctr error/>
            <TextField label="Reward cap per issuance (points)" name="reward_cap_points" value=cap error/>
            <TextField
                label="Tablet actions queued offline accepted for (minutes)"
                name="late_action_minutes"
                value=late
                error
            />
            <button
                type="submit"
                disabled=move || !hydrated.get() || save.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50"
            >
                {move || if save.pending().get() { "Saving…" } else { "Save settings" }}
            </button>
        </form>
    }
}

/// Dollars for an input box: `3000.00`, no separators, so the box round-trips what it shows.
fn dollars(amount: Cents) -> String {
    format_hundredths(amount.0)
}

/// Reads the text boxes into the server's input; amounts that are not dollars are refused here, every other
/// rule is the server's.
fn read_form(
    start: &str,
    timezone: &str,
    watchlist: &str,
    ctr: &str,
    cap: &str,
    late: &str,
) -> Result<SettingsInput, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut cents = |field: &'static str, text: &str| match Cents::parse_dollars(text) {
        Ok(amount) => amount.0,
        Err(_) => {
            problems.push(FieldError::new(field, ErrorCode::CasinoInvalidThreshold));
            0
        }
    };
    let watchlist_floor_cents = cents("watchlist_floor_cents", watchlist);
    let ctr_threshold_cents = cents("ctr_threshold_cents", ctr);
    let reward_cap_points = cap.trim().parse().unwrap_or_else(|_| {
        problems.push(FieldError::new("reward_cap_points", ErrorCode::CasinoInvalidRewardCap));
        0
    });
    let late_action_minutes = late.trim().parse().unwrap_or_else(|_| {
        problems.push(FieldError::new("late_action_minutes", ErrorCode::CasinoInvalidLateActionWindow));
        0
    });
    if problems.is_empty() {
        Ok(SettingsInput {
            gaming_day_start: start.to_owned(),
            timezone: timezone.to_owned(),
            watchlist_floor_cents,
            ctr_threshold_cents,
            reward_cap_points,
            late_action_minutes,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_dollars_as_cents() {
        let input = read_form("06:00", "America/Los_Angeles", "3,000", "10000.50", "5000", "45").expect("valid");
        assert_eq!(
            (
                input.watchlist_floor_cents,
                input.ctr_threshold_cents,
                input.reward_cap_points,
                input.late_action_minutes
            ),
            (300_000, 1_000_050, 5_000, 45)
        );
    }

    #[test]
    fn amounts_that_are_not_dollars_are_flagged_per_field() {
        let problems = read_form("06:00", "UTC", "lots", "10000", "many", "half an hour").expect_err("invalid");
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["watchlist_floor_cents", "reward_cap_points", "late_action_minutes"]);
    }

    #[test]
    fn dollars_round_trip_through_the_input_box() {
        assert_eq!(dollars(Cents(300_000)), "3000.00");
        assert_eq!(Cents::parse_dollars(&dollars(Cents(12_345))), Ok(Cents(12_345)));
    }
}
