//! `service_error!`: how a service declares its error enum, so every service's errors have one shape.
//!
//! A service lists its refusals as variants, each with the [`ErrorCode`](super::ErrorCode) it surfaces as;
//! the macro adds the `Db` variant for infrastructure failures (behind the `db` feature), derives
//! `thiserror::Error`, and implements [`DomainError`](super::DomainError): `code()` from the table, and
//! `fields()` from an optional `fields(error) { … }` block that names the form fields a refusal is about,
//! and `detail()` from an optional `detail(error) { … }` block for a sentence naming the refusal's
//! particulars (the limits a bet broke).
//!
//! ```ignore
//! service_error! {
//!     /// Why a reward was refused.
//!     pub enum Error {
//!         /// Zero or negative points.
//!         #[error("points must be positive")]
//!         InvalidPoints => LoyaltyInvalidPoints,
//!     }
//!     fields(error) { vec![FieldError::new("points", error.code())] }
//! }
//! ```

macro_rules! service_error {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident $( ( $($tuple:tt)* ) )? $( { $($named:tt)* } )? => $code:ident
            ),* $(,)?
        }
        $( fields($error:ident) $fields:block )?
        $( detail($detail_error:ident) $detail:block )?
    ) => {
        $(#[$meta])*
        #[derive(Debug, thiserror::Error)]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant $( ( $($tuple)* ) )? $( { $($named)* } )?,
            )*
            /// Infrastructure failure.
            #[cfg(feature = "db")]
            #[error(transparent)]
            Db(#[from] sqlx::Error),
        }

        impl $crate::error::DomainError for $name {
            fn code(&self) -> $crate::error::ErrorCode {
                match self {
                    $( Self::$variant { .. } => $crate::error::ErrorCode::$code, )*
                    #[cfg(feature = "db")]
                    Self::Db(error) => $crate::error::db_error_code(error),
                }
            }

            $(
                fn fields(&self) -> Vec<$crate::error::FieldError> {
                    let $error = self;
                    $fields
                }
            )?

            $(
                fn detail(&self) -> Option<String> {
                    let $detail_error = self;
                    $detail
                }
            )?
        }
    };
}

pub(crate) use service_error;
