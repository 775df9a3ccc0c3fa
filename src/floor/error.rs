//! Errors of the floor workflows: those of the services they combine, and their own.

use crate::error::{DomainError, ErrorCode};
use crate::{casino, exclusion, mtl, player, rating_slip, table_accounting, table_context, visit};

/// Why a workflow was refused; nothing it did is kept.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A table rule refused.
    #[error(transparent)]
    Table(#[from] table_context::Error),
    /// A player rule refused.
    #[error(transparent)]
    Player(#[from] player::Error),
    /// A visit rule refused.
    #[error(transparent)]
    Visit(#[from] visit::Error),
    /// A rating rule refused.
    #[error(transparent)]
    Slip(#[from] rating_slip::Error),
    /// Reading flags failed.
    #[error(transparent)]
    Exclusion(#[from] exclusion::Error),
    /// The casino's system staff member could not be had (the rollover acts as it).
    #[error(transparent)]
    Casino(#[from] casino::Error),
    /// Reading the patrons near the cash thresholds failed.
    #[error(transparent)]
    Mtl(#[from] mtl::Error),
    /// The tray was not counted for opening or closing.
    #[error(transparent)]
    Accounting(#[from] table_accounting::Error),
    /// Slips are open or paused at the table and no reason was given to force the close.
    #[error("table has active rating slips")]
    TableHasOpenSlips,
    /// A forced close needs a reason of 1 to 200 characters.
    #[error("invalid close reason")]
    InvalidCloseReason,
    /// Infrastructure failure.
    #[cfg(feature = "db")]
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl DomainError for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Table(e) => e.code(),
            Self::Player(e) => e.code(),
            Self::Visit(e) => e.code(),
            Self::Slip(e) => e.code(),
            Self::Exclusion(e) => e.code(),
            Self::Casino(e) => e.code(),
            Self::Accounting(e) => e.code(),
            Self::Mtl(e) => e.code(),
            Self::TableHasOpenSlips => ErrorCode::TableHasOpenSlips,
            Self::InvalidCloseReason => ErrorCode::TableCloseReasonInvalid,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<crate::error::FieldError> {
        match self {
            Self::Table(e) => e.fields(),
            Self::Player(e) => e.fields(),
            Self::Visit(e) => e.fields(),
            Self::Slip(e) => e.fields(),
            Self::Exclusion(e) => e.fields(),
            Self::Casino(e) => e.fields(),
            Self::Accounting(e) => e.fields(),
            Self::Mtl(e) => e.fields(),
            _ => Vec::new(),
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            Self::Table(e) => e.detail(),
            Self::Player(e) => e.detail(),
            Self::Visit(e) => e.detail(),
            Self::Slip(e) => e.detail(),
            Self::Exclusion(e) => e.detail(),
            Self::Casino(e) => e.detail(),
            Self::Accounting(e) => e.detail(),
            Self::Mtl(e) => e.detail(),
            _ => None,
        }
    }
}
