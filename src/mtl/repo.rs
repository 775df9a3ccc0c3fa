//! SQL of the MTL and of the cash totals behind threshold proximity.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::model::{MtlEntry, MtlEntryId};
use crate::casino::CasinoId;
use crate::finance::{Direction, FinanceTxnId, Source};
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::SlipId;

/// One player's cash totals for a day, as the MTL trigger counts them (a reversal subtracts).
pub(super) struct CashTotals {
    pub player_id: PlayerId,
    pub player_name: String,
    pub cash_in: i64,
    pub cash_out: i64,
}

/// The cash totals of `day` per player: of `players` only, or of everyone with cash activity that day.
pub(super) async fn cash_totals(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: NaiveDate,
    players: Option<&[uuid::Uuid]>,
) -> sqlx::Result<Vec<CashTotals>> {
    // language=PostgreSQL
    sqlx::query_as!(
        CashTotals,
        r#"select t.player_id as "player_id: PlayerId", p.first_name || ' ' || p.last_name as "player_name!",
                  coalesce(sum(case when t.reverses_id is null then t.amount_cents else -t.amount_cents end)
                           filter (where t.direction = 'in'), 0)::bigint as "cash_in!",
                  coalesce(sum(case when t.reverses_id is null then t.amount_cents else -t.amount_cents end)
                           filter (where t.direction = 'out'), 0)::bigint as "cash_out!"
           from player_financial_transaction t
           join player p on p.id = t.player_id
           where t.casino_id = $1 and t.gaming_day = $2 and t.tender = 'cash'
             and ($3::uuid[] is null or t.player_id = any($3))
           group by t.player_id, p.first_name, p.last_name"#,
        casino_id.0,
        day,
        players,
    )
    .fetch_all(conn)
    .await
}

struct Row {
    id: MtlEntryId,
    player_id: PlayerId,
    player_name: String,
    financial_txn_id: FinanceTxnId,
    rating_slip_id: Option<SlipId>,
    direction: Direction,
    source: Source,
    amount_cents: i64,
    is_reversal: bool,
    day_total_cents: i64,
    gaming_day: NaiveDate,
    staff_name: String,
    created_at: DateTime<Utc>,
}

impl From<Row> for MtlEntry {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            player_id: r.player_id,
            player_name: r.player_name,
            financial_txn_id: r.financial_txn_id,
            rating_slip_id: r.rating_slip_id,
            direction: r.direction,
            source: r.source,
            amount: Cents(r.amount_cents),
            is_reversal: r.is_reversal,
            day_total: Cents(r.day_total_cents),
            gaming_day: r.gaming_day,
            staff_name: r.staff_name,
            created_at: r.created_at,
        }
    }
}

/// MTL rows newest first (ties by id, descending): of `day` or of every day, older than the row `after`,
/// at most `limit`.
pub(super) async fn page(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: Option<NaiveDate>,
    after: Option<(DateTime<Utc>, uuid::Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<MtlEntry>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        Row,
        r#"select m.id as "id: MtlEntryId", m.player_id as "player_id: PlayerId",
                  p.first_name || ' ' || p.last_name as "player_name!", m.financial_txn_id as "financial_txn_id: FinanceTxnId",
                  m.rating_slip_id as "rating_slip_id: SlipId", m.direction as "direction: Direction",
                  m.source as "source: Source", m.amount_cents, m.is_reversal, m.day_total_cents, m.gaming_day,
                  s.first_name || ' ' || s.last_name as "staff_name!", m.created_at
           from mtl_entry m
           join player p on p.id = m.player_id
           join staff s on s.casino_id = m.casino_id and s.id = m.staff_id
           where m.casino_id = $1 and ($2::date is null or m.gaming_day = $2)
             and ($3::timestamptz is null or (m.created_at, m.id) < ($3, $4::uuid))
           order by m.created_at desc, m.id desc
           limit $5"#,
        casino_id.0,
        day,
        after.map(|a| a.0),
        after.map(|a| a.1),
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(MtlEntry::from).collect())
}
