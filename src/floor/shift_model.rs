//! The shift view: the floor now and the gaming day so far, as a shift manager reads it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::money::Cents;
use crate::mtl::PatronProximity;
use crate::table_context::{TableId, TableStatus};

/// Every table of the casino and the day's hours, as of one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftView {
    /// The gaming day shown.
    pub gaming_day: NaiveDate,
    /// When it began.
    pub day_start: DateTime<Utc>,
    /// The instant the figures are as of.
    pub as_of: DateTime<Utc>,
    /// The tables, by pit then label.
    pub tables: Vec<ShiftTable>,
    /// The day's hours so far, from its start.
    pub hours: Vec<HourFigures>,
    /// Today's patrons at Watchlist or closer to the CTR threshold, closest first.
    pub near_thresholds: Vec<PatronProximity>,
}

/// One table now, and its gaming day so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftTable {
    /// The table.
    pub table_id: TableId,
    /// Its label.
    pub label: String,
    /// Its pit.
    pub pit: String,
    /// Open, closed or not yet opened.
    pub status: TableStatus,
    /// Its seats.
    pub seats: i16,
    /// Seats taken now.
    pub occupied: i16,
    /// Players rated now (an open or paused slip).
    pub rated: i16,
    /// The rated theoretical win of its slips today (as of now for running ones).
    pub theo: Cents,
    /// Credits − fills + the tray's change over today's counted periods; none before a period has ended.
    pub tray_result: Option<Cents>,
    /// The win (drop included), once a drop is entered for today.
    pub win: Option<Cents>,
    /// Fills waiting for the cage.
    pub pending_fills: i64,
    /// Credits waiting for the cage.
    pub pending_credits: i64,
}

impl ShiftTable {
    /// The figure the win chart shows: the win once the drop is in, else the counted tray result.
    pub fn result(&self) -> Option<Cents> {
        self.win.or(self.tray_result)
    }
}

/// One hour of the gaming day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourFigures {
    /// When the hour began.
    pub start: DateTime<Utc>,
    /// The casino's clock time then, `06:00`.
    pub label: String,
    /// Seconds of rated play in the hour, all seats together (÷ 3,600: players on average).
    pub player_seconds: i64,
    /// The rated theo of the hour: each slip's theo spread evenly over its time at the table.
    pub theo: Cents,
    /// Points issued by hand (rewards, promotions) in the hour.
    pub reward_points: i64,
}
