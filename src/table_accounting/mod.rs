//! `TableAccountingService`: what each table won.
//!
//! Tray counts (opening, shift change, closing) witnessed by a dealer, fills and credits asked for by the pit and confirmed at the cage by someone else, the drop entered by
//! the count room, and the win, hold and theo derived from them per table, pit and casino.
//!
//! Counts, confirmed requests and drops are facts: counts and drops are append-only (a wrong drop is reversed),
//! and a fill or credit is resolved once. The win is derived by the database (`table_day_results`), never stored.

mod error;
mod model;
pub mod report;
pub mod rules;

#[cfg(feature = "db")]
mod day;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

#[cfg(feature = "db")]
pub use day::{day_accounting, day_tables};
pub use error::Error;
pub use model::{
    CageRequest, CageRequestId, CageRequestKind, CageRequestStatus, Chips, CountId, CountKind, DayAccounting,
    DropEntry, DropId, InventoryCount, NewCount, NewDrop, Rollup, TableDay, TableInventory, TableShift,
};
#[cfg(feature = "db")]
pub use service::{
    cancel, check_counted_for_closing, check_counted_for_opening, confirm, drops_of_day, pending_requests,
    record_count, record_drop, request, reverse_drop, table_inventory,
};
