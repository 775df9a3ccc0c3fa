//! Rating slips as the pit sees them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::money::Cents;
use crate::player::PlayerId;
use crate::table_context::{GameKey, TableId};
use crate::visit::VisitId;

define_id!(
    /// One rated session of one player at one seat.
    SlipId
);

/// Where a slip is: open ⇄ paused → closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "slip_status", rename_all = "snake_case"))]
pub enum SlipStatus {
    /// Play is being rated; the timer runs.
    Open,
    /// The player stepped away; the timer is frozen.
    Paused,
    /// Rating has ended.
    Closed,
}

impl SlipStatus {
    /// As shown on the seat map.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Rating",
            Self::Paused => "Paused",
            Self::Closed => "Closed",
        }
    }
}

/// What the pit can do to a slip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SlipCommand {
    /// Stop the clock while the player steps away.
    Pause,
    /// Start it again.
    Resume,
    /// End rating.
    Close,
    /// Record a new average bet.
    UpdateAverageBet,
}

/// The game as the slip froze it at its start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameSnapshot {
    /// The game.
    pub game: GameKey,
    /// The table minimum then, cents.
    pub min_bet_cents: i64,
    /// The table maximum then, cents.
    pub max_bet_cents: i64,
}

/// The rating policy frozen at the slip's start: later changes to game settings do not touch it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySnapshot {
    /// The game settings version it was taken from.
    pub policy_version: i32,
    /// House edge, basis points.
    pub house_edge_bps: i32,
    /// Decisions per hour.
    pub decisions_per_hour: i32,
    /// Loyalty points per theo dollar.
    pub points_per_theo_dollar: i32,
    /// Point multiplier, hundredths.
    pub point_multiplier_pct: i32,
}

/// A slip with its figures as of `as_of` (the database's clock): what the seat map and its timer show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slip {
    /// Its id.
    pub id: SlipId,
    /// The visit it belongs to.
    pub visit_id: VisitId,
    /// The player rated.
    pub player_id: PlayerId,
    /// The table.
    pub table_id: TableId,
    /// The seat.
    pub seat: i16,
    /// Open, paused or closed.
    pub status: SlipStatus,
    /// When rating started.
    pub started_at: DateTime<Utc>,
    /// When it ended, once closed.
    pub ended_at: Option<DateTime<Utc>>,
    /// The gaming day of its start.
    pub gaming_day: NaiveDate,
    /// The average bet over the rated time so far, each bet weighted by how long it was played (pauses
    /// excluded); the bet in play while nothing is rated yet.
    pub average_bet: Cents,
    /// The bet being played now: the last one recorded.
    pub current_bet: Cents,
    /// The game at start.
    pub game: GameSnapshot,
    /// The rating policy at start.
    pub policy: PolicySnapshot,
    /// Seconds rated so far (pauses excluded), as of `as_of`; final once closed.
    pub accrued_seconds: i64,
    /// The server's clock when the figures were taken: the timer's anchor.
    pub as_of: DateTime<Utc>,
    /// Theoretical win so far.
    pub theo: Cents,
    /// Still running from an earlier gaming day, or for longer than 12 hours.
    pub stale: bool,
    /// Why it was closed, for a forced close or a move.
    pub close_reason: Option<String>,
    /// The slip this one continues, when the player was moved here (or rolled over to a new gaming day).
    pub previous_slip_id: Option<SlipId>,
    /// Seconds rated on the earlier slips of its chain: the chain's total is this plus `accrued_seconds`.
    pub chain_prior_seconds: i64,
}

impl Slip {
    /// Seconds rated over the whole chain so far: the earlier slips and this one.
    pub fn chain_seconds(&self) -> i64 {
        self.chain_prior_seconds + self.accrued_seconds
    }
}

/// One stretch of play at one average bet: from `from` until the next segment's start, or the slip's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BetSegment {
    /// When this bet was recorded.
    pub from: DateTime<Utc>,
    /// The average bet from then on.
    pub bet: Cents,
}

/// One pause of a slip: from `start` to `end`, or still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// When the player stepped away.
    pub start: DateTime<Utc>,
    /// When rating resumed; `None` while paused.
    pub end: Option<DateTime<Utc>>,
}
