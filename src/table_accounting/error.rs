//! Errors of table games accounting.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a count, a fill or credit, a confirmation or a drop was refused.
    pub enum Error {
        /// The acting role may not do this.
        #[error("role may not do this")]
        Forbidden => Forbidden,
        /// No such table, request or drop entry in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// Chips with unknown denominations or impossible counts, one field error per chip.
        #[error("invalid chips: {0:?}")]
        InvalidChips(Vec<FieldError>) => ValidationFailed,
        /// A fill or credit of no chips.
        #[error("no chips")]
        NoChips => CountEmpty,
        /// The witness is not an active dealer here.
        #[error("witness is not an active dealer")]
        InvalidWitness => CountInvalidWitness,
        /// An opening count of an open table, or a shift-change or closing count of one that is not open.
        #[error("count kind does not fit the table's state")]
        KindNotAllowed => CountKindNotAllowed,
        /// Fills and credits go to an open table only.
        #[error("table not open")]
        TableNotActive => TableNotActive,
        /// The request was confirmed or cancelled already.
        #[error("request resolved already")]
        Resolved => CageRequestResolved,
        /// The table's tray has not been counted for opening.
        #[error("opening count required")]
        OpeningCountRequired => TableOpeningCountRequired,
        /// The table's tray has not been counted for closing since its last fill or credit.
        #[error("closing count required")]
        ClosingCountRequired => TableClosingCountRequired,
        /// Fills or credits of the table still await the cage.
        #[error("cage requests pending")]
        RequestsPending => TableCageRequestsPending,
        /// The requester tried to confirm their own request.
        #[error("requester may not confirm")]
        SelfConfirm => CageSelfConfirm,
        /// The drop's gaming day is still being played at that table.
        #[error("gaming day not ended at the table")]
        DayNotEnded => DropDayNotEnded,
        /// A drop amount out of range, per field.
        #[error("invalid drop amount: {0:?}")]
        InvalidAmount(Vec<FieldError>) => ValidationFailed,
        /// A drop correction without a reason of 1 to 200 characters.
        #[error("invalid reason")]
        InvalidReason => DropInvalidReason,
        /// A reversal, or an entry reversed already.
        #[error("not reversible")]
        NotReversible => DropNotReversible,
        /// A shift's drop naming a count that ended no shift of its table and gaming day.
        #[error("unknown shift")]
        UnknownShift => DropUnknownShift,
    }
    fields(error) {
        match error {
            Error::InvalidChips(fields) | Error::InvalidAmount(fields) => fields.clone(),
            Error::NoChips => vec![FieldError::new("chips", error.code())],
            Error::InvalidWitness => vec![FieldError::new("witness_id", error.code())],
            Error::DayNotEnded => vec![FieldError::new("gaming_day", error.code())],
            Error::InvalidReason => vec![FieldError::new("reason", error.code())],
            Error::UnknownShift => vec![FieldError::new("shift_end_id", error.code())],
            _ => Vec::new(),
        }
    }
}
