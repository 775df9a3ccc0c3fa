//! Errors of the visit service.

use crate::table_context::TableStatus;

crate::error::service_error! {
    /// Why a visit operation was refused.
    pub enum Error {
        /// The acting role may not check players in or seat them.
        #[error("role may not manage visits")]
        Forbidden => Forbidden,
        /// No such visit in the actor's casino.
        #[error("visit not found")]
        NotFound => NotFound,
        /// The player is not enrolled at this casino.
        #[error("player not enrolled here")]
        PlayerNotEnrolled => PlayerNotEnrolled,
        /// The player already has an active visit here.
        #[error("visit already active")]
        AlreadyActive => VisitAlreadyActive,
        /// The visit has ended.
        #[error("visit not active")]
        NotActive => VisitNotActive,
        /// Players sit only at an active table.
        #[error("table is {0:?}")]
        TableNotActive(TableStatus) => TableNotActive,
        /// No such table in the actor's casino.
        #[error("table not found")]
        TableNotFound => NotFound,
        /// The seat number is outside 1..seats.
        #[error("seat {seat} outside 1..={seats}")]
        SeatOutOfRange {
            /// The seat asked for.
            seat: i16,
            /// Seats at the table.
            seats: i16,
        } => SeatOutOfRange,
        /// Someone already sits there.
        #[error("seat occupied")]
        SeatOccupied => SeatOccupied,
        /// The player's rating slip is still open or paused: close it before moving or checking them out.
        #[error("visit has an active rating slip")]
        HasActiveSlip => VisitHasActiveSlip,
        /// The visit's gaming day has ended; the rollover ends it and checks the player in on the new day.
        #[error("gaming day ended; rollover pending")]
        RolloverPending => GamingDayRolloverPending,
        /// The player is barred or self-excluded here: no check-in, no seat.
        #[error("player excluded")]
        PlayerExcluded => PlayerExcluded,
    }
}
