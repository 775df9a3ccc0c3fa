//! Players as staff see them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::exclusion::ExclusionKind;
use crate::money::Cents;
use crate::table_context::{GameKey, TableId};

define_id!(
    /// A player (a person, shared across properties).
    PlayerId
);

/// A player in a list or search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerSummary {
    /// Their id.
    pub id: PlayerId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date, if recorded.
    pub birth_date: Option<NaiveDate>,
}

impl PlayerSummary {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A search result: the player, where they sit now and what they last played, so the pit finds them on the
/// floor and seats them again at their usual bet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerMatch {
    /// Who they are (flattened: a match reads like a summary with more fields).
    #[serde(flatten)]
    pub player: PlayerSummary,
    /// Their seat now, if they are seated.
    pub seated_at: Option<SeatedAt>,
    /// Their most recent slip's game and the bet they were playing when it ended (or now).
    pub last_play: Option<LastPlay>,
    /// Their most serious flag in force, if any.
    pub flag: Option<ExclusionKind>,
}

/// Where a player sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatedAt {
    /// The table.
    pub table_id: TableId,
    /// Its label, e.g. `BJ-01`.
    pub table: String,
    /// The seat.
    pub seat: i16,
}

impl SeatedAt {
    /// "BJ-01 seat 3".
    pub fn label(&self) -> String {
        format!("{} seat {}", self.table, self.seat)
    }
}

/// What a player last played: the seat form starts from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastPlay {
    /// The game.
    pub game: GameKey,
    /// Its name, e.g. `Mini-Baccarat`.
    #[serde(default)]
    pub game_name: String,
    /// The bet being played when the slip ended, or now if it runs.
    pub bet: Cents,
}

/// A player's record at this casino.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerDetail {
    /// Who they are.
    pub player: PlayerSummary,
    /// When they enrolled here.
    pub enrolled_at: DateTime<Utc>,
    /// Who enrolled them, if a staff member did.
    pub enrolled_by: Option<String>,
    /// Their loyalty balance here, in points.
    pub loyalty_points: i64,
}

/// A new player as typed on the enrollment form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollInput {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date, optional.
    pub birth_date: Option<NaiveDate>,
}
