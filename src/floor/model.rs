//! The seat map and the inputs of the workflows.

use serde::{Deserialize, Serialize};

use crate::mtl::Proximity;
use crate::player::{EnrollInput, PlayerId};
use crate::rating_slip::Slip;
use crate::table_context::TableId;
use crate::visit::VisitId;

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
