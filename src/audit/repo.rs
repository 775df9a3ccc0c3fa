//! SQL of the audit log.

use sqlx::PgConnection;

use super::AuditEntry;
use super::view::{AuditCursor, AuditFilter, AuditRow};
use crate::casino::{CasinoId, StaffId};
use crate::live::Entity;

/// Appends an audit row for `casino_id`; actor and request id come from the transaction context.
///
/// In a transaction running at the instant an operator tapped a queued action (`rating_slip::late::act_at`), the
/// row's `after` also says so: `tapped_at` (when the change took effect) and `recorded_late`; the row's own
/// `occurred_at` stays when it was written.
pub async fn record(conn: &mut PgConnection, casino_id: CasinoId, entry: AuditEntry) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into audit_log (casino_id, action, entity, entity_id, before, after)
         values ($1, $2, $3, $4, $5,
                 case when current_setting('app.tapped', true) = 'on'
                      then coalesce($6, '{}'::jsonb) || jsonb_build_object('tapped_at', app_now(), 'recorded_late', true)
                      else $6 end)",
        casino_id.0,
        entry.action,
        entry.entity.as_str(),
        entry.entity_id,
        entry.before,
        entry.after,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Where a casino's audit chain breaks, as found by `audit_chain_verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The casino whose chain breaks.
    pub casino_id: CasinoId,
    /// The first link that fails (none for an audit row missing from the chain).
    pub seq: Option<i64>,
    /// The audit row concerned, when known.
    pub audit_id: Option<uuid::Uuid>,
    /// What is wrong, in words.
    pub problem: String,
}

/// The end of one casino's chain: anchor `head` somewhere else to detect a truncated tail later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// The casino.
    pub casino_id: CasinoId,
    /// Its name.
    pub casino_name: String,
    /// How many links (audit rows) the chain has.
    pub links: i64,
    /// The last link's hash, hex.
    pub head: String,
}

/// The first broken link of every casino's audit chain; empty when all verify. Needs a connection that sees
/// every casino (the operator's).
pub async fn verify_chain(conn: &mut PgConnection) -> sqlx::Result<Vec<ChainBreak>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select casino_id as "casino_id!: CasinoId", seq, audit_id, problem as "problem!" from audit_chain_verify()"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ChainBreak { casino_id: r.casino_id, seq: r.seq, audit_id: r.audit_id, problem: r.problem })
        .collect())
}

/// Every casino's chain length and last hash.
pub async fn chain_heads(conn: &mut PgConnection) -> sqlx::Result<Vec<ChainHead>> {
    // language=PostgreSQL
    sqlx::query_as!(
        ChainHead,
        r#"select c.id as "casino_id: CasinoId", c.name as casino_name, coalesce(h.seq, 0) as "links!",
                  coalesce(encode(h.hash, 'hex'), '') as "head!"
           from casino c
           left join lateral (select seq, hash from audit_chain a where a.casino_id = c.id order by seq desc limit 1) h on true
           order by c.name"#
    )
    .fetch_all(conn)
    .await
}

/// The casino's audit rows matching `filter`, newest first, after `after`, at most `limit`.
pub(super) async fn page(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: &AuditFilter,
    after: Option<AuditCursor>,
    limit: usize,
) -> sqlx::Result<Vec<AuditRow>> {
    // language=PostgreSQL
    sqlx::query_as!(
        AuditRow,
        r#"select a.id, c.seq as "link?", a.occurred_at, a.actor_staff_id as "actor_staff_id?: StaffId",
                  s.first_name || ' ' || s.last_name as actor_name, a.request_id, a.action, a.entity, a.entity_id,
                  a.before, a.after
           from audit_log a
           join casino_settings cs on cs.casino_id = a.casino_id
           left join staff s on s.casino_id = a.casino_id and s.id = a.actor_staff_id
           left join audit_chain c on c.audit_id = a.id
           where a.casino_id = $1
             and ($2::date is null
                  or (a.occurred_at >= gaming_day_start_at($2, cs.timezone, cs.gaming_day_start)
                      and a.occurred_at < gaming_day_start_at($2 + 1, cs.timezone, cs.gaming_day_start)))
             and ($3::text is null or a.entity = $3)
             and ($4::uuid is null or a.entity_id = $4)
             and ($5::text is null or left(a.action, length($5)) = $5)
             and ($6::uuid is null or a.actor_staff_id = $6)
             and ($7::timestamptz is null or (a.occurred_at, a.id) < ($7, $8::uuid))
           order by a.occurred_at desc, a.id desc
           limit $9"#,
        casino_id.0,
        filter.gaming_day,
        filter.entity.map(Entity::as_str),
        filter.entity_id,
        filter.action(),
        filter.staff_id.map(|staff| staff.0),
        after.map(|cursor| cursor.occurred_at),
        after.map(|cursor| cursor.id),
        i64::try_from(limit).unwrap_or(i64::MAX),
    )
    .fetch_all(conn)
    .await
}

/// How many links the casino's chain has.
pub(super) async fn chain_length(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<i64> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select coalesce(max(seq), 0) as "links!" from audit_chain where casino_id = $1"#,
        casino_id.0
    )
    .fetch_one(conn)
    .await
}
