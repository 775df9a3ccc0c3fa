//! Server-side flows behind the auth server functions.

use pitboss::Actor;
use pitboss::auth::{self, SignIn};
use pitboss::casino;
use pitboss::db::{self, Scope};
use sqlx::PgConnection;

use super::{SecondFactorSetup, SessionView};
use crate::error::AppError;
use crate::ssr::{self, session};

/// Signs in: ends the session the browser presented (rotation), starts a new one, sets its cookie.
pub async fn login(email: String, password: String) -> Result<SessionView, AppError> {
    let state = ssr::state()?;
    let (pool, key) = (&state.pool, &state.session_key);
    let request_id = ssr::request_id();
    if let Some(previous) = ssr::presented_token() {
        auth::sign_out(pool, key, request_id, &previous).await.map_err(ssr::fail)?;
    }
    let signed_in = auth::sign_in(pool, key, request_id, &SignIn { email, password }).await.map_err(ssr::fail)?;
    signed_in_view(&state, signed_in).await
}

/// The code step of a sign-in with a second factor: the pending session behind the cookie becomes a full
/// one under a new cookie.
pub async fn verify_code(code: String) -> Result<SessionView, AppError> {
    let state = ssr::state()?;
    let pending = ssr::current_session()
        .await?
        .filter(|session| session.second_factor_pending)
        .ok_or_else(|| ssr::fail(auth::Error::Unauthenticated))?;
    let signed_in = auth::verify_code(&state.pool, &state.session_key, ssr::request_id(), &pending.token, &code)
        .await
        .map_err(ssr::fail)?;
    signed_in_view(&state, signed_in).await
}

/// Sets the cookie of a session just started and answers who it belongs to (and what must come first).
async fn signed_in_view(state: &ssr::AppState, signed_in: auth::SignedIn) -> Result<SessionView, AppError> {
    let max_age = (signed_in.expires_at - chrono::Utc::now()).num_seconds().max(0);
    session::send_cookie(session::set_cookie(&signed_in.token, max_age, state.secure_cookies));
    let scope = Scope { actor: signed_in.actor, request_id: ssr::request_id() };
    let mut view = db::scoped(&state.pool, &scope, async |conn| session_view(conn, &signed_in.actor).await)
        .await
        .map_err(ssr::fail)?;
    view.second_factor_required = signed_in.second_factor_required;
    Ok(view)
}

/// Starts setting up an authenticator for the signed-in admin or compliance officer.
pub async fn begin_second_factor() -> Result<SecondFactorSetup, AppError> {
    let state = ssr::state()?;
    let scope = Scope { actor: ssr::acting().await?.actor, request_id: ssr::request_id() };
    let setup = auth::begin_enrolment(&state.pool, &scope).await.map_err(ssr::fail)?;
    Ok(SecondFactorSetup { uri: setup.uri, secret_base32: setup.secret_base32, qr_svg: setup.qr_svg })
}

/// Confirms the authenticator with its current code; answers the recovery codes, this once.
pub async fn confirm_second_factor(code: String) -> Result<Vec<String>, AppError> {
    let state = ssr::state()?;
    let scope = Scope { actor: ssr::acting().await?.actor, request_id: ssr::request_id() };
    auth::confirm_enrolment(&state.pool, &state.session_key, &scope, &code).await.map_err(ssr::fail)
}

/// Signs out the session behind the cookie, if any, and clears the cookie either way.
pub async fn logout() -> Result<(), AppError> {
    let state = ssr::state()?;
    session::send_cookie(session::clear_cookie(state.secure_cookies));
    match ssr::presented_token() {
        Some(current) => {
            auth::sign_out(&state.pool, &state.session_key, ssr::request_id(), &current).await.map_err(ssr::fail)
        }
        None => Ok(()),
    }
}

/// Signs out every session of the signed-in staff member and clears this browser's cookie.
pub async fn logout_everywhere() -> Result<u64, AppError> {
    let state = ssr::state()?;
    let current = ssr::acting().await?;
    let scope = Scope { actor: current.actor, request_id: ssr::request_id() };
    let ended = auth::sign_out_everywhere(&state.pool, &scope).await.map_err(ssr::fail)?;
    session::send_cookie(session::clear_cookie(state.secure_cookies));
    Ok(ended)
}

/// Changes the signed-in staff member's own password.
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    let state = ssr::state()?;
    let session = ssr::authenticated().await?;
    let scope = Scope { actor: session.actor, request_id: ssr::request_id() };
    auth::change_password(&state.pool, &state.session_key, &scope, &session.token, &current, &new)
        .await
        .map_err(ssr::fail)
}

/// The shell's view of the signed-in staff member. A temporary password shows on their own record, whose
/// flag their sessions were signed in with.
pub async fn session_view(conn: &mut PgConnection, actor: &Actor) -> Result<SessionView, casino::Error> {
    let staff = casino::authenticated_staff(conn, actor).await?;
    Ok(SessionView {
        password_change_required: staff.must_change_password,
        second_factor_required: false,
        staff,
        casino: casino::casino(conn, actor).await?,
        gaming_day: casino::compute_gaming_day(conn, actor, None).await?,
        finance_enabled: pitboss::feature::is_enabled(
            conn,
            actor.casino_id,
            pitboss::feature::Flag::FinanceMinimalEnabled,
        )
        .await?,
    })
}
