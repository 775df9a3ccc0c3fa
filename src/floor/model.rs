//! The seat map and the inputs of the workflows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::exclusion::ExclusionKind;
use crate::mtl::Proximity;
use crate::player::{EnrollInput, PlayerId};
use crate::rating_slip::Slip;
use crate::table_context::TableId;
use crate::visit::{Visit, VisitId};

/// Who sits down: a player already enrolled, or one enrolled on the spot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlayerChoice {
    /// An enrolled player.
    Existing(PlayerId),
    /// A new player, enrolled in the same transaction.
    New(EnrollInput),
}

/// Someone in a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatedPlayer {
    /// Their visit.
    pub visit_id: VisitId,
    /// Who they are.
    pub player_id: PlayerId,
    /// "First Last".
    pub name: String,
    /// Their open or paused slip, if they are being rated.
    pub slip: Option<Slip>,
    /// Points issued by hand on that slip so far (mid-session rewards and promotions).
    pub rewarded_points: i64,
    /// Where their cash totals today stand against the MTL and CTR thresholds (always `None` for roles that
    /// may not read the MTL).
    pub proximity: Proximity,
    /// Their most serious flag in force, if any: a watch badge, or a barred or self-excluded player flagged
    /// while seated.
    #[serde(default)]
    pub flag: Option<ExclusionKind>,
}

/// One seat of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatView {
    /// Its number, from 1.
    pub number: i16,
    /// Who sits there, if anyone.
    pub occupant: Option<SeatedPlayer>,
}

/// A table's seats, 1..N, as the seat map shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSeats {
    /// The table.
    pub table_id: TableId,
    /// Every seat, in order.
    pub seats: Vec<SeatView>,
}

/// One page of a player's visits with their slips, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerHistory {
    /// The visits of this page.
    pub visits: Vec<VisitRecord>,
    /// The cursor of the next (older) page: pass it as `before`; `None` on the last page.
    pub before: Option<DateTime<Utc>>,
}

/// A visit and the slips rated during it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitRecord {
    /// The visit.
    pub visit: Visit,
    /// Its slips, in order of start.
    pub slips: Vec<SlipRecord>,
}

/// A slip as the player's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipRecord {
    /// The slip with its figures (final once closed).
    pub slip: Slip,
    /// The table's label.
    pub table: String,
    /// Points credited on it: its accrual, mid-session rewards and promotions.
    pub points: i64,
}
