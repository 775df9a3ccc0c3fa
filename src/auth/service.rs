//! Sign-in, session resolution and sign-out.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::repo::NewSession;
use super::rules;
use super::session_scope;
use super::token::{SessionKey, SessionToken};
use super::{Error, SignIn, normalize_email, password, repo};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::StaffStatus;
use crate::db::{self, Scope};
use crate::live::Entity;

/// A valid session: who it belongs to, and whether they must choose a new password before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    /// The staff member signed in.
    pub actor: Actor,
    /// Signed in with a temporary password: only choosing a new one is allowed (`PASSWORD_CHANGE_REQUIRED`).
    pub password_change_required: bool,
    /// Past the password, not yet past the second factor: only sending the code is allowed
    /// (`SECOND_FACTOR_REQUIRED`).
    pub second_factor_pending: bool,
}

/// A successful sign-in: the token for the cookie and who it belongs to.
#[derive(Debug)]
pub struct SignedIn {
    /// The new session's token; the caller puts it in the cookie and nowhere else.
    pub token: SessionToken,
    /// The staff member now signed in.
    pub actor: Actor,
    /// When the session ends at the latest.
    pub expires_at: DateTime<Utc>,
    /// Signed in with a temporary password, which must be replaced first.
    pub password_change_required: bool,
    /// The password was right and the second factor's code is still to come ([`super::verify_code`]).
    pub second_factor_required: bool,
}

enum Lookup {
    Throttled(DateTime<Utc>),
    Checked { credential: Option<repo::Credential>, hash: String, attempts_left: Option<usize> },
}

/// Signs a staff member in with email and password and starts a new server-side session.
///
/// Refuses with `AUTH_THROTTLED` after [`rules::MAX_FAILURES`] failures within [`rules::THROTTLE_WINDOW`]
/// (without checking the password), and with `AUTH_INVALID_CREDENTIALS` for a wrong password, an unknown
/// email (or one that could be no one's: empty, overlong, control characters), a dealer or an inactive staff
/// member alike; from the [`rules::WARN_FROM`]th failure on, the refusal says how many attempts remain. Records every checked attempt; a success writes a `staff.signed_in` audit row. The
/// password is verified outside any transaction, on the blocking pool.
pub async fn sign_in(pool: &PgPool, key: &SessionKey, request_id: Uuid, input: &SignIn) -> Result<SignedIn, Error> {
    let email = normalize_email(&input.email);
    if !rules::could_be_email(&email) {
        return Err(Error::InvalidCredentials);
    }
    let lookup = db::for_login(pool, &email, request_id, async |conn| {
        let (failures, now) = repo::recent_failures(conn, &email).await?;
        if let Some(until) = rules::throttled_until(&failures, now) {
            return Ok::<_, Error>(Lookup::Throttled(until));
        }
        let credential = repo::credential(conn, &email).await?;
        let hash = match &credential {
            Some(c) => c.password_hash.clone(),
            None => password::decoy_hash().to_owned(),
        };
        let attempts_left = rules::attempts_left_after_failure(&failures, now);
        Ok(Lookup::Checked { credential, hash, attempts_left })
    })
    .await?;
    let (credential, hash, attempts_left) = match lookup {
        Lookup::Throttled(until) => return Err(Error::Throttled { until }),
        Lookup::Checked { credential, hash, attempts_left } => (credential, hash, attempts_left),
    };

    let typed = input.password.clone();
    let matches = tokio::task::spawn_blocking(move || password::verify_password(&hash, &typed))
        .await
        .map_err(|e| Error::Hashing(e.to_string()))?;
    let change_required = credential.as_ref().is_some_and(|c| c.must_change_password);
    let second_factor = credential.as_ref().is_some_and(|c| c.second_factor);
    let actor = credential
        .filter(|c| matches && c.status == StaffStatus::Active && c.role.can_log_in())
        .map(|c| Actor { staff_id: c.staff_id, casino_id: c.casino_id, role: c.role });

    let token = SessionToken::generate();
    let token_hash = key.hash(&token);
    let expires_at = db::for_login(pool, &email, request_id, async |conn| {
        let Some(actor) = actor else {
            repo::record_attempt(conn, &email, false).await?;
            return Ok::<_, Error>(None);
        };
        if second_factor {
            // Neither a success nor a failure yet: the code step decides, and its failures count.
            let new = NewSession {
                lifetime_seconds: rules::SECOND_FACTOR_WINDOW.num_seconds(),
                password_change_required: change_required,
                second_factor_pending: true,
            };
            return Ok(Some(repo::insert_session(conn, &token_hash, actor.casino_id, actor.staff_id, new).await?));
        }
        let expires_at = start_session(conn, &email, &token_hash, &actor, change_required, None).await?;
        Ok(Some(expires_at))
    })
    .await?;
    match (actor, expires_at) {
        (Some(actor), Some(expires_at)) => Ok(SignedIn {
            token,
            actor,
            expires_at,
            password_change_required: change_required,
            second_factor_required: second_factor,
        }),
        _ => Err(attempts_left
            .map_or(Error::InvalidCredentials, |attempts_left| Error::InvalidCredentialsWarned { attempts_left })),
    }
}

/// Records a successful sign-in of `email` and starts its full session, in a sign-in transaction; writes
/// `staff.signed_in` (with how the second factor was passed, if one was). Returns when the session expires.
pub(super) async fn start_session(
    conn: &mut sqlx::PgConnection,
    email: &str,
    token_hash: &str,
    actor: &Actor,
    password_change_required: bool,
    second_factor: Option<serde_json::Value>,
) -> Result<DateTime<Utc>, Error> {
    repo::record_attempt(conn, email, true).await?;
    db::enter_casino(conn, actor).await?;
    let new = NewSession {
        lifetime_seconds: rules::SESSION_LIFETIME.num_seconds(),
        password_change_required,
        second_factor_pending: false,
    };
    let expires_at = repo::insert_session(conn, token_hash, actor.casino_id, actor.staff_id, new).await?;
    let mut entry = AuditEntry::new("staff.signed_in", Entity::Staff, actor.staff_id.0);
    if let Some(second_factor) = second_factor {
        entry = entry.after(serde_json::json!({ "second_factor": second_factor }));
    }
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(expires_at)
}

/// Finds who a session cookie belongs to.
///
/// Returns `UNAUTHENTICATED` for an unknown token, a session past its lifetime or idle timeout (which is
/// ended), or a staff member who has since become inactive. Refreshes last-seen at most once a minute.
pub async fn resolve_session(
    pool: &PgPool,
    key: &SessionKey,
    request_id: Uuid,
    token: &SessionToken,
) -> Result<Session, Error> {
    let token_hash = key.hash(token);
    let session =
        db::for_session(pool, &token_hash, request_id, async |conn| session_scope::current(conn, &token_hash).await)
            .await?;
    session.ok_or(Error::Unauthenticated)
}

/// Ends the session behind a cookie, server-side, so the cookie is worthless even if it was copied.
/// Writes a `staff.signed_out` audit row. Ending an unknown or already-ended session is not an error.
pub async fn sign_out(pool: &PgPool, key: &SessionKey, request_id: Uuid, token: &SessionToken) -> Result<(), Error> {
    let token_hash = key.hash(token);
    db::for_session(pool, &token_hash, request_id, async |conn| {
        let Some(session) = repo::session(conn, &token_hash).await? else {
            return Ok::<_, Error>(());
        };
        repo::delete_session(conn, &token_hash).await?;
        let actor = Actor { staff_id: session.staff_id, casino_id: session.casino_id, role: session.role };
        db::enter_casino(conn, &actor).await?;
        audit::record(conn, actor.casino_id, AuditEntry::new("staff.signed_out", Entity::Staff, actor.staff_id.0))
            .await?;
        Ok(())
    })
    .await
}

/// Ends every session of the signed-in staff member (on every device); returns how many ended.
/// Writes a `staff.signed_out_everywhere` audit row.
pub async fn sign_out_everywhere(pool: &PgPool, scope: &Scope) -> Result<u64, Error> {
    let actor = scope.actor;
    db::scoped(pool, scope, async |conn| {
        let ended = repo::delete_sessions_of(conn, actor.casino_id, actor.staff_id).await?;
        let entry = AuditEntry::new("staff.signed_out_everywhere", Entity::Staff, actor.staff_id.0)
            .after(serde_json::json!({ "sessions_ended": ended }));
        audit::record(conn, actor.casino_id, entry).await?;
        Ok(ended)
    })
    .await
}

/// Ends every session of one staff member of the caller's casino (an admin deactivating them or resetting
/// their password), in the caller's transaction; returns how many ended.
pub async fn end_sessions_of(
    conn: &mut sqlx::PgConnection,
    casino_id: crate::casino::CasinoId,
    staff_id: crate::casino::StaffId,
) -> sqlx::Result<u64> {
    repo::delete_sessions_of(conn, casino_id, staff_id).await
}

/// Replaces the signed-in staff member's password with one they choose.
///
/// The current password must match (`AUTH_CURRENT_PASSWORD_WRONG` at `current_password`); the new one follows
/// the password rules (`VALIDATION_FAILED` at `new_password`) and differs from the current one. Verifying and
/// hashing run outside any transaction. The session `token` stays signed in, free to act; every other session
/// of theirs ends. Writes `staff.password_changed` (never a hash).
pub async fn change_password(
    pool: &PgPool,
    key: &SessionKey,
    scope: &Scope,
    token: &SessionToken,
    current: &str,
    new: &str,
) -> Result<(), Error> {
    let actor = scope.actor;
    let (email, hash) = db::scoped(pool, scope, async |conn| {
        repo::own_credential(conn, actor.casino_id, actor.staff_id).await?.ok_or(Error::Unauthenticated)
    })
    .await?;
    let mut problems = crate::casino::staff_rules::check_password(new, &email, "new_password");
    if new == current {
        problems.push(crate::error::FieldError::new("new_password", crate::error::ErrorCode::StaffPasswordUnchanged));
    }
    let (typed, new) = (current.to_owned(), new.to_owned());
    let matches = tokio::task::spawn_blocking(move || password::verify_password(&hash, &typed))
        .await
        .map_err(|e| Error::Hashing(e.to_string()))?;
    if !matches {
        return Err(Error::WrongCurrentPassword);
    }
    if !problems.is_empty() {
        return Err(Error::WeakPassword(problems));
    }
    let new_hash = tokio::task::spawn_blocking(move || password::hash_password(&new))
        .await
        .map_err(|e| Error::Hashing(e.to_string()))??;
    let keep = key.hash(token);
    db::scoped(pool, scope, async |conn| {
        let ended = repo::replace_own_password(conn, actor.casino_id, actor.staff_id, &new_hash, &keep).await?;
        let entry = AuditEntry::new("staff.password_changed", Entity::Staff, actor.staff_id.0)
            .after(serde_json::json!({ "other_sessions_ended": ended }));
        audit::record(conn, actor.casino_id, entry).await?;
        Ok::<_, Error>(())
    })
    .await
}
