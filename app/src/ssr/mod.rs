//! Server-only glue between server functions and the domain core.
//!
//! Application state, the signed-in actor, the scoped transaction runner and the mapping of domain errors to `AppError` with its HTTP status.
//!
//! Every server function goes through [`scoped`] or [`scoped_idempotent`], so none can forget the session
//! check, the RLS context, the commit, the status code or the log line.

pub mod boundary;
pub mod csp;
pub mod session;
mod state;

pub use boundary::{
    acting, authenticated, current_session, fail, presented_token, request_id, scoped, scoped_idempotent,
    scoped_signed_in, state,
};
pub use session::{Authenticated, RequestSpan, SESSION_COOKIE, SessionCookie};
pub use state::AppState;
