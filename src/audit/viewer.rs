//! Reading the audit log: a filtered page, newest first, and the casino's chain status.

use sqlx::PgConnection;

use super::Error;
use super::repo;
use super::view::{self, AuditCursor, AuditFilter, AuditPage, ChainFault, ChainStatus, PAGE_SIZE};
use crate::actor::Actor;

/// A page of the casino's audit rows matching `filter`, newest first, starting after `after`.
///
/// Admins and compliance officers only (`FORBIDDEN`); an invalid action is refused (`VALIDATION_FAILED`
/// with `AUDIT_INVALID_ACTION`). Reading writes nothing, not even an audit row.
pub async fn log_page(
    conn: &mut PgConnection,
    actor: &Actor,
    filter: &AuditFilter,
    after: Option<AuditCursor>,
) -> Result<AuditPage, Error> {
    if !view::may_read_log(actor.role) {
        return Err(Error::Forbidden);
    }
    let problems = filter.problems();
    if !problems.is_empty() {
        return Err(Error::InvalidFilter(problems));
    }
    let mut rows = repo::page(conn, actor.casino_id, filter, after, PAGE_SIZE + 1).await?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(view::AuditRow::cursor)
    } else {
        None
    };
    Ok(AuditPage { rows, next })
}

/// Whether the casino's hash chain verifies from its first link, and where it breaks if not.
///
/// The whole chain is re-hashed, so this takes a moment on a long log. Admins and compliance officers only
/// (`FORBIDDEN`).
pub async fn chain_status(conn: &mut PgConnection, actor: &Actor) -> Result<ChainStatus, Error> {
    if !view::may_read_log(actor.role) {
        return Err(Error::Forbidden);
    }
    let links = repo::chain_length(conn, actor.casino_id).await?;
    // Under the casino's context the verifier sees this casino's chain only.
    let broken = repo::verify_chain(conn)
        .await?
        .into_iter()
        .find(|fault| fault.casino_id == actor.casino_id)
        .map(|fault| ChainFault { link: fault.seq, audit_id: fault.audit_id, problem: fault.problem });
    let verified_through = match &broken {
        Some(ChainFault { link: Some(link), .. }) => link - 1,
        _ => links,
    };
    let waiting = super::link::pending(conn).await?.into_iter().find(|p| p.casino_id == actor.casino_id);
    Ok(ChainStatus {
        links,
        verified_through,
        broken,
        pending: waiting.as_ref().map_or(0, |p| p.rows),
        pending_since: waiting.map(|p| p.oldest),
    })
}
