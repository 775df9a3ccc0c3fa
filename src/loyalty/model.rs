//! Loyalty ledger entries and balances as the pit sees them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::authority::Authority;
use super::request::{LoyaltyRequest, LoyaltyRequestId};
use crate::casino::StaffId;
use crate::define_id;
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::SlipId;
use crate::visit::VisitId;

define_id!(
    /// One row of the loyalty ledger.
    LedgerId
);

/// Why points moved (the MVP's `loyalty_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "loyalty_reason", rename_all = "snake_case"))]
pub enum LoyaltyReason {
    /// A reward issued by the pit while the player is rated.
    MidSession,
    /// The theo-based accrual when a slip closes.
    SessionEnd,
    /// A manual adjustment.
    ManualAdjustment,
    /// A promotion, issued like a mid-session reward.
    Promotion,
    /// A correction of an earlier entry.
    Correction,
    /// Points spent on a comp.
    Redemption,
}

impl LoyaltyReason {
    /// The reasons the pit may pick when issuing a reward on a slip.
    pub const ISSUABLE: [Self; 2] = [Self::MidSession, Self::Promotion];

    /// As shown in ledgers.
    pub fn label(self) -> &'static str {
        match self {
            Self::MidSession => "Mid-session reward",
            Self::SessionEnd => "Session end",
            Self::ManualAdjustment => "Manual adjustment",
            Self::Promotion => "Promotion",
            Self::Correction => "Correction",
            Self::Redemption => "Comp",
        }
    }

    /// The database's name for it (`mid_session`, …), as the reward function takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MidSession => "mid_session",
            Self::SessionEnd => "session_end",
            Self::ManualAdjustment => "manual_adjustment",
            Self::Promotion => "promotion",
            Self::Correction => "correction",
            Self::Redemption => "redemption",
        }
    }
}

/// One ledger row, with the name of the staff member who issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Its id.
    pub id: LedgerId,
    /// Whose points.
    pub player_id: PlayerId,
    /// The slip it was issued on, if any.
    pub rating_slip_id: Option<SlipId>,
    /// The visit it was issued during, if any.
    pub visit_id: Option<VisitId>,
    /// Who issued it.
    pub staff_id: Option<StaffId>,
    /// Their name, for the ledger.
    pub staff_name: Option<String>,
    /// Points added (negative for a correction that takes some back).
    pub points: i64,
    /// Why.
    pub reason: LoyaltyReason,
    /// The slip's average bet when issued.
    pub average_bet: Option<Cents>,
    /// The slip's rated seconds when issued.
    pub seconds_played: Option<i32>,
    /// The slip's theo when issued.
    pub theo: Option<Cents>,
    /// The player's balance right after this entry.
    pub balance_after: i64,
    /// The gaming day it belongs to.
    pub gaming_day: NaiveDate,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// The comp, adjustment or correction it carried out, with its number and note.
    pub request: Option<EntryRequest>,
    /// The row a correction corrects.
    pub corrects_id: Option<LedgerId>,
    /// The points of it given at the authorizer's discretion.
    pub discretionary_points: i64,
}

/// The request behind a ledger row: what the ledger shows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRequest {
    /// Its id, for the comp slip.
    pub id: LoyaltyRequestId,
    /// The comp slip's number.
    pub number: i64,
    /// The catalog item and quantity, or the note, in a few words.
    pub description: String,
}

/// What the slip panel shows about loyalty: the slip's entries, newest first, and the player's balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipRewards {
    /// The ledger rows of the slip.
    pub entries: Vec<LedgerEntry>,
    /// The player's balance now.
    pub balance: i64,
    /// The reward to prefill: theo points the slip has earned and not yet been given (0 once closed).
    pub suggested_points: i64,
    /// The points the slip's theo has earned so far.
    pub earned_points: i64,
    /// The viewer's authority today: what a reward beyond the earned points may use.
    pub authority: Authority,
}

/// A player's ledger at this casino, newest first, with the balance and the requests waiting for approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerLedger {
    /// The player's balance now.
    pub balance: i64,
    /// The latest entries (at most 200).
    pub entries: Vec<LedgerEntry>,
    /// Comps and adjustments of today waiting for approval; the balance does not include them.
    pub pending: Vec<LoyaltyRequest>,
}

/// A reward as the pit asks for it. The key makes a retry return the first entry instead of issuing twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewardRequest {
    /// Who gets the points.
    pub player_id: PlayerId,
    /// The open or paused slip they are rated on.
    pub rating_slip_id: SlipId,
    /// How many points, above zero and within the casino's cap.
    pub points: i32,
    /// Mid-session reward or promotion.
    pub reason: LoyaltyReason,
    /// The request's idempotency key.
    pub idempotency_key: Uuid,
}
