//! CasinoService: the casino, its settings, its staff and its gaming day.
//!
//! Settings change only by an admin, validated field by field; the time zone must be one PostgreSQL knows,
//! because the database's `compute_gaming_day` is the one authority on gaming days. Creating casinos and
//! adding staff are platform operations (demo seed, `pitboss staff add`) run under `db::as_casino_admin`.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{
    Casino, CasinoId, CasinoSettings, DEFAULT_LATE_ACTION_MINUTES, GamingDay, NewLogin, NewStaff, SettingsInput,
    StaffId, StaffMember, StaffRole, StaffStatus, ValidSettings,
};
#[cfg(feature = "db")]
pub use service::{
    add_staff, authenticated_staff, casino, casino_by_name, chip_set, compute_gaming_day, create_casino, day_so_far,
    hour_labels, settings, staff_of_casino, system_staff, today, update_chip_set, update_settings,
};
