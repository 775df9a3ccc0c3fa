//! SQL of finance entries.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Direction, FinanceEntry, FinanceTxnId, NewEntry, ReversalRequest, Source, Tender};
use crate::casino::{CasinoId, StaffId};
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::SlipId;
use crate::visit::VisitId;

/// An entry as stored, with its reversal (if any) and the recorder's name from joins.
struct Row {
    id: FinanceTxnId,
    player_id: PlayerId,
    visit_id: Option<VisitId>,
    rating_slip_id: Option<SlipId>,
    direction: Direction,
    amount_cents: i64,
    tender: Tender,
    source: Source,
    note: Option<String>,
    reverses_id: Option<FinanceTxnId>,
    reversed_by: Option<FinanceTxnId>,
    gaming_day: NaiveDate,
    staff_id: StaffId,
    staff_name: String,
    created_at: DateTime<Utc>,
}

impl From<Row> for FinanceEntry {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            player_id: r.player_id,
            visit_id: r.visit_id,
            rating_slip_id: r.rating_slip_id,
            direction: r.direction,
            amount: Cents(r.amount_cents),
            tender: r.tender,
            source: r.source,
            note: r.note,
            reverses_id: r.reverses_id,
            reversed_by: r.reversed_by,
            gaming_day: r.gaming_day,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            created_at: r.created_at,
        }
    }
}

/// Calls `rpc_create_financial_txn`: checks, the entry, its MTL row and its audit row, as one statement of
/// the caller's transaction. Returns the entry's id (the first entry's for a replayed key).
pub(super) async fn create(conn: &mut PgConnection, r: &NewEntry, key: Uuid) -> sqlx::Result<FinanceTxnId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select id as "id!: FinanceTxnId" from rpc_create_financial_txn($1, $2, $3, $4, $5, $6, $7, $8, $9)"#,
        r.player_id.0,
        r.direction as Direction,
        r.amount.0,
        r.tender as Tender,
        r.source as Source,
        r.visit_id.map(|v| v.0),
        r.rating_slip_id.map(|s| s.0),
        r.note.as_deref(),
        key,
    )
    .fetch_one(conn)
    .await
}

/// Calls `rpc_reverse_financial_txn`; returns the reversal's id (the first one's for a replayed key).
pub(super) async fn reverse(conn: &mut PgConnection, r: &ReversalRequest) -> sqlx::Result<FinanceTxnId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select id as "id!: FinanceTxnId" from rpc_reverse_financial_txn($1, $2, $3)"#,
        r.original_id.0,
        r.reason,
        r.idempotency_key,
    )
    .fetch_one(conn)
    .await
}

/// Which entries to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Filter {
    /// One entry.
    Id(FinanceTxnId),
    /// A player's entries, of one gaming day or (None) the latest.
    Player(PlayerId, Option<NaiveDate>),
}

/// The entries `filter` selects, newest first (at most 200).
pub(super) async fn entries(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: Filter,
) -> sqlx::Result<Vec<FinanceEntry>> {
    let (id, player, day) = match filter {
        Filter::Id(id) => (Some(id.0), None, None),
        Filter::Player(player, day) => (None, Some(player.0), day),
    };
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        Row,
        r#"select t.id as "id: FinanceTxnId", t.player_id as "player_id: PlayerId", t.visit_id as "visit_id: VisitId",
                  t.rating_slip_id as "rating_slip_id: SlipId", t.direction as "direction: Direction", t.amount_cents,
                  t.tender as "tender: Tender", t.source as "source: Source", t.note,
                  t.reverses_id as "reverses_id: FinanceTxnId", r.id as "reversed_by?: FinanceTxnId", t.gaming_day,
                  t.staff_id as "staff_id: StaffId", s.first_name || ' ' || s.last_name as "staff_name!", t.created_at
           from player_financial_transaction t
           join staff s on s.casino_id = t.casino_id and s.id = t.staff_id
           left join player_financial_transaction r on r.casino_id = t.casino_id and r.reverses_id = t.id
           where t.casino_id = $1
             and ($2::uuid is null or t.id = $2)
             and ($3::uuid is null or t.player_id = $3)
             and ($4::date is null or t.gaming_day = $4)
           order by t.created_at desc, t.id
           limit 200"#,
        casino_id.0,
        id,
        player,
        day,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(FinanceEntry::from).collect())
}

/// Per rating slip, the buy-ins taken at the pit on it on gaming day `day` in cash or markers (what goes into
/// the table's drop box), net of corrections: a reversal is judged by its original.
pub(super) async fn rated_buy_ins(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: NaiveDate,
) -> sqlx::Result<Vec<(SlipId, Cents)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select o.rating_slip_id as "slip_id!: SlipId",
                  sum(case when t.reverses_id is null then t.amount_cents else -t.amount_cents end)::bigint
                      as "cents!"
           from player_financial_transaction t
           join player_financial_transaction o on o.casino_id = t.casino_id and o.id = coalesce(t.reverses_id, t.id)
           where t.casino_id = $1 and t.gaming_day = $2 and o.rating_slip_id is not null and o.direction = 'in'
             and o.source = 'pit' and o.tender in ('cash', 'marker')
           group by o.rating_slip_id"#,
        casino_id.0,
        day,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slip_id, Cents(r.cents))).collect())
}
