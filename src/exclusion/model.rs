//! Exclusions as staff see them; shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::player::PlayerId;

define_id!(
    /// One flag on one player at one casino.
    ExclusionId
);

/// What a flag means on the floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "exclusion_kind", rename_all = "snake_case"))]
pub enum ExclusionKind {
    /// Banned by the casino: no check-in, seat or reward.
    Barred,
    /// Excluded at the player's own request: no check-in, seat or reward.
    SelfExcluded,
    /// Play is allowed; staff keep an eye on them.
    Watch,
}

impl ExclusionKind {
    /// Every kind, in the order the form offers them.
    pub const ALL: [ExclusionKind; 3] = [Self::Watch, Self::Barred, Self::SelfExcluded];

    /// As shown on badges and in lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Barred => "Barred",
            Self::SelfExcluded => "Self-excluded",
            Self::Watch => "Watch",
        }
    }

    /// As sent on the wire.
    pub fn key(self) -> &'static str {
        match self {
            Self::Barred => "barred",
            Self::SelfExcluded => "self_excluded",
            Self::Watch => "watch",
        }
    }

    /// Whether the flag keeps the player from play (check-in, seats, rewards), not only shows a badge.
    pub fn blocks_play(self) -> bool {
        !matches!(self, Self::Watch)
    }
}

/// A flag, in force or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// Its id.
    pub id: ExclusionId,
    /// The player flagged.
    pub player_id: PlayerId,
    /// What it means.
    pub kind: ExclusionKind,
    /// Why.
    pub reason: String,
    /// In force from.
    pub starts_at: DateTime<Utc>,
    /// In force until; `None` for no end.
    pub ends_at: Option<DateTime<Utc>>,
    /// Who set it.
    pub set_by: Option<String>,
    /// When it was lifted, if it was.
    pub lifted_at: Option<DateTime<Utc>>,
    /// Who lifted it.
    pub lifted_by: Option<String>,
    /// Why it was lifted.
    pub lift_reason: Option<String>,
}

impl Exclusion {
    /// Whether it applies at `now`: started, not ended, not lifted.
    pub fn in_force(&self, now: DateTime<Utc>) -> bool {
        self.lifted_at.is_none() && self.starts_at <= now && self.ends_at.is_none_or(|end| end > now)
    }
}

/// A new flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionInput {
    /// The player to flag.
    pub player_id: PlayerId,
    /// What it means.
    pub kind: ExclusionKind,
    /// Why: 1 to 200 characters.
    pub reason: String,
    /// Until when, if not for good: in the future.
    pub until: Option<DateTime<Utc>>,
}
