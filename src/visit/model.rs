//! Visits as the pit sees them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::player::PlayerId;
use crate::table_context::TableId;

define_id!(
    /// One visit of a player to a casino, from check-in to check-out.
    VisitId
);

/// Where a visiting player sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Seat {
    /// The table.
    pub table_id: TableId,
    /// The seat, from 1.
    pub number: i16,
}

/// A visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// Its id.
    pub id: VisitId,
    /// Who is visiting.
    pub player_id: PlayerId,
    /// Check-in time.
    pub started_at: DateTime<Utc>,
    /// Check-out time; `None` while the player is here.
    pub ended_at: Option<DateTime<Utc>>,
    /// The gaming day of the check-in.
    pub gaming_day: NaiveDate,
    /// Where the player sits, if anywhere.
    pub seat: Option<Seat>,
}

impl Visit {
    /// Whether the player is still checked in.
    pub fn is_active(&self) -> bool {
        self.ended_at.is_none()
    }
}
