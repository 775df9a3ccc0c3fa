//! SQL of comp, adjustment and correction requests, and of the balance and ledger rows that carry them out.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::comp::{CompCategory, CompItemId};
use super::model::{LedgerId, LoyaltyReason};
use super::request::{LoyaltyRequest, LoyaltyRequestId, RequestItem, RequestStatus};
use crate::casino::{CasinoId, StaffId};
use crate::money::Cents;
use crate::player::PlayerId;

/// Locks the player's balance row until the transaction ends and returns it; `None` when they have none.
pub(super) async fn lock_balance(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
) -> sqlx::Result<Option<i64>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        "select balance_points from player_loyalty where casino_id = $1 and player_id = $2 for update",
        casino_id.0,
        player_id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Takes `points` off the balance and returns the new one. The balance's check refuses going below zero.
pub(super) async fn debit(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
    points: i64,
) -> sqlx::Result<i64> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        "update player_loyalty set balance_points = balance_points - $3 where casino_id = $1 and player_id = $2
         returning balance_points",
        casino_id.0,
        player_id.0,
        points,
    )
    .fetch_one(conn)
    .await
}

/// Whether the player is barred or self-excluded here.
pub(super) async fn is_excluded(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
) -> sqlx::Result<bool> {
    // language=PostgreSQL
    sqlx::query_scalar!(r#"select player_is_excluded($1, $2) as "excluded!""#, casino_id.0, player_id.0)
        .fetch_one(conn)
        .await
}

/// Whether a ledger row already carries the idempotency key.
pub(super) async fn key_used(conn: &mut PgConnection, casino_id: CasinoId, key: Uuid) -> sqlx::Result<bool> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select exists (select 1 from loyalty_ledger where casino_id = $1 and idempotency_key = $2) as "used!""#,
        casino_id.0,
        key,
    )
    .fetch_one(conn)
    .await
}

/// A request about to be stored.
pub(super) struct NewRequest<'a> {
    pub id: LoyaltyRequestId,
    pub player_id: PlayerId,
    pub reason: LoyaltyReason,
    pub item_id: Option<CompItemId>,
    pub quantity: i32,
    pub value: Option<Cents>,
    pub points: i64,
    pub note: &'a str,
    pub corrects_id: Option<LedgerId>,
    pub staff_id: StaffId,
    pub status: RequestStatus,
}

/// Stores a request, approved (decided now, by nobody else) or pending, dated by the gaming day.
pub(super) async fn insert(conn: &mut PgConnection, casino_id: CasinoId, r: &NewRequest<'_>) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into loyalty_request (id, casino_id, player_id, reason, comp_item_id, quantity, value_cents, points,
                                      note, corrects_id, staff_id, status, decided_at, gaming_day)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                 case when $12 = 'approved'::loyalty_request_status then app_now() end, compute_gaming_day($2))",
        r.id.0,
        casino_id.0,
        r.player_id.0,
        r.reason as LoyaltyReason,
        r.item_id.map(|id| id.0) as Option<Uuid>,
        r.quantity,
        r.value.map(|v| v.0),
        i32::try_from(r.points).unwrap_or(i32::MAX),
        r.note,
        r.corrects_id.map(|id| id.0) as Option<Uuid>,
        r.staff_id.0,
        r.status as RequestStatus,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A request locked for its decision.
pub(super) struct Locked {
    pub player_id: PlayerId,
    pub reason: LoyaltyReason,
    pub points: i64,
    pub corrects_id: Option<LedgerId>,
    pub staff_id: StaffId,
    pub status: RequestStatus,
    pub decided_by: Option<StaffId>,
    pub expired: bool,
}

/// Locks request `id` until the transaction ends; `None` when there is no such request here.
pub(super) async fn lock(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: LoyaltyRequestId,
) -> sqlx::Result<Option<Locked>> {
    // language=PostgreSQL
    sqlx::query_as!(
        Locked,
        r#"select player_id as "player_id: PlayerId", reason as "reason: LoyaltyReason", points::bigint as "points!",
                  corrects_id as "corrects_id: LedgerId", staff_id as "staff_id: StaffId",
                  status as "status: RequestStatus", decided_by as "decided_by: StaffId",
                  gaming_day < compute_gaming_day(casino_id) as "expired!"
           from loyalty_request where casino_id = $1 and id = $2 for update"#,
        casino_id.0,
        id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Records a pending request's approval or denial, now.
pub(super) async fn decide(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: LoyaltyRequestId,
    status: RequestStatus,
    decided_by: StaffId,
    note: &str,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update loyalty_request set status = $3, decided_by = $4, decided_at = app_now(), decision_note = $5
         where casino_id = $1 and id = $2 and status = 'pending'",
        casino_id.0,
        id.0,
        status as RequestStatus,
        decided_by.0,
        note,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The ledger row that carries out a request.
pub(super) struct Carried {
    pub request_id: LoyaltyRequestId,
    pub player_id: PlayerId,
    pub reason: LoyaltyReason,
    pub points: i64,
    pub corrects_id: Option<LedgerId>,
    pub staff_id: StaffId,
    pub authorized_by: StaffId,
    pub balance_after: i64,
}

/// Appends it, its whole size counted against `authorized_by`'s authority; keyed by the request's id.
pub(super) async fn insert_ledger(conn: &mut PgConnection, casino_id: CasinoId, c: &Carried) -> sqlx::Result<LedgerId> {
    let points = i32::try_from(c.points).unwrap_or(i32::MAX);
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"insert into loyalty_ledger (id, casino_id, player_id, staff_id, points, reason, balance_after, gaming_day,
                                       idempotency_key, discretionary_points, authorized_by, loyalty_request_id,
                                       corrects_id)
           values ($1, $2, $3, $4, $5, $6, $7, compute_gaming_day($2), $8, $11, $9, $8, $10)
           returning id as "id: LedgerId""#,
        Uuid::new_v4(),
        casino_id.0,
        c.player_id.0,
        c.staff_id.0,
        points,
        c.reason as LoyaltyReason,
        c.balance_after,
        c.request_id.0,
        c.authorized_by.0,
        c.corrects_id.map(|id| id.0) as Option<Uuid>,
        points.saturating_abs(),
    )
    .fetch_one(conn)
    .await
}

/// A ledger row a correction names: whose, its points and reason, and the corrections already made to it.
pub(super) struct Corrected {
    pub player_id: PlayerId,
    pub points: i64,
    pub reason: LoyaltyReason,
    pub corrected: i64,
}

/// The row `id`, if it is in this casino.
pub(super) async fn corrected(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: LedgerId,
) -> sqlx::Result<Option<Corrected>> {
    // language=PostgreSQL
    sqlx::query_as!(
        Corrected,
        r#"select l.player_id as "player_id: PlayerId", l.points::bigint as "points!",
                  l.reason as "reason: LoyaltyReason",
                  (select coalesce(sum(c.points), 0) from loyalty_ledger c
                   where c.casino_id = l.casino_id and c.corrects_id = l.id)::bigint as "corrected!"
           from loyalty_ledger l where l.casino_id = $1 and l.id = $2"#,
        casino_id.0,
        id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Which requests to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Filter {
    /// One request.
    Id(LoyaltyRequestId),
    /// Today's pending requests of the casino.
    PendingToday,
    /// Today's pending requests of one player.
    PendingOf(PlayerId),
}

/// A request row as read, before its expiry is applied.
struct Row {
    id: LoyaltyRequestId,
    number: i64,
    player_id: PlayerId,
    player_name: String,
    reason: LoyaltyReason,
    item_id: Option<CompItemId>,
    item_name: Option<String>,
    item_category: Option<CompCategory>,
    quantity: i32,
    value_cents: Option<i64>,
    points: i32,
    note: String,
    corrects_id: Option<LedgerId>,
    staff_id: StaffId,
    staff_name: String,
    status: RequestStatus,
    decided_by: Option<StaffId>,
    decided_by_name: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    decision_note: String,
    ledger_id: Option<LedgerId>,
    balance_after: Option<i64>,
    gaming_day: NaiveDate,
    created_at: DateTime<Utc>,
    expired: bool,
}

impl From<Row> for LoyaltyRequest {
    fn from(r: Row) -> Self {
        let item = match (r.item_id, r.item_name, r.item_category) {
            (Some(id), Some(name), Some(category)) => Some(RequestItem { id, name, category }),
            _ => None,
        };
        Self {
            id: r.id,
            number: r.number,
            player_id: r.player_id,
            player_name: r.player_name,
            reason: r.reason,
            item,
            quantity: r.quantity,
            value: r.value_cents.map(Cents),
            points: i64::from(r.points),
            note: r.note,
            corrects_id: r.corrects_id,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            status: if r.status == RequestStatus::Pending && r.expired { RequestStatus::Expired } else { r.status },
            decided_by: r.decided_by,
            decided_by_name: r.decided_by_name,
            decided_at: r.decided_at,
            decision_note: r.decision_note,
            ledger_id: r.ledger_id,
            balance_after: r.balance_after,
            gaming_day: r.gaming_day,
            created_at: r.created_at,
        }
    }
}

/// The requests `filter` selects, oldest first.
pub(super) async fn requests(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: Filter,
) -> sqlx::Result<Vec<LoyaltyRequest>> {
    // Each filter finds its ids with a statement of its own, so each plan can use its index.
    let ids: Vec<Uuid> = match filter {
        Filter::Id(id) => vec![id.0],
        // language=PostgreSQL
        Filter::PendingToday => {
            sqlx::query_scalar!(
                "select id from loyalty_request
             where casino_id = $1 and status = 'pending' and gaming_day = compute_gaming_day($1)",
                casino_id.0,
            )
            .fetch_all(&mut *conn)
            .await?
        }
        // language=PostgreSQL
        Filter::PendingOf(player) => {
            sqlx::query_scalar!(
                "select id from loyalty_request
             where casino_id = $1 and player_id = $2 and status = 'pending' and gaming_day = compute_gaming_day($1)",
                casino_id.0,
                player.0,
            )
            .fetch_all(&mut *conn)
            .await?
        }
    };
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        Row,
        r#"select r.id as "id: LoyaltyRequestId", r.number, r.player_id as "player_id: PlayerId",
                  p.first_name || ' ' || p.last_name as "player_name!", r.reason as "reason: LoyaltyReason",
                  r.comp_item_id as "item_id: CompItemId", i.name as "item_name?",
                  i.category as "item_category?: CompCategory", r.quantity, r.value_cents, r.points, r.note,
                  r.corrects_id as "corrects_id: LedgerId", r.staff_id as "staff_id: StaffId",
                  s.first_name || ' ' || s.last_name as "staff_name!", r.status as "status: RequestStatus",
                  r.decided_by as "decided_by: StaffId", d.first_name || ' ' || d.last_name as "decided_by_name?",
                  r.decided_at, r.decision_note, l.id as "ledger_id?: LedgerId", l.balance_after as "balance_after?",
                  r.gaming_day, r.created_at, r.gaming_day < compute_gaming_day(r.casino_id) as "expired!"
           from loyalty_request r
           join player p on p.id = r.player_id
           join staff s on s.casino_id = r.casino_id and s.id = r.staff_id
           left join staff d on d.casino_id = r.casino_id and d.id = r.decided_by
           left join comp_item i on i.casino_id = r.casino_id and i.id = r.comp_item_id
           left join loyalty_ledger l on l.casino_id = r.casino_id and l.loyalty_request_id = r.id
           where r.casino_id = $1 and r.id = any($2)
           order by r.created_at, r.number"#,
        casino_id.0,
        &ids,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(LoyaltyRequest::from).collect())
}
