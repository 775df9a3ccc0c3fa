//! Errors of the rating slip service.

use super::model::{SlipCommand, SlipStatus};
use crate::table_context::TableStatus;

crate::error::service_error! {
    /// Why a rating slip operation was refused.
    pub enum Error {
        /// The acting role may not rate play.
        #[error("role may not rate play")]
        Forbidden => Forbidden,
        /// No such slip (or visit, or table) in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// The command does not apply to a slip in this state.
        #[error("cannot {command:?} a {status:?} slip")]
        InvalidState {
            /// Where the slip is.
            status: SlipStatus,
            /// What was asked.
            command: SlipCommand,
        } => RatingSlipInvalidState,
        /// The visit is not seated at this table (or has ended).
        #[error("visit not seated at the table")]
        NotSeated => RatingSlipNotSeated,
        /// Rating happens only at an active table.
        #[error("table is {0:?}")]
        TableNotActive(TableStatus) => TableNotActive,
        /// The player already has an open or paused slip at this table.
        #[error("player already rated at this table")]
        AlreadyActive => RatingSlipAlreadyActive,
        /// Another slip is open or paused at the seat.
        #[error("seat already rated")]
        SeatTaken => SeatOccupied,
        /// A negative average bet.
        #[error("invalid average bet")]
        InvalidAverageBet => RatingSlipInvalidAverageBet,
    }
}
