//! Errors of the rating slip service.

use chrono::{DateTime, Utc};

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
        /// A queued action's tap instant is ahead of the server's clock by more than the skew allowed.
        #[error("tapped in the future")]
        TappedInFuture => ActionTappedInFuture,
        /// A queued action was tapped longer ago than the casino's `late_action_minutes`.
        #[error("tapped more than {window_minutes} minutes ago")]
        TappedTooLongAgo {
            /// The casino's window, minutes.
            window_minutes: i32,
        } => ActionTappedTooLongAgo,
        /// A queued action was tapped before the slip's last change.
        #[error("tapped before the slip's last change at {last_change}")]
        TappedBeforeLastChange {
            /// When the slip last changed.
            last_change: DateTime<Utc>,
        } => ActionTappedBeforeLastChange,
    }
    fields(error) {
        match error {
            Error::InvalidAverageBet => vec![FieldError::new("average_bet", ErrorCode::RatingSlipInvalidAverageBet)],
            Error::BetOutsideLimits { .. } => vec![
                FieldError::new("average_bet", ErrorCode::RatingSlipBetOutsideLimits).with_message(error.detail().unwrap_or_default())
            ],
            Error::TappedInFuture => vec![FieldError::new("occurred_at", ErrorCode::ActionTappedInFuture)],
            Error::TappedTooLongAgo { .. } => vec![
                FieldError::new("occurred_at", ErrorCode::ActionTappedTooLongAgo).with_message(error.detail().unwrap_or_default())
            ],
            Error::TappedBeforeLastChange { .. } => {
                vec![FieldError::new("occurred_at", ErrorCode::ActionTappedBeforeLastChange)]
            }
            _ => Vec::new(),
        }
    }
    detail(error) {
        match error {
            Error::BetOutsideLimits { min, max } => {
                Some(format!("This table takes bets from {} to {}. Enter an average bet within them.", min.short(), max.short()))
            }
            Error::TappedTooLongAgo { window_minutes } => Some(format!(
                "This action was made more than {window_minutes} minutes ago, too long to be recorded at its time. Check the slip and record what is true now."
            )),
            _ => None,
        }
    }
}
