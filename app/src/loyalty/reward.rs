//! The loyalty part of the slip panel: issue a reward, see the slip's rewards and the player's balance.

use leptos::prelude::*;
use pitboss::loyalty::{LedgerEntry, LoyaltyReason, SlipRewards};
use pitboss::player::PlayerId;
use pitboss::rating_slip::SlipId;
use pitboss::{ErrorCode, FieldError};

use super::{IssueReward, LOYALTY_ENTITIES, points_text, rewards_of_slip};
use crate::error::AppError;
use crate::floor::LiveSeats;
use crate::live::use_live;
use crate::offline::{Call, Sent, use_outbox};
use crate::ui::{ErrorBanner, Intent, TextField, clock_time, loaded};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";

/// Reads the points box, or the field error the pit boss sees.
fn typed_points(text: &str) -> Result<i32, AppError> {
    match text.trim().replace(',', "").parse::<i32>() {
        Ok(points) if points > 0 => Ok(points),
        _ => Err(AppError::new(ErrorCode::ValidationFailed)
            .with_fields(vec![FieldError::new("points", ErrorCode::LoyaltyInvalidPoints)])),
    }
}

/// "Issue reward" with the points prefilled from the slip's unrewarded theo points, and what the slip has
/// been given so far.
#[component]
pub fn SlipRewardsPanel(slip_id: SlipId, player_id: PlayerId) -> impl IntoView {
    let version = use_live().version_of(LOYALTY_ENTITIES);
    let refresh = RwSignal::new(0_u64);
    let rewards = Resource::new(move || (slip_id, version.get(), refresh.get()), |(id, _, _)| rewards_of_slip(id));
    let points = RwSignal::new(String::new());
    let reason = RwSignal::new(LoyaltyReason::MidSession);
    // Prefill once per reward: an empty box takes the latest suggestion; what the pit boss typed stays.
    Effect::new(move || {
        if let Some(Ok(loaded)) = rewards.get()
            && loaded.suggested_points > 0
            && points.get_untracked().is_empty()
        {
            points.set(loaded.suggested_points.to_string());
        }
    });
    let action = ServerAction::<IssueReward>::new();
    // One request id per reward: a double tap or a resend after a lost answer reuses it, so the ledger's key
    // makes it one row.
    let intent = Intent::new();
    intent.renew_after(move || action.value().get());
    let field_error = RwSignal::new(None::<AppError>);
    let outbox = use_outbox();
    // The seat this slip is shown at, where a reward queued offline waits.
    let seats = use_context::<LiveSeats>();
    // The reward last sent, until answered: if the connection goes while it is on its way, the outbox takes
    // it over with its request id, and the server issues it once however often it arrives.
    let sent = StoredValue::new(None::<Sent>);
    let failure = RwSignal::new(None::<AppError>);
    Effect::new(move || match action.value().get() {
        Some(Ok(_)) => {
            failure.set(None);
            points.set(String::new());
            refresh.update(|n| *n += 1);
        }
        Some(Err(error)) => {
            let shown = outbox.take_over(sent, intent, error);
            if shown.is_none() {
                points.set(String::new());
            }
            failure.set(shown);
        }
        None => {}
    });
    let error = Signal::derive(move || field_error.get().or_else(|| failure.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match typed_points(&points.get_untracked()) {
            Ok(typed) => {
                field_error.set(None);
                let reason = reason.get_untracked();
                let call = Call::Reward { player_id, slip_id, points: typed, reason };
                let place = seats.and_then(|s| s.place_of(Some(slip_id), None));
                if let Some(place) = place.clone().filter(|_| outbox.queueing()) {
                    outbox.push(call, place);
                    points.set(String::new());
                    return;
                }
                let request_id = intent.request_id(&(player_id, slip_id, typed, reason));
                sent.set_value(place.map(|place| Sent::now(call, place, request_id)));
                action.dispatch(IssueReward { request_id, player_id, slip_id, points: typed, reason });
            }
            Err(problem) => field_error.set(Some(problem)),
        }
    };
    view! {
        <section class="w-full space-y-3 border-t border-slate-200 pt-3" data-testid="slip-rewards">
            <form on:submit=submit class="space-y-3" aria-label="Issue reward">
                <div class="flex gap-2" role="group" aria-label="Reason">
                    {LoyaltyReason::ISSUABLE
                        .into_iter()
                        .map(|choice| view! {
                            <button type="button" class=format!("{BUTTON} border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white")
                                aria-pressed=move || (reason.get() == choice).to_string()
                                on:click=move |_| reason.set(choice)>
                                {choice.label()}
                            </button>
                        })
                        .collect_view()}
                </div>
                <div class="flex gap-2 items-end">
                    <div class="grow"><TextField label="Points" name="points" kind="number" value=points error/></div>
                    <button type="submit" disabled=move || action.pending().get()
                        class=format!("{BUTTON} bg-indigo-700 text-white")>
                        "Issue reward"
                    </button>
                    <a href=format!("/players/{}#comp", player_id.0)
                        class=format!("{BUTTON} border border-slate-300 inline-flex items-center")>"Comp"</a>
                </div>
                <ErrorBanner error=failure/>
            </form>
            {loaded(rewards, |rewards| view! { <RewardList rewards/> })}
        </section>
    }
}

#[component]
fn RewardList(rewards: SlipRewards) -> impl IntoView {
    let empty = rewards.entries.is_empty();
    view! {
        <p class="text-sm text-slate-700" data-testid="reward-measure" data-earned=rewards.earned_points
            data-owed=rewards.suggested_points>
            {measure(&rewards)}
        </p>
        <p class="font-semibold" data-testid="loyalty-balance" data-points=rewards.balance>
            {format!("Balance: {} points", points_text(rewards.balance))}
        </p>
        <Show when=move || empty>
            <p class="text-sm text-slate-600">"No rewards on this slip yet."</p>
        </Show>
        <ul class="divide-y divide-slate-100 text-sm">
            {rewards.entries.into_iter().map(|entry| view! { <RewardLine entry/> }).collect_view()}
        </ul>
    }
}

/// What the slip has earned, what of it is still owed, and what the viewer may give beyond that, in words.
fn measure(rewards: &SlipRewards) -> String {
    format!(
        "This slip has earned {} points from its theo so far; {} not yet given. Points beyond that are at your discretion: {}",
        points_text(rewards.earned_points),
        points_text(rewards.suggested_points),
        rewards.authority.describe()
    )
}

#[component]
fn RewardLine(entry: LedgerEntry) -> impl IntoView {
    let by = entry.staff_name.unwrap_or_else(|| "System".to_owned());
    view! {
        <li class="py-2 flex justify-between gap-2" data-testid="slip-reward" data-points=entry.points data-id=entry.id.0.to_string()>
            <span>{format!("{} · {} · {by}", clock_time(entry.created_at), entry.reason.label())}</span>
            <strong>{format!("{}{} pts", if entry.points >= 0 { "+" } else { "" }, points_text(entry.points))}</strong>
        </li>
    }
}
