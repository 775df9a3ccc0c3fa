//! Tables, games and dealer rotations as the pit sees them; shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::casino::StaffId;
use crate::define_id;
use crate::money::Cents;

define_id!(
    /// A gaming table of one casino.
    TableId
);
define_id!(
    /// One stint of one dealer at one table.
    RotationId
);

/// A game of one casino by its key, e.g. `blackjack` or `mini_baccarat`.
///
/// The key is made from the game's name when an admin adds it and never changes, so API calls, audit rows and
/// the settings frozen on rating slips keep naming it. People read the game's name ([`GameSettings::name`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(transparent))]
pub struct GameKey(String);

impl TryFrom<String> for GameKey {
    type Error = &'static str;

    /// A key as the database holds them: a lower-case letter, then up to 39 lower-case letters, digits and
    /// underscores. Anything else names no game and is refused before it reaches a query.
    fn try_from(key: String) -> Result<Self, Self::Error> {
        let mut chars = key.chars();
        let first = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if first && rest && key.len() <= Self::MAX_LEN {
            Ok(Self(key))
        } else {
            Err("a game key: lower-case letters, digits and underscores, starting with a letter")
        }
    }
}

impl From<GameKey> for String {
    fn from(key: GameKey) -> Self {
        key.0
    }
}

impl GameKey {
    /// The longest key the database accepts.
    pub const MAX_LEN: usize = 40;

    /// A key known to be one (the four games every casino starts with, an option the server listed); a key
    /// from outside goes through `TryFrom`, which checks it.
    pub fn new(key: &str) -> Self {
        Self(key.to_owned())
    }

    /// The key of a new game named `name`: its ASCII letters and digits in lower case, every other run of
    /// characters one underscore ("Ultimate Texas Hold'em" → `ultimate_texas_hold_em`, "3 Card Poker" →
    /// `game_3_card_poker`); `None` when the name has no ASCII letter or digit.
    pub fn from_name(name: &str) -> Option<Self> {
        let mut key = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            } else if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
        }
        if key.starts_with(|c: char| c.is_ascii_digit()) {
            key.insert_str(0, "game_");
        }
        // Only ASCII is left, so any length is a character boundary.
        key.truncate(Self::MAX_LEN);
        let key = key.trim_end_matches('_');
        (!key.is_empty()).then(|| Self(key.to_owned()))
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for GameKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a table is in its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "table_status", rename_all = "snake_case"))]
pub enum TableStatus {
    /// Not opened yet (a new table, or one not used today).
    Inactive,
    /// Open for play.
    Active,
    /// Closed after play.
    Closed,
}

impl TableStatus {
    /// The canonical label shown on badges.
    pub fn label(self) -> &'static str {
        match self {
            Self::Inactive => "Inactive",
            Self::Active => "Active",
            Self::Closed => "Closed",
        }
    }
}

/// What the pit can do to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TableCommand {
    /// Open for play.
    Open,
    /// Close after play.
    Close,
    /// Put a (new) dealer on it.
    AssignDealer,
}

/// A table as the dashboard card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCard {
    /// Its id.
    pub id: TableId,
    /// Its label, e.g. `BJ-01`, unique in the casino.
    pub label: String,
    /// The pit it stands in, e.g. `Main`.
    pub pit: String,
    /// Its game.
    pub game: GameKey,
    /// Its game's name, e.g. `Mini-Baccarat`.
    #[serde(default)]
    pub game_name: String,
    /// Its status.
    pub status: TableStatus,
    /// Table minimum.
    pub min_bet: Cents,
    /// Table maximum.
    pub max_bet: Cents,
    /// Seats at the table (its own count, or its game's).
    pub seats: i16,
    /// The dealer dealing now, if any.
    pub dealer: Option<DealerOnTable>,
    /// When an admin took it off the floor; a retired table appears only in history.
    #[serde(default)]
    pub retired_at: Option<DateTime<Utc>>,
}

/// The dealer currently at a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealerOnTable {
    /// The dealer.
    pub dealer_id: StaffId,
    /// "First Last".
    pub name: String,
    /// Since when.
    pub since: DateTime<Utc>,
}

/// One entry of a table's rotation history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    /// Its id.
    pub id: RotationId,
    /// The dealer.
    pub dealer_id: StaffId,
    /// "First Last".
    pub dealer_name: String,
    /// When they took the table.
    pub started_at: DateTime<Utc>,
    /// When they left it; `None` while still dealing.
    pub ended_at: Option<DateTime<Utc>>,
}

/// A dealer the pit may put on a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealerOption {
    /// The dealer.
    pub id: StaffId,
    /// "First Last".
    pub name: String,
    /// The table they deal now, if any.
    pub at_table: Option<String>,
}

/// Everything the table detail panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableDetail {
    /// The card.
    pub table: TableCard,
    /// Rotation history, newest first.
    pub rotations: Vec<Rotation>,
    /// Active dealers of the casino.
    pub dealers: Vec<DealerOption>,
    /// Whether dealer assignment is switched off (`dealer_rotation_log_readonly`).
    pub rotation_readonly: bool,
}

/// A game's rating parameters and default limits for one casino.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameSettings {
    /// The game.
    pub game: GameKey,
    /// Its name as people read it, unique in the casino, e.g. `Three Card Poker`.
    pub name: String,
    /// Default table minimum.
    pub min_bet: Cents,
    /// Default table maximum.
    pub max_bet: Cents,
    /// Seats per table.
    pub seats: i16,
    /// House edge in basis points (hundredths of a percent): 150 = 1.50%.
    pub house_edge_bps: i32,
    /// Decisions (hands, spins, rolls) per hour.
    pub decisions_per_hour: i32,
    /// Loyalty points per dollar of theoretical win.
    pub points_per_theo_dollar: i32,
    /// Point multiplier in hundredths: 100 = 1×, 150 = 1.5×.
    pub point_multiplier_pct: i32,
    /// Bumped by every change, so a rating slip can name the parameters it froze.
    pub policy_version: i32,
    /// When an admin retired it: it takes no new table and its settings stay as they were.
    #[serde(default)]
    pub retired_at: Option<DateTime<Utc>>,
}

/// A game variant an admin adds: its name and rating parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGame {
    /// 1 to 40 characters with a letter, unique in the casino; the game's key is made from it.
    pub name: String,
    /// Its default limits, seats, house edge, pace and points.
    pub settings: GameSettingsInput,
}

/// A table to add to the floor. It starts inactive, with its game's seats unless it has its own number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTable {
    /// Shown on the pit dashboard, unique in the casino, e.g. `BJ-01`.
    pub label: String,
    /// The pit it stands in, e.g. `Main`.
    pub pit: String,
    /// Its game; one the casino has and has not retired.
    pub game: GameKey,
    /// Table minimum, cents.
    pub min_bet_cents: i64,
    /// Table maximum, cents.
    pub max_bet_cents: i64,
    /// Seats, when not its game's number.
    #[serde(default)]
    pub seats: Option<i16>,
}

/// What an admin changes of a table: its pit, limits and seats (its label and game stay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableChange {
    /// The pit it stands in.
    pub pit: String,
    /// Table minimum, cents.
    pub min_bet_cents: i64,
    /// Table maximum, cents.
    pub max_bet_cents: i64,
    /// Seats, when not its game's number; changed only while the table is not open.
    #[serde(default)]
    pub seats: Option<i16>,
}

/// New rating parameters for one game, as sent by the admin form (money in cents, edge in basis points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameSettingsInput {
    /// Default table minimum, cents.
    pub min_bet_cents: i64,
    /// Default table maximum, cents.
    pub max_bet_cents: i64,
    /// Seats per table.
    pub seats: i16,
    /// House edge, basis points.
    pub house_edge_bps: i32,
    /// Decisions per hour.
    pub decisions_per_hour: i32,
    /// Points per theo dollar.
    pub points_per_theo_dollar: i32,
    /// Multiplier, hundredths.
    pub point_multiplier_pct: i32,
}
