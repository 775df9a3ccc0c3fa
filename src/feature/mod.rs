//! Per-casino feature flags: switches an admin turns on and off, checked by the server (hiding a control in
//! the page is never enough). A flag without a row is off.

mod error;
mod model;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{Flag, FlagState};
#[cfg(feature = "db")]
pub use repo::is_enabled;
#[cfg(feature = "db")]
pub use service::{flags, set_flag};
