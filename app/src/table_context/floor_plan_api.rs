//! Server functions of the admin's floor plan: `/api/table/add`, `/api/table/update`, `/api/table/retire`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::table_context::{NewTable, TableCard, TableChange, TableId};
use uuid::Uuid;

use crate::error::AppError;

/// Adds an inactive table (label, pit, game, limits, and its own seat count or none for its game's); admins
/// only. `VALIDATION_FAILED` with a code per field (`TABLE_LABEL_TAKEN` among them). Idempotent. Audit
/// `gaming_table.created`, which every open pit dashboard follows.
#[server(prefix = "/api", endpoint = "table/add", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_table(request_id: Uuid, input: NewTable) -> Result<TableCard, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.add", &input, async |conn, actor| {
        pitboss::table_context::add_table_as_admin(conn, actor, &input).await
    })
    .await
}

/// Changes a table's pit, limits and seats; admins only. Seats only while it is not open (`TABLE_IS_OPEN`).
/// Idempotent. Audit `gaming_table.updated` with before and after.
#[server(prefix = "/api", endpoint = "table/update", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn update_table(request_id: Uuid, table_id: TableId, change: TableChange) -> Result<TableCard, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.update", &(table_id, &change), async |conn, actor| {
        pitboss::table_context::update_table(conn, actor, table_id, &change).await
    })
    .await
}

/// Takes a table that is not open off the floor for good; it stays in history. Admins only;
/// `TABLE_IS_OPEN` for an open table. Idempotent. Audit `gaming_table.retired`.
#[server(prefix = "/api", endpoint = "table/retire", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn retire_table(request_id: Uuid, table_id: TableId) -> Result<TableCard, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.retire", &table_id, async |conn, actor| {
        pitboss::table_context::retire_table(conn, actor, table_id).await
    })
    .await
}
