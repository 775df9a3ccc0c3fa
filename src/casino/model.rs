//! Casino, staff and settings types, shared by the server and the browser.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::money::Cents;

define_id!(
    /// A casino: one property, and the tenant every row belongs to.
    CasinoId
);
define_id!(
    /// A staff member of one casino.
    StaffId
);

/// What a staff member does on the floor, which decides what they may do in pitboss (`docs/architecture.md#roles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "staff_role", rename_all = "snake_case"))]
pub enum StaffRole {
    /// Deals a table; has no login.
    Dealer,
    /// Runs the pit: tables, players, slips, rewards.
    PitBoss,
    /// Records deposits and withdrawals.
    Cashier,
    /// Reads the MTL log and threshold proximity.
    Compliance,
    /// Manages casino settings, staff and feature flags.
    Admin,
}

impl StaffRole {
    /// Every role, in the order the staff list shows them.
    pub const ALL: [StaffRole; 5] = [Self::Admin, Self::PitBoss, Self::Cashier, Self::Compliance, Self::Dealer];

    /// The role's name as stored and as sent in the transaction context (`app.staff_role`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dealer => "dealer",
            Self::PitBoss => "pit_boss",
            Self::Cashier => "cashier",
            Self::Compliance => "compliance",
            Self::Admin => "admin",
        }
    }

    /// The role as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Dealer => "Dealer",
            Self::PitBoss => "Pit boss",
            Self::Cashier => "Cashier",
            Self::Compliance => "Compliance",
            Self::Admin => "Admin",
        }
    }

    /// Reads a stored role name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// Whether staff in this role may sign in at all (dealers may not).
    pub fn can_log_in(self) -> bool {
        self != Self::Dealer
    }

    /// Whether staff in this role set up a second factor: those who administer the casino or see its
    /// compliance data.
    pub fn uses_second_factor(self) -> bool {
        matches!(self, Self::Admin | Self::Compliance)
    }
}

/// Whether a staff member currently works here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "staff_status", rename_all = "snake_case"))]
pub enum StaffStatus {
    /// Works here and, unless a dealer, may sign in.
    Active,
    /// No longer works here; may not sign in.
    Inactive,
}

/// A casino as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Casino {
    /// Its id.
    pub id: CasinoId,
    /// Its name, e.g. "Demo Casino".
    pub name: String,
}

/// A staff member, without credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// Their id.
    pub id: StaffId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Their role.
    pub role: StaffRole,
    /// Whether they still work here.
    pub status: StaffStatus,
    /// Their sign-in email; `None` for staff without a login (dealers), and for readers who may not see it.
    pub email: Option<String>,
    /// Whether they must choose a new password at their next sign-in (an admin set a temporary one).
    #[serde(default)]
    pub must_change_password: bool,
    /// Until when too many failed sign-ins lock them out; shown to admins only.
    #[serde(default)]
    pub locked_until: Option<DateTime<Utc>>,
    /// Whether they sign in with a second factor (an authenticator code); shown to admins only.
    #[serde(default)]
    pub second_factor: bool,
}

impl StaffMember {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A casino's operating settings: the gaming day rule, compliance thresholds, reward cap, and how late a tablet
/// may send an action it queued offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasinoSettings {
    /// Local wall-clock time at which a new gaming day begins.
    pub gaming_day_start: NaiveTime,
    /// IANA time zone of the casino, e.g. `America/Los_Angeles`.
    pub timezone: String,
    /// Cash total per gaming day and direction at which a patron goes on the MTL watchlist.
    pub watchlist_floor: Cents,
    /// Cash total per gaming day and direction above which a CTR is required.
    pub ctr_threshold: Cents,
    /// Most loyalty points one mid-session reward may issue.
    pub reward_cap_points: i32,
    /// How long after its tap an action queued offline may still be recorded at its tap, minutes.
    pub late_action_minutes: i32,
    /// When they last changed.
    pub updated_at: DateTime<Utc>,
}

/// New settings as typed on the admin form, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsInput {
    /// `HH:MM`, 24-hour.
    pub gaming_day_start: String,
    /// An IANA zone name.
    pub timezone: String,
    /// Watchlist floor in cents.
    pub watchlist_floor_cents: i64,
    /// CTR threshold in cents.
    pub ctr_threshold_cents: i64,
    /// Reward cap per issuance, in points.
    pub reward_cap_points: i32,
    /// How late a queued action may arrive, minutes (1 to 720); 30 when a caller leaves it out.
    #[serde(default = "default_late_action_minutes")]
    pub late_action_minutes: i32,
}

/// The window a casino starts with: long enough for a Wi-Fi dead spot, short enough that a forgotten tablet
/// cannot rewrite the last hour.
pub const DEFAULT_LATE_ACTION_MINUTES: i32 = 30;

fn default_late_action_minutes() -> i32 {
    DEFAULT_LATE_ACTION_MINUTES
}

/// Settings that passed every rule except the time zone check, which needs the database's zone list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSettings {
    /// Parsed start time.
    pub gaming_day_start: NaiveTime,
    /// Trimmed zone name, not yet checked against the zone list.
    pub timezone: String,
    /// Watchlist floor.
    pub watchlist_floor: Cents,
    /// CTR threshold.
    pub ctr_threshold: Cents,
    /// Reward cap.
    pub reward_cap_points: i32,
    /// Late-action window, minutes.
    pub late_action_minutes: i32,
}

/// A staff member to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Their role.
    pub role: StaffRole,
    /// Their login; dealers have none.
    pub login: Option<NewLogin>,
}

/// A login for a new staff member; the password is hashed before any transaction opens.
#[derive(Clone, PartialEq, Eq)]
pub struct NewLogin {
    /// Email in stored form (see `auth::normalize_email`).
    pub email: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Whether the password is a temporary one its owner must replace at their next sign-in.
    pub must_change_password: bool,
}

impl std::fmt::Debug for NewLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewLogin").field("email", &self.email).finish_non_exhaustive()
    }
}

/// A staff member an admin adds from the browser.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInput {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Their role.
    pub role: StaffRole,
    /// Their sign-in email; none for a dealer.
    #[serde(default)]
    pub email: Option<String>,
    /// The password they sign in with once, then replace; none for a dealer.
    #[serde(default)]
    pub temporary_password: Option<String>,
}

impl std::fmt::Debug for StaffInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffInput")
            .field("first_name", &self.first_name)
            .field("last_name", &self.last_name)
            .field("role", &self.role)
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// A staff member's names and role, as an admin edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUpdate {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Their role.
    pub role: StaffRole,
}

/// The gaming day a moment belongs to, as computed by the database's `compute_gaming_day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GamingDay(pub NaiveDate);

impl std::fmt::Display for GamingDay {
    /// Renders as e.g. `Sat 28 Nov 2026`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%a %-d %b %Y"))
    }
}
