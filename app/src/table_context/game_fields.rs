//! The boxes of a game's rating parameters, shared by the form of each game and the form that adds one.

use leptos::prelude::*;
use pitboss::money::{format_hundredths, parse_hundredths};
use pitboss::table_context::{GameSettings, GameSettingsInput};
use pitboss::{ErrorCode, FieldError};

use crate::error::AppError;
use crate::ui::TextField;

/// The text boxes of one game's parameters.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    min_bet: RwSignal<String>,
    max_bet: RwSignal<String>,
    seats: RwSignal<String>,
    house_edge: RwSignal<String>,
    decisions: RwSignal<String>,
    points: RwSignal<String>,
    multiplier: RwSignal<String>,
}

impl Fields {
    /// Boxes holding a game's current values.
    pub(super) fn from(current: &GameSettings) -> Self {
        let [min_bet, max_bet, seats, house_edge, decisions, points, multiplier] = texts(current).map(RwSignal::new);
        Self { min_bet, max_bet, seats, house_edge, decisions, points, multiplier }
    }

    /// Empty boxes but for the multiplier (1×) most new games keep.
    pub(super) fn blank() -> Self {
        let [min_bet, max_bet, seats, house_edge, decisions, points] =
            std::array::from_fn(|_| RwSignal::new(String::new()));
        Self { min_bet, max_bet, seats, house_edge, decisions, points, multiplier: RwSignal::new("1.00".to_owned()) }
    }

    /// Whether the boxes hold exactly `game`'s values.
    pub(super) fn hold(self, game: &GameSettings) -> bool {
        self.all().map(|field| field.get_untracked()) == texts(game)
    }

    /// Empties the boxes again.
    pub(super) fn clear(self) {
        let blank = Self::blank();
        for (field, empty) in self.all().into_iter().zip(blank.all()) {
            field.set(empty.get_untracked());
        }
    }

    fn all(self) -> [RwSignal<String>; 7] {
        [self.min_bet, self.max_bet, self.seats, self.house_edge, self.decisions, self.points, self.multiplier]
    }

    /// Reads the boxes into the server's units (cents, basis points, hundredths); text that is not a number is
    /// flagged here, every range rule is the server's.
    pub(super) fn read(self) -> Result<GameSettingsInput, Vec<FieldError>> {
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

/// A game's values as its boxes show them.
fn texts(game: &GameSettings) -> [String; 7] {
    [
        format_hundredths(game.min_bet.0),
        format_hundredths(game.max_bet.0),
        game.seats.to_string(),
        format_hundredths(game.house_edge_bps.into()),
        game.decisions_per_hour.to_string(),
        game.points_per_theo_dollar.to_string(),
        format_hundredths(game.point_multiplier_pct.into()),
    ]
}

/// The seven boxes, each showing its own field's error.
#[component]
pub(super) fn SettingsBoxes(fields: Fields, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <div class="grid grid-cols-2 gap-3">
            <TextField label="Minimum bet ($)" name="min_bet_cents" value=fields.min_bet error/>
            <TextField label="Maximum bet ($)" name="max_bet_cents" value=fields.max_bet error/>
            <TextField label="Seats" name="seats" value=fields.seats error/>
            <TextField label="House edge (%)" name="house_edge_bps" value=fields.house_edge error/>
            <TextField label="Decisions per hour" name="decisions_per_hour" value=fields.decisions error/>
            <TextField label="Points per theo $" name="points_per_theo_dollar" value=fields.points error/>
            <TextField label="Point multiplier (×)" name="point_multiplier_pct" value=fields.multiplier error/>
        </div>
    }
}
