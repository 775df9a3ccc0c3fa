//! Finance entries as the cage and the pit see them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::casino::StaffId;
use crate::define_id;
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::SlipId;
use crate::visit::VisitId;

define_id!(
    /// One row of `player_financial_transaction`.
    FinanceTxnId
);

/// Which way the money moves, from the casino's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "financial_direction", rename_all = "snake_case"))]
pub enum Direction {
    /// A deposit or buy-in: the player hands money to the casino.
    In,
    /// A withdrawal or cash-out: the casino pays the player.
    Out,
}

impl Direction {
    /// Both, in display order.
    pub const ALL: [Self; 2] = [Self::In, Self::Out];

    /// As shown on forms and lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::In => "Deposit (cash in)",
            Self::Out => "Withdrawal (cash out)",
        }
    }

    /// In running text: "cash in", "cash out".
    pub fn cash_label(self) -> &'static str {
        match self {
            Self::In => "cash in",
            Self::Out => "cash out",
        }
    }
}

/// What the money was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "financial_tender", rename_all = "snake_case"))]
pub enum Tender {
    /// Currency: the only tender that counts toward MTL and CTR.
    Cash,
    /// Casino chips.
    Chips,
    /// A check.
    Check,
    /// A marker (casino credit).
    Marker,
    /// A wire transfer.
    Wire,
}

impl Tender {
    /// Every tender, in display order.
    pub const ALL: [Self; 5] = [Self::Cash, Self::Chips, Self::Check, Self::Marker, Self::Wire];

    /// As shown on forms and lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cash => "Cash",
            Self::Chips => "Chips",
            Self::Check => "Check",
            Self::Marker => "Marker",
            Self::Wire => "Wire",
        }
    }
}

/// Where the entry was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "financial_source", rename_all = "snake_case"))]
pub enum Source {
    /// At a table, by the pit.
    Pit,
    /// At the cage, by a cashier.
    Cage,
}

impl Source {
    /// Both, in display order.
    pub const ALL: [Self; 2] = [Self::Pit, Self::Cage];

    /// As shown on forms and lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pit => "Pit",
            Self::Cage => "Cage",
        }
    }
}

/// One finance entry, with the name of the staff member who recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceEntry {
    /// Its id.
    pub id: FinanceTxnId,
    /// Whose money.
    pub player_id: PlayerId,
    /// The visit it belongs to, if any.
    pub visit_id: Option<VisitId>,
    /// The rating slip it was taken at, if any.
    pub rating_slip_id: Option<SlipId>,
    /// In or out.
    pub direction: Direction,
    /// How much (always positive; the direction carries the sign).
    pub amount: Cents,
    /// What the money was.
    pub tender: Tender,
    /// Pit or cage.
    pub source: Source,
    /// A note; the reason, for a reversal.
    pub note: Option<String>,
    /// The entry this one cancels, for a reversal.
    pub reverses_id: Option<FinanceTxnId>,
    /// The entry that cancels this one, once reversed.
    pub reversed_by: Option<FinanceTxnId>,
    /// The gaming day it counts toward, derived by the server.
    pub gaming_day: NaiveDate,
    /// Who recorded it.
    pub staff_id: StaffId,
    /// Their name.
    pub staff_name: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A new deposit or withdrawal, as typed (the idempotency key travels beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    /// Whose money.
    pub player_id: PlayerId,
    /// In or out.
    pub direction: Direction,
    /// How much, above zero.
    pub amount: Cents,
    /// What the money was.
    pub tender: Tender,
    /// Pit (pit bosses) or cage (cashiers); admins choose.
    pub source: Source,
    /// The visit it belongs to, if any.
    pub visit_id: Option<VisitId>,
    /// The rating slip it was taken at, if any (its visit is implied).
    pub rating_slip_id: Option<SlipId>,
    /// An optional note of up to 200 characters.
    pub note: Option<String>,
}

/// A correction: cancel `original_id` in full, for `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReversalRequest {
    /// The entry to cancel.
    pub original_id: FinanceTxnId,
    /// Why, 1 to 200 characters.
    pub reason: String,
    /// Unique per casino, like an entry's.
    pub idempotency_key: Uuid,
}

/// A player's totals for one gaming day; reversals subtract from the direction they correct, and in and
/// out are never netted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DayTotals {
    /// Cash in: what MTL and CTR count.
    pub cash_in: Cents,
    /// Cash out: what MTL and CTR count.
    pub cash_out: Cents,
    /// Everything in, any tender.
    pub total_in: Cents,
    /// Everything out, any tender.
    pub total_out: Cents,
}

/// A player's entries (one gaming day's, or the latest 200) and that day's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerFinance {
    /// The gaming day the totals are for (today's unless one was asked for).
    pub gaming_day: NaiveDate,
    /// Newest first.
    pub entries: Vec<FinanceEntry>,
    /// That day's totals.
    pub totals: DayTotals,
}
