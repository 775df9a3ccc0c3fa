//! What every request can reach: the database pool, the session and data keys and the Leptos options.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use pitboss::auth::SessionKey;
use pitboss::sealing::DataKeys;
use sqlx::PgPool;

/// Shared application state, built once by the server and provided to server functions through context.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Leptos' site configuration.
    pub leptos_options: LeptosOptions,
    /// Connections as the runtime role (`pitboss_app`), subject to row-level security.
    pub pool: PgPool,
    /// Hashes session tokens for storage.
    pub session_key: SessionKey,
    /// Seal and open patrons' ID and SSN/TIN numbers.
    pub data_keys: DataKeys,
    /// Whether session cookies carry `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
