//! LoyaltyService: points earned at the tables — rewards issued during play, and theo-based accrual when a
//! slip closes — kept in an append-only ledger beside each player's balance.
//!
//! A ledger row is never changed or removed (the database refuses it for everyone); a correction is a new
//! row. The balance moves in the same transaction as the row that explains it, so it always equals the sum
//! of the player's ledger at this casino.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{LedgerEntry, LedgerId, LoyaltyReason, PlayerLedger, RewardRequest, SlipRewards};
#[cfg(feature = "db")]
pub use service::{
    accrue_session_end, credited_points, entry, issue_mid_session_reward, issued_on_day, issued_points, player_ledger,
    slip_rewards,
};
