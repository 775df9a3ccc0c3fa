//! MTL rows and threshold proximity as compliance and the pit see them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::finance::{Direction, FinanceTxnId, Source};
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::SlipId;

define_id!(
    /// One row of the MTL.
    MtlEntryId
);
define_id!(
    /// A compliance officer's note.
    MtlNoteId
);
define_id!(
    /// A threshold event: a patron's cash reaching a level for the first time in a gaming day.
    MtlAlertId
);

/// How close a player's cash total for a gaming day (one direction) is to the reporting thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Proximity {
    /// Below the watchlist floor.
    #[default]
    None,
    /// At or above the watchlist floor: the player is on the MTL.
    Watchlist,
    /// Above 90% of the CTR threshold.
    NearCtr,
    /// Above the CTR threshold: a CTR is due.
    Ctr,
}

impl Proximity {
    /// The badge text (empty for none).
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Watchlist => "Watchlist",
            Self::NearCtr => "Near CTR",
            Self::Ctr => "CTR",
        }
    }

    /// The stable name used in test ids and data attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Watchlist => "watchlist",
            Self::NearCtr => "near_ctr",
            Self::Ctr => "ctr",
        }
    }
}

/// The casino's two thresholds (from its settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// The MTL watchlist floor (default $3,000).
    pub watchlist_floor: Cents,
    /// The CTR threshold (default $10,000; a CTR is due above it).
    pub ctr_threshold: Cents,
}

/// A patron's cash today beside the casino's thresholds: what the form recording an entry shows before it is
/// saved, so whoever takes the cash sees the level the entry would reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatronCashToday {
    /// Cash in and out today, and where each stands.
    pub proximity: ThresholdProximity,
    /// The casino's thresholds.
    pub thresholds: Thresholds,
}

/// A player's cash totals for one gaming day and where each stands; in and out are never netted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdProximity {
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// Cash in that day.
    pub cash_in: Cents,
    /// Cash out that day.
    pub cash_out: Cents,
    /// Where cash in stands.
    pub level_in: Proximity,
    /// Where cash out stands.
    pub level_out: Proximity,
}

impl ThresholdProximity {
    /// The higher of the two: what a badge shows.
    pub fn level(&self) -> Proximity {
        self.level_in.max(self.level_out)
    }
}

/// One MTL row, with the names a compliance officer reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtlEntry {
    /// Its id.
    pub id: MtlEntryId,
    /// The patron.
    pub player_id: PlayerId,
    /// Their name.
    pub player_name: String,
    /// The finance entry it logs.
    pub financial_txn_id: FinanceTxnId,
    /// The slip it was taken at, if any.
    pub rating_slip_id: Option<SlipId>,
    /// In or out.
    pub direction: Direction,
    /// Pit or cage.
    pub source: Source,
    /// The transaction's amount.
    pub amount: Cents,
    /// Whether it logs a reversal (which takes `amount` back off the day's total).
    pub is_reversal: bool,
    /// The patron's cash total that day in that direction, this transaction included.
    pub day_total: Cents,
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// Who recorded the transaction.
    pub staff_name: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// One patron with cash activity today, and how close they are to the thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatronProximity {
    /// The patron.
    pub player_id: PlayerId,
    /// Their name.
    pub player_name: String,
    /// Their totals and levels.
    pub proximity: ThresholdProximity,
}

/// The compliance page: the thresholds, the latest MTL rows and today's patrons, closest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceView {
    /// Today's gaming day.
    pub gaming_day: NaiveDate,
    /// The casino's thresholds.
    pub thresholds: Thresholds,
    /// The latest 100 MTL rows, newest first.
    pub entries: Vec<MtlEntry>,
    /// Patrons with cash activity today, highest level first, then highest total.
    pub patrons: Vec<PatronProximity>,
    /// The notes on those rows and on today's patrons, oldest first.
    #[serde(default)]
    pub notes: Vec<MtlNote>,
    /// Threshold events not yet acknowledged (of any day) and today's acknowledged ones, newest first.
    #[serde(default)]
    pub alerts: Vec<ThresholdAlert>,
}

/// The first time in a gaming day a patron's cash total in one direction reached the watchlist floor or
/// passed the CTR threshold (`mtl.threshold_reached`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdAlert {
    /// Its id.
    pub id: MtlAlertId,
    /// The patron.
    pub player_id: PlayerId,
    /// Their name.
    pub player_name: String,
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// In or out.
    pub direction: Direction,
    /// The level reached: `Watchlist` or `Ctr`.
    pub level: Proximity,
    /// The day's total in that direction with the entry that crossed.
    pub day_total: Cents,
    /// The entry that crossed.
    pub financial_txn_id: FinanceTxnId,
    /// When it was taken.
    pub reached_at: DateTime<Utc>,
    /// Who acknowledged it and when; `None` while it waits.
    pub acknowledged: Option<Acknowledgement>,
}

/// An officer's acknowledgement of a threshold event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// Who.
    pub staff_name: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Which MTL rows to read: one gaming day's, newest first, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtlQuery {
    /// The gaming day: today's (the default) or an earlier one.
    #[serde(default)]
    pub gaming_day: Option<NaiveDate>,
    /// Rows per page, 1 to 1,000.
    pub limit: u32,
    /// Where the page starts: the `next_cursor` of the page before; `None` for the newest rows.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// One page of a gaming day's MTL, with the notes on its rows and on the day's patrons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtlPage {
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// Its rows, newest first.
    pub entries: Vec<MtlEntry>,
    /// The notes on those rows and on that day's patrons, oldest first.
    pub notes: Vec<MtlNote>,
    /// Where the next (older) page starts; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// What a compliance officer's note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoteTarget {
    /// One MTL row.
    Entry {
        /// The row.
        mtl_entry_id: MtlEntryId,
    },
    /// A patron's cash over one gaming day.
    PatronDay {
        /// The patron.
        player_id: PlayerId,
        /// The gaming day.
        gaming_day: NaiveDate,
    },
}

/// A note to add: 1 to 1,000 characters about an MTL row or a patron's gaming day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMtlNote {
    /// What it is about.
    pub target: NoteTarget,
    /// The text.
    pub note: String,
}

/// A compliance officer's note; never changed once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtlNote {
    /// Its id.
    pub id: MtlNoteId,
    /// The MTL row it is about, if it is about one.
    pub mtl_entry_id: Option<MtlEntryId>,
    /// The patron.
    pub player_id: PlayerId,
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// The text.
    pub note: String,
    /// "First Last" of who wrote it.
    pub staff_name: String,
    /// When.
    pub created_at: DateTime<Utc>,
}
