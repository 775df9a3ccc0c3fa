//! Errors of the rating slip service.

use super::model::{SlipCommand, SlipStatus};
use crate::error::{ErrorCode, FieldError};
use crate::money::Cents;
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
        /// A negative average bet, or one above any table's.
        #[error("invalid average bet")]
        InvalidAverageBet => RatingSlipInvalidAverageBet,
        /// The slip's gaming day has ended; the rollover closes it and continues it on the new day.
        #[error("gaming day ended; rollover pending")]
        RolloverPending => GamingDayRolloverPending,
        /// A bet the table does not take.
        #[error("average bet outside the table's limits {min} to {max}")]
        BetOutsideLimits {
            /// The table's minimum.
            min: Cents,
            /// The table's maximum.
            max: Cents,
        } => RatingSlipBetOutsideLimits,
    }
    fields(error) {
        match error {
            Error::InvalidAverageBet => vec![FieldError::new("average_bet", ErrorCode::RatingSlipInvalidAverageBet)],
            Error::BetOutsideLimits { .. } => vec![
                FieldError::new("average_bet", ErrorCode::RatingSlipBetOutsideLimits).with_message(error.detail().unwrap_or_default())
            ],
            _ => Vec::new(),
        }
    }
    detail(error) {
        match error {
            Error::BetOutsideLimits { min, max } => {
                Some(format!("This table takes bets from {} to {}. Enter an average bet within them.", min.short(), max.short()))
            }
            _ => None,
        }
    }
}
