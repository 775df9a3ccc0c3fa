//! PlayerFinancialService: a player's deposits and withdrawals, behind `finance_minimal_enabled`.
//!
//! Entries are append-only; a correction is a reversing entry. Cash entries feed the
//! MTL log (`crate::mtl`) in the same transaction.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{
    DayTotals, Direction, FinanceEntry, FinanceTxnId, NewEntry, PlayerFinance, ReversalRequest, Source, Tender,
};
#[cfg(feature = "db")]
pub use service::{player_finance, rated_buy_ins, record, reverse};
