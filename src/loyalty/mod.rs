//! LoyaltyService: points earned at the tables — rewards issued during play, and theo-based accrual when a
//! slip closes — kept in an append-only ledger beside each player's balance.
//!
//! A ledger row is never changed or removed (the database refuses it for everyone); a correction is a new
//! row. The balance moves in the same transaction as the row that explains it, so it always equals the sum
//! of the player's ledger at this casino.

pub mod authority;
pub mod comp;
mod error;
mod model;
pub mod request;
pub mod rules;

#[cfg(feature = "db")]
mod authority_service;
#[cfg(feature = "db")]
mod catalog_repo;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod request_repo;
#[cfg(feature = "db")]
mod request_service;
#[cfg(feature = "db")]
mod service;

#[cfg(feature = "db")]
pub use authority_service::{comp_items, loyalty_settings, save_comp_item, update_loyalty_settings};
pub use error::Error;
pub use model::{EntryRequest, LedgerEntry, LedgerId, LoyaltyReason, PlayerLedger, RewardRequest, SlipRewards};
#[cfg(feature = "db")]
pub use request_service::{adjust, approval_queue, approve, comp_slip, deny, redeem};
#[cfg(feature = "db")]
pub use service::{
    accrue_session_end, credited_points, entry, issue_mid_session_reward, issued_on_day, issued_points, player_ledger,
    slip_rewards,
};
