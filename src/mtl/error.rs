//! Errors of the MTL reads.

crate::error::service_error! {
    /// Why an MTL read was refused.
    pub enum Error {
        /// The acting role may not read the MTL (cashiers, dealers).
        #[error("role may not read the MTL")]
        Forbidden => Forbidden,
    }
}
