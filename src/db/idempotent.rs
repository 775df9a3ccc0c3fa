//! The idempotent-request store: a replayed request id returns the first response and writes nothing.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::PgConnection;
use sqlx::PgPool;
use uuid::Uuid;

use super::{Scope, scoped};
use crate::error::{DomainError, ErrorCode, FieldError};

/// Why an idempotent call failed: its own domain error, a key reused for something else, or the store.
#[derive(Debug, thiserror::Error)]
pub enum IdempotentError<E> {
    /// The work itself refused or failed.
    #[error(transparent)]
    Domain(E),
    /// The request id was already used, by this staff member for another action or by someone else.
    #[error("request id {0} was already used for a different action")]
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
}

/// Like [`scoped`], for a mutation that carries a request id (`key`).
///
/// The first call with a key does the work and stores its response in the same transaction; any later or concurrent call with that key returns the
/// stored response and writes nothing (`docs/architecture.md#idempotency`).
///
/// A concurrent duplicate blocks on the key's row until the first commits, then replays its response; if the
/// first rolls back, the duplicate does the work itself. Failed calls store nothing, so they can be retried.
pub async fn scoped_idempotent<T, E>(
    pool: &PgPool,
    scope: &Scope,
    key: Uuid,
    action: &str,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, IdempotentError<E>>
where
    T: Serialize + DeserializeOwned,
    E: From<sqlx::Error>,
{
    scoped(pool, scope, async |conn: &mut PgConnection| {
        let casino_id = scope.actor.casino_id.0;
        let staff_id = scope.actor.staff_id.0;
        // language=PostgreSQL
        let claimed = sqlx::query_scalar!(
            "insert into idempotent_request (casino_id, key, action, staff_id) values ($1, $2, $3, $4)
             on conflict (casino_id, key) do nothing
             returning true as \"claimed!\"",
            casino_id,
            key,
            action,
            staff_id,
        )
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
        if !claimed {
            // language=PostgreSQL
            let stored = sqlx::query!(
                "select action, response from idempotent_request where casino_id = $1 and key = $2",
                casino_id,
                key,
            )
            .fetch_optional(&mut *conn)
            .await?;
            return match stored {
                Some(row) if row.action == action => match row.response {
                    Some(response) => serde_json::from_value(response).map_err(|e| IdempotentError::Unreadable(key, e)),
                    None => Err(IdempotentError::KeyReused(key)),
                },
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
    })
    .await
}
