//! Casino pages: the shift overview, the staff roster and the admin's settings form.

mod api;
mod chip_set;
mod home;
mod settings;
mod staff;

pub use api::{
    CasinoSettingsFn, StaffOfCasino, UpdateChipSet, UpdateSettings, casino_settings, chip_set, staff_of_casino,
    update_chip_set, update_settings,
};
pub use home::HomePage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
