//! Casino pages: the shift overview, the staff roster and the admin's settings form.

mod api;
mod home;
mod settings;
mod staff;

pub use api::{CasinoSettingsFn, StaffOfCasino, UpdateSettings, casino_settings, staff_of_casino, update_settings};
pub use home::HomePage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
