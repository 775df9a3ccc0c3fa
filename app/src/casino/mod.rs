//! Casino pages: the shift overview, the staff roster and the admin's settings form.

mod api;
mod chip_set;
mod compliance_form;
mod home;
mod settings;
mod staff;
mod staff_add;
mod staff_api;
mod staff_row;

pub use api::{
    CasinoSettingsFn, ComplianceSettingsFn, StaffOfCasino, UpdateChipSet, UpdateComplianceSettings, UpdateSettings,
    casino_settings, chip_set, compliance_settings, staff_of_casino, update_chip_set, update_compliance_settings,
    update_settings,
};
pub use home::HomePage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
pub use staff_api::{
    AddStaff, DeactivateStaff, LiftStaffLock, ReactivateStaff, ResetStaffPassword, ResetStaffSecondFactor, UpdateStaff,
    add_staff, deactivate_staff, lift_staff_lock, reactivate_staff, reset_staff_password, reset_staff_second_factor,
    update_staff,
};
