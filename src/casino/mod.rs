//! CasinoService: the casino, its settings, its staff and its gaming day.
//!
//! Settings change only by an admin, validated field by field; the time zone must be one PostgreSQL knows,
//! because the database's `compute_gaming_day` is the one authority on gaming days. Creating casinos and
//! adding staff are platform operations (demo seed, `pitboss staff add`) run under `db::as_casino_admin`; an
//! admin also adds, edits, deactivates and resets staff from the browser (`staff_admin`).

pub mod compliance;
mod error;
mod model;
pub mod rules;
pub mod staff_rules;

#[cfg(feature = "db")]
mod compliance_repo;
#[cfg(feature = "db")]
mod compliance_service;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;
#[cfg(feature = "db")]
mod staff_admin;
#[cfg(feature = "db")]
mod staff_repo;

pub use compliance::ComplianceSettings;
#[cfg(feature = "db")]
pub use compliance_service::{compliance_settings, update_compliance_settings};
pub use error::Error;
pub use model::{
    Casino, CasinoId, CasinoSettings, DEFAULT_LATE_ACTION_MINUTES, GamingDay, NewLogin, NewStaff, SettingsInput,
    StaffId, StaffInput, StaffMember, StaffRole, StaffStatus, StaffUpdate, ValidSettings,
};
#[cfg(feature = "db")]
pub use service::{
    add_staff, authenticated_staff, casino, casino_by_name, chip_set, compute_gaming_day, create_casino, day_so_far,
    hour_labels, settings, staff_member, staff_of_casino, system_staff, today, update_chip_set, update_settings,
};
#[cfg(feature = "db")]
pub use staff_admin::{
    add_staff_member, break_glass_deactivate, break_glass_reset_password, break_glass_reset_second_factor,
    checked_login, deactivate, lift_lock, reactivate, reset_password, reset_second_factor, staff_by_email,
    temporary_login, update_staff,
};
