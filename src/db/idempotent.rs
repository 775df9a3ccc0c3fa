//! The idempotent-request store: a replayed request id returns the first response and writes nothing, and a
//! request id sent again with other arguments is refused.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use sqlx::PgPool;
use uuid::Uuid;

use super::{Scope, scoped};
use crate::actor::Actor;
use crate::error::{DomainError, ErrorCode, FieldError};

/// Why an idempotent call failed: its own domain error, a key reused for something else, or the store.
#[derive(Debug, thiserror::Error)]
pub enum IdempotentError<E> {
    /// The work itself refused or failed.
    #[error(transparent)]
    Domain(E),
    /// The request id was already used for another request: another action, the same action with other
    /// arguments, or someone else's request.
    #[error("request id {0} was already used for a different request")]
    KeyReused(Uuid),
    /// The stored response could not be read back (a schema change between attempts).
    #[error("stored response for request id {0} is unreadable: {1}")]
    Unreadable(Uuid, serde_json::Error),
    /// Infrastructure failure.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl<E: DomainError> DomainError for IdempotentError<E> {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Domain(error) => error.code(),
            Self::KeyReused(_) => ErrorCode::IdempotencyKeyReused,
            Self::Unreadable(..) => ErrorCode::Internal,
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::Domain(error) => error.fields(),
            _ => Vec::new(),
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            Self::Domain(error) => error.detail(),
            _ => None,
        }
    }
}

/// Like [`scoped`], for a mutation that carries a request id (`key`): one key, one request.
///
/// The first call with a key does the work and stores its response in the same transaction, beside a digest
/// of `action` and `args` (the request's arguments but the key); a later or concurrent call with that key and
/// the same arguments returns the stored response and writes nothing, and one with anything else is refused
/// with [`IdempotentError::KeyReused`] (`docs/architecture.md#idempotency`).
///
/// A concurrent duplicate blocks on the key's row until the first commits, then replays its response; if the
/// first rolls back, the duplicate does the work itself. Failed calls store nothing, so they can be retried.
pub async fn scoped_idempotent<T, E>(
    pool: &PgPool,
    scope: &Scope,
    key: Uuid,
    action: &str,
    args: &impl Serialize,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, IdempotentError<E>>
where
    T: Serialize + DeserializeOwned,
    E: From<sqlx::Error>,
{
    scoped(pool, scope, async |conn: &mut PgConnection| {
        idempotent_in(conn, &scope.actor, key, action, args, work).await
    })
    .await
}

/// [`scoped_idempotent`]'s work inside a transaction the caller has opened and scoped to `actor` (a server
/// function's call, whose session is resolved in the same transaction: `auth::within_session`).
pub async fn idempotent_in<T, E>(
    conn: &mut PgConnection,
    actor: &Actor,
    key: Uuid,
    action: &str,
    args: &impl Serialize,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, IdempotentError<E>>
where
    T: Serialize + DeserializeOwned,
    E: From<sqlx::Error>,
{
    let digest = request_digest(action, args).map_err(|e| IdempotentError::Unreadable(key, e))?;
    let casino_id = actor.casino_id.0;
    let staff_id = actor.staff_id.0;
    // language=PostgreSQL
    let claimed = sqlx::query_scalar!(
        "insert into idempotent_request (casino_id, key, action, staff_id, request_digest)
         values ($1, $2, $3, $4, $5)
         on conflict (casino_id, key) do nothing
         returning true as \"claimed!\"",
        casino_id,
        key,
        action,
        staff_id,
        digest,
    )
    .fetch_optional(&mut *conn)
    .await?
    .is_some();
    if !claimed {
        // language=PostgreSQL
        let stored = sqlx::query!(
            "select action, request_digest, response from idempotent_request where casino_id = $1 and key = $2",
            casino_id,
            key,
        )
        .fetch_optional(&mut *conn)
        .await?;
        // A row written before digests were kept has none: it replays by action, as it did then.
        return match stored {
            Some(row) if row.action == action && row.request_digest.as_ref().is_none_or(|d| *d == digest) => {
                match row.response {
                    Some(response) => serde_json::from_value(response).map_err(|e| IdempotentError::Unreadable(key, e)),
                    None => Err(IdempotentError::KeyReused(key)),
                }
            }
            _ => Err(IdempotentError::KeyReused(key)),
        };
    }
    let value = work(conn).await.map_err(IdempotentError::Domain)?;
    let response = serde_json::to_value(&value).map_err(|e| IdempotentError::Unreadable(key, e))?;
    // language=PostgreSQL
    sqlx::query!(
        "update idempotent_request set response = $3 where casino_id = $1 and key = $2",
        casino_id,
        key,
        response,
    )
    .execute(&mut *conn)
    .await?;
    Ok(value)
}

/// SHA-256 of the action and the arguments' JSON: `serde_json` writes a struct's fields in declaration order and
/// a map's keys sorted, so equal arguments always give equal bytes.
fn request_digest(action: &str, args: &impl Serialize) -> Result<Vec<u8>, serde_json::Error> {
    let canonical = serde_json::to_vec(&serde_json::to_value(args)?)?;
    let mut hasher = Sha256::new();
    hasher.update(action.as_bytes());
    hasher.update([0]);
    hasher.update(&canonical);
    Ok(hasher.finalize().to_vec())
}

#[cfg(test)]
mod tests {
    use super::request_digest;
    use std::collections::HashMap;

    #[test]
    fn equal_requests_have_equal_digests_and_any_difference_shows() {
        let slip = uuid::Uuid::from_u128(7);
        let first = request_digest("slip.update_average_bet", &(slip, 3_000)).unwrap();
        assert_eq!(first, request_digest("slip.update_average_bet", &(slip, 3_000)).unwrap());
        assert_ne!(first, request_digest("slip.update_average_bet", &(slip, 9_000)).unwrap());
        assert_ne!(first, request_digest("slip.update_average_bet", &(uuid::Uuid::from_u128(8), 3_000)).unwrap());
        assert_ne!(first, request_digest("slip.close", &(slip, 3_000)).unwrap());
    }

    #[test]
    fn map_order_does_not_change_the_digest() {
        let keys = ["a", "b", "c", "d", "e", "f"];
        let forward: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let backward: HashMap<&str, usize> = keys.iter().enumerate().rev().map(|(i, k)| (*k, i)).collect();
        assert_eq!(request_digest("x", &forward).unwrap(), request_digest("x", &backward).unwrap());
    }
}
