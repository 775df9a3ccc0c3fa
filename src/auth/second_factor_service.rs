//! Setting up a second factor, and the code step of a sign-in that needs one.

use sqlx::PgPool;
use uuid::Uuid;

use super::second_factor::{self as totp, Provisioning};
use super::second_factor_repo as repo;
use super::token::{SessionKey, SessionToken};
use super::{Error, SignedIn, rules, service};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::StaffStatus;
use crate::db::{self, Scope};
use crate::live::Entity;

/// Starts (or starts over) setting up an authenticator for the signed-in admin or compliance officer.
///
/// A new secret, shown as a QR code and in base32. Nothing changes at sign-in until [`confirm_enrolment`].
/// Refuses other roles (`FORBIDDEN`) and an account whose second factor is set up already
/// (`SECOND_FACTOR_ALREADY_ENROLLED`). The secret is never logged nor audited.
pub async fn begin_enrolment(pool: &PgPool, scope: &Scope) -> Result<Provisioning, Error> {
    let actor = scope.actor;
    if !actor.role.uses_second_factor() {
        return Err(Error::SecondFactorNotForRole);
    }
    db::scoped(pool, scope, async |conn| {
        let email = unenrolled_email(conn, &actor).await?;
        let secret = totp::generate_secret();
        repo::store_secret(conn, actor.casino_id, actor.staff_id, &secret).await?;
        totp::provisioning(&secret, &email).ok_or_else(|| Error::Hashing("TOTP provisioning failed".to_owned()))
    })
    .await
}

/// Confirms the authenticator with a code it shows: from now on sign-in asks for a code. Returns the ten
/// recovery codes, shown this once and stored only as keyed hashes.
///
/// `AUTH_CODE_WRONG` at `code` for a wrong code, `SECOND_FACTOR_NOT_STARTED` without [`begin_enrolment`].
/// Writes `staff.second_factor_enrolled`.
pub async fn confirm_enrolment(
    pool: &PgPool,
    key: &SessionKey,
    scope: &Scope,
    code: &str,
) -> Result<Vec<String>, Error> {
    let actor = scope.actor;
    if !actor.role.uses_second_factor() {
        return Err(Error::SecondFactorNotForRole);
    }
    db::scoped(pool, scope, async |conn| {
        unenrolled_email(conn, &actor).await?;
        let (secret, last_used) =
            repo::own_secret(conn, actor.casino_id, actor.staff_id).await?.ok_or(Error::SecondFactorNotStarted)?;
        let now_step = totp::step_at(db_now(conn).await?.timestamp());
        let step =
            totp::matching_step(&secret, code, now_step, last_used).ok_or(Error::CodeWrong { attempts_left: None })?;
        let codes = totp::generate_recovery_codes();
        let hashes: Vec<String> = codes.iter().map(|c| key.hash_text(&totp::normalize_code(c))).collect();
        let enrolled_at = repo::confirm(conn, actor.casino_id, actor.staff_id, step, &hashes).await?;
        let entry = AuditEntry::new("staff.second_factor_enrolled", Entity::Staff, actor.staff_id.0)
            .before(serde_json::json!({ "second_factor": null }))
            .after(serde_json::json!({ "second_factor": "totp", "enrolled_at": enrolled_at,
                                       "recovery_codes": codes.len() }));
        audit::record(conn, actor.casino_id, entry).await?;
        Ok(codes)
    })
    .await
}

/// The code step of a sign-in: the pending session behind `token` (from a correct password) sends the code
/// its authenticator shows, or an unused recovery code, and gets a full session under a new token.
///
/// A code is accepted once, and never one older than the last accepted. Failures count towards the same
/// lock as wrong passwords (`AUTH_CODE_WRONG` saying how many attempts remain from the third, then
/// `AUTH_THROTTLED`). `UNAUTHENTICATED` without a pending session (none, expired after
/// [`rules::SECOND_FACTOR_WINDOW`], or already past its code). Writes `staff.signed_in` with how the second
/// factor was passed and how many recovery codes remain when one was used.
pub async fn verify_code(
    pool: &PgPool,
    key: &SessionKey,
    request_id: Uuid,
    token: &SessionToken,
    code: &str,
) -> Result<SignedIn, Error> {
    let pending_hash = key.hash(token);
    let (actor, email) = pending_sign_in(pool, &pending_hash, request_id).await?.ok_or(Error::Unauthenticated)?;
    let typed = totp::normalize_code(code);
    let recovery_hash = totp::is_recovery_code(&typed).then(|| key.hash_text(&typed));
    let new_token = SessionToken::generate();
    let new_hash = key.hash(&new_token);
    db::for_login(pool, &email, request_id, async |conn| {
        let (failures, now) = super::repo::recent_failures(conn, &email).await?;
        if let Some(until) = rules::throttled_until(&failures, now) {
            return Ok::<_, Error>(Err(Error::Throttled { until }));
        }
        let passed = match &recovery_hash {
            Some(hash) => repo::spend_recovery_code(conn, actor.staff_id, hash)
                .await?
                .map(|left| serde_json::json!({ "method": "recovery_code", "recovery_codes_left": left })),
            None => spend_totp(conn, &actor, &typed, totp::step_at(now.timestamp())).await?,
        };
        let Some(passed) = passed else {
            super::repo::record_attempt(conn, &email, false).await?;
            let attempts_left = rules::attempts_left_after_failure(&failures, now);
            return Ok(Err(Error::CodeWrong { attempts_left }));
        };
        // Rolls back the spent code if another request already finished this sign-in.
        let change_required = repo::take_pending_session(conn, &pending_hash).await?.ok_or(Error::Unauthenticated)?;
        let expires_at = service::start_session(conn, &email, &new_hash, &actor, change_required, Some(passed)).await?;
        Ok(Ok(SignedIn {
            token: new_token,
            actor,
            expires_at,
            password_change_required: change_required,
            second_factor_required: false,
        }))
    })
    .await?
}

/// Spends the TOTP code `typed` if it is right for a step around `now_step` not spent before.
async fn spend_totp(
    conn: &mut sqlx::PgConnection,
    actor: &Actor,
    typed: &str,
    now_step: i64,
) -> sqlx::Result<Option<serde_json::Value>> {
    let Some((secret, last_used)) = repo::login_secret(conn, actor.staff_id).await? else {
        return Ok(None);
    };
    let Some(step) = totp::matching_step(&secret, typed, now_step, last_used) else {
        return Ok(None);
    };
    let spent = repo::spend_step(conn, actor.staff_id, step).await?;
    Ok(spent.then(|| serde_json::json!({ "method": "totp" })))
}

/// Who the pending session `token_hash` belongs to, and their sign-in email; `None` if it is not pending.
async fn pending_sign_in(pool: &PgPool, token_hash: &str, request_id: Uuid) -> Result<Option<(Actor, String)>, Error> {
    db::for_session(pool, token_hash, request_id, async |conn| {
        let Some(session) = super::repo::session(conn, token_hash).await? else {
            return Ok(None);
        };
        let may_sign_in = session.status == StaffStatus::Active && session.role.can_log_in();
        if !may_sign_in || !session.second_factor_pending || session.expires_at <= session.now {
            return Ok(None);
        }
        let actor = Actor { staff_id: session.staff_id, casino_id: session.casino_id, role: session.role };
        db::enter_casino(conn, &actor).await?;
        let enrolment = repo::own_enrolment(conn, actor.casino_id, actor.staff_id).await?;
        Ok(enrolment.map(|(email, _)| (actor, email)))
    })
    .await
}

/// The actor's sign-in email, if they have no second factor yet.
async fn unenrolled_email(conn: &mut sqlx::PgConnection, actor: &Actor) -> Result<String, Error> {
    match repo::own_enrolment(conn, actor.casino_id, actor.staff_id).await? {
        None => Err(Error::Unauthenticated),
        Some((_, Some(_))) => Err(Error::SecondFactorAlreadyEnrolled),
        Some((email, None)) => Ok(email),
    }
}

async fn db_now(conn: &mut sqlx::PgConnection) -> sqlx::Result<chrono::DateTime<chrono::Utc>> {
    // language=PostgreSQL
    sqlx::query_scalar!(r#"select now() as "now!""#).fetch_one(conn).await
}
