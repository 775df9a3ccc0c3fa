//! The pitboss domain core: what a casino pit may do, and (with the `db` feature) how it is stored.
//!
//! One module per bounded context (`casino`, `auth`, `audit`, …) plus shared kernels (`error`, `actor`,
//! `money`). The pure parts — ids, enums, DTOs, rules — compile for the browser too, so the Leptos UI shares
//! them; everything that touches sqlx is behind `db`. Nothing here knows about Leptos, axum or HTTP.
#![warn(missing_docs)]

pub mod actor;
pub mod audit;
pub mod auth;
pub mod casino;
pub mod csv;
pub mod error;
pub mod exclusion;
pub mod feature;
pub mod finance;
pub mod floor;
mod id;
pub mod live;
pub mod loyalty;
pub mod money;
pub mod mtl;
pub mod player;
pub mod rating_slip;
pub mod table_accounting;
pub mod table_context;
pub mod visit;

#[cfg(feature = "db")]
pub mod db;
#[cfg(feature = "db")]
pub mod sealing;
#[cfg(feature = "db")]
pub mod seed;

pub use actor::Actor;
pub use error::{DomainError, ErrorCode, FieldError};
pub use money::Cents;

/// Every schema migration, embedded at build time; applied by `pitboss migrate` and by each test database.
#[cfg(feature = "db")]
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
