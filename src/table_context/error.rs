//! Errors of the table context.

use super::model::{TableCommand, TableStatus};
use crate::error::FieldError;

crate::error::service_error! {
    /// Why a table or game operation was refused.
    pub enum Error {
        /// The acting role may not run tables or set games.
        #[error("role may not perform this table operation")]
        Forbidden => Forbidden,
        /// No such table in the actor's casino.
        #[error("table not found")]
        TableNotFound => NotFound,
        /// The command does not apply to a table in this state.
        #[error("cannot {command:?} a table that is {status:?}")]
        InvalidState {
            /// Where the table is.
            status: TableStatus,
            /// What was asked.
            command: TableCommand,
        } => TableInvalidState,
        /// Retiring an open table, or changing its seats while it is open.
        #[error("table is open")]
        IsOpen => TableIsOpen,
        /// Dealers go only to an active table.
        #[error("table is {0:?}, not active")]
        NotActive(TableStatus) => TableNotActive,
        /// Not an active dealer of this casino, or just assigned elsewhere.
        #[error("dealer not available")]
        DealerNotAvailable => DealerNotAvailable,
        /// `dealer_rotation_log_readonly` is on.
        #[error("dealer rotation is read-only")]
        RotationReadOnly => DealerRotationReadonly,
        /// The game settings form has invalid fields.
        #[error("invalid game settings: {0:?}")]
        InvalidGameSettings(Vec<FieldError>) => ValidationFailed,
        /// The new table has invalid fields, or its label is taken.
        #[error("invalid table: {0:?}")]
        InvalidTable(Vec<FieldError>) => ValidationFailed,
        /// The casino has no settings for this game, or retired it.
        #[error("game not configured")]
        GameNotFound => NotFound,
        /// Tables on the floor deal the game being retired.
        #[error("game in use")]
        GameInUse => GameInUse,
    }
    fields(error) {
        match error {
            Error::InvalidGameSettings(fields) | Error::InvalidTable(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
