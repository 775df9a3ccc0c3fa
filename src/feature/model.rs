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

    /// Its name in the floor's words, for the admin page.
    pub fn name(self) -> &'static str {
        match self {
            Self::FinanceMinimalEnabled => "Deposits and withdrawals",
            Self::DealerRotationLogReadonly => "Dealer rotations read-only",
        }
    }

    /// What switching it to `enabled` does, for everyone at the casino: the admin reads it before confirming.
    pub fn effect(self, enabled: bool) -> &'static str {
        match (self, enabled) {
            (Self::FinanceMinimalEnabled, true) => {
                "Cashiers and pit bosses can record deposits and withdrawals, and each counts toward the MTL and CTR \
                 thresholds."
            }
            (Self::FinanceMinimalEnabled, false) => {
                "Nobody can record deposits or withdrawals; those already recorded, and their MTL entries, stay."
            }
            (Self::DealerRotationLogReadonly, true) => {
                "Dealer rotations stay on screen, but nobody can assign a dealer to a table."
            }
            (Self::DealerRotationLogReadonly, false) => "Pit bosses and admins can assign dealers to tables again.",
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
