//! A server function's call resolved in its own transaction: the session behind the cookie is looked up,
//! refreshed and entered in the same transaction as the work it authorises, so a call is one transaction,
//! not a session lookup's and then the work's.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::repo;
use super::rules::{self, SessionCheck};
use super::service::Session;
use super::token::{SessionKey, SessionToken};
use crate::actor::Actor;
use crate::casino::StaffStatus;
use crate::db;

/// The valid session whose keyed token hash the transaction's context names, refreshing its last-seen time
/// at most once a minute; `None` for an unknown token, and for a session past its lifetime or idle timeout or
/// of a staff member who may no longer sign in, which is deleted.
pub(super) async fn current(conn: &mut PgConnection, token_hash: &str) -> sqlx::Result<Option<Session>> {
    let Some(session) = repo::session(conn, token_hash).await? else {
        return Ok(None);
    };
    let may_sign_in = session.status == StaffStatus::Active && session.role.can_log_in();
    match rules::check_session(session.expires_at, session.last_seen_at, session.now) {
        SessionCheck::Valid { touch } if may_sign_in => {
            if touch {
                repo::touch_session(conn, token_hash).await?;
            }
            Ok(Some(Session {
                actor: Actor { staff_id: session.staff_id, casino_id: session.casino_id, role: session.role },
                password_change_required: session.password_change_required,
                second_factor_pending: session.second_factor_pending,
            }))
        }
        _ => {
            repo::delete_session(conn, token_hash).await?;
            Ok(None)
        }
    }
}

/// Runs `work` for the session behind `token`, in one transaction with the session's lookup.
///
/// The session is found and refreshed, the transaction enters its casino as its staff member, and `work`
/// runs. `Ok(None)` when there is no valid session (an ended one is deleted, exactly as
/// [`super::resolve_session`] does), and nothing else runs.
///
/// `work` decides what the session may do (a pending second factor, a temporary password); its error rolls
/// back the whole transaction.
pub async fn within_session<T, E>(
    pool: &PgPool,
    key: &SessionKey,
    request_id: Uuid,
    token: &SessionToken,
    work: impl AsyncFnOnce(&mut PgConnection, &Session) -> Result<T, E>,
) -> Result<Option<T>, E>
where
    E: From<sqlx::Error>,
{
    let token_hash = key.hash(token);
    db::for_session(pool, &token_hash, request_id, async |conn| {
        let Some(session) = current(conn, &token_hash).await? else {
            return Ok(None);
        };
        db::enter_casino(conn, &session.actor).await?;
        work(conn, &session).await.map(Some)
    })
    .await
}
