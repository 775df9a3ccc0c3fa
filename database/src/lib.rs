//! How a pitboss process reaches PostgreSQL: the server `DATABASE_URL` names, or else a private cluster under
//! the data directory; and the two pools every process opens on it.
//!
//! This crate gets connections; what runs on them — the RLS-scoped transaction, the idempotent-request
//! store, the services — is the domain crate's (`pitboss::db`). The `pitboss` server and `pitboss-tools`
//! both open their database through here, so the two always agree on where it is.

mod config;
mod embedded;
mod pools;
pub mod primary;

pub use config::{ConfigError, DatabaseConfig, Hosts, data_dir};
pub use embedded::{EmbeddedCluster, EmbeddedError};
pub use pools::Database;
