//! Errors of the MTL reads.

crate::error::service_error! {
    /// Why an MTL read was refused.
    pub enum Error {
        /// The acting role may not read the MTL (cashiers, dealers), or a patron's cash today (dealers).
        #[error("role may not read the MTL")]
        Forbidden => Forbidden,
        /// No such MTL row, or patron enrolled, in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// A note's text is empty, too long or has control characters.
        #[error("invalid note: {0:?}")]
        InvalidNote(Vec<crate::error::FieldError>) => ValidationFailed,
        /// A page of the MTL asked for a day not begun, a size out of range or a position no page gave.
        #[error("invalid page: {0:?}")]
        InvalidPage(Vec<crate::error::FieldError>) => ValidationFailed,
        /// Marking filed a CTR nobody's cash that day called for.
        #[error("no CTR due")]
        NotDue => CtrNotDue,
        /// Marking filed a worksheet that lacks these fields.
        #[error("worksheet incomplete: {0:?}")]
        Incomplete(Vec<String>) => CtrIncomplete,
        /// The CTR was marked filed already.
        #[error("already filed")]
        AlreadyFiled => CtrAlreadyFiled,
        /// A filing date or BSA identifier that cannot be right.
        #[error("invalid filing: {0:?}")]
        InvalidFiling(Vec<crate::error::FieldError>) => ValidationFailed,
    }
    fields(error) {
        match error {
            Error::InvalidNote(fields) | Error::InvalidPage(fields) | Error::InvalidFiling(fields) => fields.clone(),
            Error::Incomplete(missing) => {
                missing.iter().map(|field| crate::error::FieldError::new(field.clone(), error.code())).collect()
            }
            _ => Vec::new(),
        }
    }
}
