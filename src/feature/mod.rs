//! Per-casino feature flags: switches an admin turns on and off, checked by the server (hiding a control in
//! the page is never enough). A flag without a row is off.

use serde::{Deserialize, Serialize};

/// The flags pitboss knows (DESIGN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Deposits and withdrawals may be recorded.
    FinanceMinimalEnabled,
    /// Dealer rotations are shown but cannot be changed.
    DealerRotationLogReadonly,
}

impl Flag {
    /// The key stored in `feature_flag.key`.
    pub fn key(self) -> &'static str {
        match self {
            Self::FinanceMinimalEnabled => "finance_minimal_enabled",
            Self::DealerRotationLogReadonly => "dealer_rotation_log_readonly",
        }
    }
}

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
pub use repo::is_enabled;
