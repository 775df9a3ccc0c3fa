//! Errors of the feature flags.

crate::error::service_error! {
    /// Why a flag change was refused.
    pub enum Error {
        /// Only admins switch flags.
        #[error("role may not change feature flags")]
        Forbidden => Forbidden,
    }
}
