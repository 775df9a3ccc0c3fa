//! The admin's rating parameters per game: default limits, seats, house edge, pace and points.

use leptos::prelude::*;
use pitboss::money::{format_hundredths, parse_hundredths};
use pitboss::table_context::{GameSettings, GameSettingsInput, GameType, rules};
use pitboss::{ErrorCode, FieldError};

use super::floor_plan::{FloorPlan, FloorPlanState};
use super::{UpdateGameSettings, list_game_settings};
use crate::error::AppError;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, Intent, TextField, loaded2, use_hydrated};

/// `/games`, for admins: one form per game (slips already running keep the values frozen at their start), and
/// the floor plan: the tables, added, changed and retired.
#[component]
pub fn GamesPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let games = Resource::new(|| (), |_| list_game_settings());
    let plan = FloorPlanState::new();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Games"</h1>
            <p class="text-slate-600">"Rating parameters apply to rating slips started after a change."</p>
            {loaded2(session, games, move |session, games| {
                if rules::may_manage_games(session.staff.role) {
                    view! {
                        <div class="grid md:grid-cols-2 gap-4">
                            {games.into_iter().map(|current| view! { <GameForm current/> }).collect_view()}
                        </div>
                        <FloorPlan state=plan/>
                    }
                    .into_any()
                } else {
                    view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any()
                }
            })}
        </section>
    }
}

/// The text boxes of one game's form.
#[derive(Clone, Copy)]
struct Fields {
    min_bet: RwSignal<String>,
    max_bet: RwSignal<String>,
    seats: RwSignal<String>,
    house_edge: RwSignal<String>,
    decisions: RwSignal<String>,
    points: RwSignal<String>,
    multiplier: RwSignal<String>,
}

impl Fields {
    fn from(current: &GameSettings) -> Self {
        Self {
            min_bet: RwSignal::new(format_hundredths(current.min_bet.0)),
            max_bet: RwSignal::new(format_hundredths(current.max_bet.0)),
            seats: RwSignal::new(current.seats.to_string()),
            house_edge: RwSignal::new(format_hundredths(current.house_edge_bps.into())),
            decisions: RwSignal::new(current.decisions_per_hour.to_string()),
            points: RwSignal::new(current.points_per_theo_dollar.to_string()),
            multiplier: RwSignal::new(format_hundredths(current.point_multiplier_pct.into())),
        }
    }

    /// Reads the boxes into the server's units (cents, basis points, hundredths); text that is not a number is
    /// flagged here, every range rule is the server's.
    fn read(self) -> Result<GameSettingsInput, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut number = |field: &'static str, text: String, code: ErrorCode, decimals: bool| -> i64 {
            let parsed = if decimals { parse_hundredths(&text).ok() } else { text.trim().parse().ok() };
            parsed.unwrap_or_else(|| {
                problems.push(FieldError::new(field, code));
                0
            })
        };
        let min_bet_cents = number("min_bet_cents", self.min_bet.get_untracked(), ErrorCode::GameInvalidLimits, true);
        let max_bet_cents = number("max_bet_cents", self.max_bet.get_untracked(), ErrorCode::GameInvalidLimits, true);
        let seats = number("seats", self.seats.get_untracked(), ErrorCode::GameInvalidSeats, false);
        let edge = number("house_edge_bps", self.house_edge.get_untracked(), ErrorCode::GameInvalidHouseEdge, true);
        let decisions =
            number("decisions_per_hour", self.decisions.get_untracked(), ErrorCode::GameInvalidDecisions, false);
        let points = number("points_per_theo_dollar", self.points.get_untracked(), ErrorCode::GameInvalidPoints, false);
        let multiplier =
            number("point_multiplier_pct", self.multiplier.get_untracked(), ErrorCode::GameInvalidPoints, true);
        let small = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(GameSettingsInput {
            min_bet_cents,
            max_bet_cents,
            seats: i16::try_from(seats).unwrap_or(i16::MAX),
            house_edge_bps: small(edge),
            decisions_per_hour: small(decisions),
            points_per_theo_dollar: small(points),
            point_multiplier_pct: small(multiplier),
        })
    }
}

#[component]
fn GameForm(current: GameSettings) -> impl IntoView {
    let game: GameType = current.game;
    let fields = Fields::from(&current);
    let save = ServerAction::<UpdateGameSettings>::new();
    let intent = Intent::new();
    intent.renew_after(move || save.value().get());
    let hydrated = use_hydrated();
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| save.value().get().and_then(Result::err)));
    let saved = move || matches!(save.value().get(), Some(Ok(_))) && local_error.get().is_none();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.read() {
            Ok(input) => {
                local_error.set(None);
                save.dispatch(UpdateGameSettings { request_id: intent.request_id(&(game, &input)), game, input });
            }
            Err(problems) => local_error.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(problems))),
        }
    };
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label=game.label()>
            <h2 class="text-xl font-semibold">{game.label()}</h2>
            <ErrorBanner error/>
            <Show when=saved>
                <p role="status" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-800">
                    {format!("{} saved.", game.label())}
                </p>
            </Show>
            <div class="grid grid-cols-2 gap-3">
                <TextField label="Minimum bet ($)" name="min_bet_cents" value=fields.min_bet error/>
                <TextField label="Maximum bet ($)" name="max_bet_cents" value=fields.max_bet error/>
                <TextField label="Seats" name="seats" value=fields.seats error/>
                <TextField label="House edge (%)" name="house_edge_bps" value=fields.house_edge error/>
                <TextField label="Decisions per hour" name="decisions_per_hour" value=fields.decisions error/>
                <TextField label="Points per theo $" name="points_per_theo_dollar" value=fields.points error/>
                <TextField label="Point multiplier (×)" name="point_multiplier_pct" value=fields.multiplier error/>
            </div>
            <button
                type="submit"
                disabled=move || !hydrated.get() || save.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50"
            >
                {move || if save.pending().get() { "Saving…" } else { "Save" }}
            </button>
        </form>
    }
}
