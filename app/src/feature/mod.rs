//! Feature flags on the admin's settings page.

mod api;
mod flags;

pub use api::*;
pub use flags::FlagsSection;
