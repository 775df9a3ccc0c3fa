//! The flags pitboss knows and their state at a casino.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The flags pitboss knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Deposits and withdrawals may be recorded.
    FinanceMinimalEnabled,
    /// Dealer rotations are shown but cannot be changed.
    DealerRotationLogReadonly,
}

impl Flag {
    /// Every flag, in display order.
    pub const ALL: [Self; 2] = [Self::FinanceMinimalEnabled, Self::DealerRotationLogReadonly];

    /// The key stored in `feature_flag.key`.
    pub fn key(self) -> &'static str {
        match self {
            Self::FinanceMinimalEnabled => "finance_minimal_enabled",
            Self::DealerRotationLogReadonly => "dealer_rotation_log_readonly",
        }
    }

    /// What turning it on does, for the admin page.
    pub fn description(self) -> &'static str {
        match self {
            Self::FinanceMinimalEnabled => "Cashiers and pit bosses record deposits and withdrawals (and MTL follows).",
            Self::DealerRotationLogReadonly => "Dealer rotations are shown but nobody can assign a dealer.",
        }
    }
}

/// A flag's current state at the casino.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagState {
    /// Which flag.
    pub flag: Flag,
    /// On or off (off when never set).
    pub enabled: bool,
    /// Who last changed it, if anyone.
    pub updated_by: Option<String>,
    /// When, if ever.
    pub updated_at: Option<DateTime<Utc>>,
}
