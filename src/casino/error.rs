//! Errors of the casino service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a casino operation was refused.
    pub enum Error {
        /// The acting role may not do this.
        #[error("role may not perform this casino operation")]
        Forbidden => Forbidden,
        /// No such casino or staff member in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// The settings form has invalid fields.
        #[error("invalid casino settings: {0:?}")]
        InvalidSettings(Vec<FieldError>) => ValidationFailed,
        /// The new staff member has invalid fields.
        #[error("invalid staff member: {0:?}")]
        InvalidStaff(Vec<FieldError>) => ValidationFailed,
        /// A chip set that is empty, too long, out of range or not strictly ascending.
        #[error("invalid chip set")]
        InvalidChipSet => ChipSetInvalid,
        /// An admin deactivating or demoting themselves.
        #[error("an admin may not deactivate or demote themselves")]
        SelfChange => StaffSelfChange,
        /// Demoting or deactivating the casino's last active admin.
        #[error("the casino's last active admin")]
        LastAdmin => StaffLastAdmin,
        /// A login for a dealer by a role change or a password reset, or a dealer's role for someone with one.
        #[error("dealers have no login")]
        NoLogin => StaffDealerHasNoLogin,
        /// Lifting a sign-in lock that is not there (it may have run out).
        #[error("not locked")]
        NotLocked => StaffNotLocked,
        /// Resetting the second factor of someone who has none.
        #[error("no second factor")]
        NoSecondFactor => StaffNoSecondFactor,
        /// An admin resetting their own second factor.
        #[error("an admin may not reset their own second factor")]
        OwnSecondFactor => StaffOwnSecondFactor,
        /// Password hashing could not run.
        #[error("password hashing failed: {0}")]
        Hashing(String) => Internal,
    }
    fields(error) {
        match error {
            Error::InvalidSettings(fields) | Error::InvalidStaff(fields) => fields.clone(),
            Error::InvalidChipSet => vec![FieldError::new("denominations", error.code())],
            Error::NoLogin => vec![FieldError::new("role", error.code())],
            _ => Vec::new(),
        }
    }
}
