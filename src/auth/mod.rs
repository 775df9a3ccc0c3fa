//! Staff sign-in, server-side sessions and sign-out.
//!
//! A session is a random token in an HttpOnly cookie; the database stores only its keyed hash
//! ([`SessionKey`]), so a copy of the table cannot be replayed as cookies. Sign-in is throttled per email:
//! five failures in fifteen minutes lock it, the form warns from the third, and an admin may lift a lock
//! early. Unknown emails are throttled and timed like known ones so the form reveals nothing. Dealers and
//! inactive staff cannot sign in. Admins and compliance staff may add a second factor (TOTP, with one-time
//! recovery codes): their correct password then opens only a pending session, which the code completes. The
//! HTTP side (cookies, request ids) lives in the app; this module only decides.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod lock;
#[cfg(feature = "db")]
mod password;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod second_factor;
#[cfg(feature = "db")]
mod second_factor_repo;
#[cfg(feature = "db")]
mod second_factor_service;
#[cfg(feature = "db")]
mod service;
#[cfg(feature = "db")]
mod session_scope;
#[cfg(feature = "db")]
mod token;

pub use error::Error;
#[cfg(feature = "db")]
pub use lock::{LiftedLock, lift_lock, locked_staff, locked_until};
pub use model::{SignIn, normalize_email};
#[cfg(feature = "db")]
pub use password::{hash_password, verify_password};
#[cfg(feature = "db")]
pub use second_factor::{Provisioning, RECOVERY_CODES, code_for};
#[cfg(feature = "db")]
pub use second_factor_repo::clear as clear_second_factor;
#[cfg(feature = "db")]
pub use second_factor_service::{begin_enrolment, confirm_enrolment, verify_code};
#[cfg(feature = "db")]
pub use service::{
    Session, SignedIn, change_password, end_sessions_of, resolve_session, sign_in, sign_out, sign_out_everywhere,
};
#[cfg(feature = "db")]
pub use session_scope::within_session;
#[cfg(feature = "db")]
pub use token::{SessionKey, SessionToken};
