//! Players as staff see them; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;

define_id!(
    /// A player (a person, shared across properties).
    PlayerId
);

/// A player in a list or search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerSummary {
    /// Their id.
    pub id: PlayerId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date, if recorded.
    pub birth_date: Option<NaiveDate>,
}

impl PlayerSummary {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A player's record at this casino.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerDetail {
    /// Who they are.
    pub player: PlayerSummary,
    /// When they enrolled here.
    pub enrolled_at: DateTime<Utc>,
    /// Who enrolled them, if a staff member did.
    pub enrolled_by: Option<String>,
    /// Their loyalty balance here, in points.
    pub loyalty_points: i64,
}

/// A new player as typed on the enrollment form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollInput {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date, optional.
    pub birth_date: Option<NaiveDate>,
}
