//! What the verifier reads back. Plain reads of one casino, run as its admin under row-level security.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use pitboss::casino::CasinoId;
use pitboss::finance::{Direction, FinanceTxnId};
use pitboss::player::PlayerId;
use pitboss::rating_slip::SlipId;

/// Rows still open at the end of the shift, by kind.
pub(super) struct Unfinished {
    pub slips: i64,
    pub pauses: i64,
    pub visits: i64,
    pub tables: i64,
    pub rotations: i64,
}

pub(super) async fn unfinished(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Unfinished> {
    // language=PostgreSQL
    sqlx::query_as!(
        Unfinished,
        r#"select (select count(*) from rating_slip where casino_id = $1 and status <> 'closed') as "slips!",
                  (select count(*) from rating_slip_pause where casino_id = $1 and ended_at is null) as "pauses!",
                  (select count(*) from visit where casino_id = $1 and ended_at is null) as "visits!",
                  (select count(*) from gaming_table where casino_id = $1 and status = 'active') as "tables!",
                  (select count(*) from dealer_rotation where casino_id = $1 and ended_at is null) as "rotations!""#,
        casino_id.0,
    )
    .fetch_one(conn)
    .await
}

/// A slip's stored duration and its session-end accruals.
pub(super) struct SlipFigures {
    pub id: SlipId,
    pub gaming_day: NaiveDate,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub final_seconds: Option<i32>,
    pub accruals: i64,
    pub accrued_seconds: Option<i32>,
}

pub(super) async fn slips(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<SlipFigures>> {
    // language=PostgreSQL
    sqlx::query_as!(
        SlipFigures,
        r#"select s.id as "id: SlipId", s.gaming_day, s.started_at, s.ended_at, s.final_duration_seconds as final_seconds,
                  count(l.id) as "accruals!", max(l.seconds_played) as accrued_seconds
           from rating_slip s
           left join loyalty_ledger l on l.casino_id = s.casino_id and l.rating_slip_id = s.id and l.reason = 'session_end'
           where s.casino_id = $1
           group by s.id"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await
}

/// Mid-session rewards in the ledger, and idempotency keys used more than once.
pub(crate) async fn reward_rows(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<(i64, i64)> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select count(*) filter (where reason = 'mid_session') as "rewards!",
                  count(*) - count(distinct idempotency_key) as "reused_keys!"
           from loyalty_ledger where casino_id = $1"#,
        casino_id.0,
    )
    .fetch_one(conn)
    .await?;
    Ok((row.rewards, row.reused_keys))
}

/// What the ledger must show whatever happened: rows whose `balance_after` is not the running sum of the
/// player's rows in the order written, balances below zero, and staff who authorized more discretionary points
/// than their role may (per comp, or per gaming day); and the comps that moved a balance.
pub(crate) struct LedgerChecks {
    pub not_running_sums: i64,
    pub below_zero: i64,
    pub beyond_authority: i64,
    pub redemptions: i64,
}

pub(crate) async fn ledger_checks(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<LedgerChecks> {
    // language=PostgreSQL
    sqlx::query_as!(
        LedgerChecks,
        r#"select
             (select count(*) from (select balance_after, sum(points) over (partition by player_id order by seq) as running
                                    from loyalty_ledger where casino_id = $1) r
              where balance_after <> running) as "not_running_sums!",
             (select count(*) from player_loyalty where casino_id = $1 and balance_points < 0) as "below_zero!",
             (select count(*) from (
                select sum(l.discretionary_points) as used, max(l.discretionary_points) as most,
                       max(case st.role when 'pit_boss' then cs.pit_boss_day_limit_points
                                        when 'cashier' then cs.cashier_day_limit_points end) as per_day,
                       max(case st.role when 'pit_boss' then cs.pit_boss_comp_limit_points
                                        when 'cashier' then cs.cashier_comp_limit_points end) as per_comp
                from loyalty_ledger l
                join staff st on st.casino_id = l.casino_id and st.id = l.authorized_by
                join casino_settings cs on cs.casino_id = l.casino_id
                where l.casino_id = $1 and st.role <> 'admin'
                group by l.authorized_by, l.gaming_day) a
              where a.used > a.per_day or a.most > a.per_comp) as "beyond_authority!",
             (select count(*) from loyalty_ledger where casino_id = $1 and reason = 'redemption') as "redemptions!""#,
        casino_id.0,
    )
    .fetch_one(conn)
    .await
}

/// Every loyalty account and ledger total: (player, balance, sum of the player's ledger rows).
pub(crate) async fn balances(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<(PlayerId, i64, i64)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select player_id as "player_id!: PlayerId", coalesce(b.balance_points, 0) as "balance!",
                  coalesce(s.points, 0) as "ledger!"
           from (select player_id, balance_points from player_loyalty where casino_id = $1) b
           full join (select player_id, sum(points)::bigint as points from loyalty_ledger where casino_id = $1
                      group by player_id) s using (player_id)"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.player_id, r.balance, r.ledger)).collect())
}

/// Audit rows by action.
pub(crate) async fn audit_counts(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<(String, i64)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select action as "action!", count(*) as "rows!" from audit_log where casino_id = $1 group by action"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.action, r.rows)).collect())
}

/// Rows whose own audit trail is incomplete, by kind: a slip without exactly one `started` and one `closed`,
/// a visit without one `checked_in` and one end (`checked_out`, or `rolled_over` at the gaming day's end), a ledger row, finance entry or dealer rotation
/// without the rows its life wrote.
pub(crate) async fn unaudited(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<(String, i64)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        // Per row, its audit rows through the (casino_id, entity, entity_id) index: a few thousand index lookups.
        r#"select 'rating slips' as "kind!", count(*) as "rows!" from rating_slip s,
             lateral (select count(*) filter (where action = 'rating_slip.started') as started,
                             count(*) filter (where action = 'rating_slip.closed') as closed
                      from audit_log a where a.casino_id = s.casino_id and a.entity = 'rating_slip' and a.entity_id = s.id) t
             where s.casino_id = $1 and (t.started <> 1 or t.closed <> 1)
           union all
           select 'visits', count(*) from visit v,
             lateral (select count(*) filter (where action = 'visit.checked_in') as checked_in,
                             count(*) filter (where action in ('visit.checked_out', 'visit.rolled_over')) as checked_out
                      from audit_log a where a.casino_id = v.casino_id and a.entity = 'visit' and a.entity_id = v.id) t
             where v.casino_id = $1 and (t.checked_in <> 1 or t.checked_out <> 1)
           union all
           select 'loyalty ledger rows', count(*) from loyalty_ledger l,
             lateral (select count(*) as n from audit_log a
                      where a.casino_id = l.casino_id and a.entity = 'loyalty_ledger' and a.entity_id = l.id
                        and a.action = case l.reason when 'session_end' then 'loyalty_ledger.accrued'
                                                     when 'redemption' then 'loyalty_ledger.redeemed'
                                                     else 'loyalty_ledger.reward_issued' end) t,
             -- A row a second person approved is audited as the approval of its request.
             lateral (select count(*) as n from audit_log a
                      where a.casino_id = l.casino_id and a.entity = 'loyalty_request'
                        and a.entity_id = l.loyalty_request_id and a.action = 'loyalty_request.approved') r
             where l.casino_id = $1 and t.n + r.n <> 1
           union all
           select 'finance entries', count(*) from player_financial_transaction f,
             lateral (select count(*) as n from audit_log a
                      where a.casino_id = f.casino_id and a.entity = 'player_financial_transaction' and a.entity_id = f.id
                        and a.action = case when f.reverses_id is null then 'player_financial_transaction.created'
                                            else 'player_financial_transaction.reversed' end) t
             where f.casino_id = $1 and t.n <> 1
           union all
           select 'dealer rotations', count(*) from dealer_rotation r,
             lateral (select count(*) filter (where action = 'dealer_rotation.started') as started,
                             count(*) filter (where action = 'dealer_rotation.ended') as ended
                      from audit_log a where a.casino_id = r.casino_id and a.entity = 'dealer_rotation' and a.entity_id = r.id) t
             where r.casino_id = $1 and (t.started <> 1 or t.ended <> 1)"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.kind, r.rows)).collect())
}

/// One MTL row as stored.
pub(super) struct MtlRow {
    pub financial_txn_id: FinanceTxnId,
    pub day_total_cents: i64,
    pub is_reversal: bool,
    pub gaming_day: NaiveDate,
}

pub(super) async fn mtl_rows(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<MtlRow>> {
    // language=PostgreSQL
    sqlx::query_as!(
        MtlRow,
        r#"select financial_txn_id as "financial_txn_id: FinanceTxnId", day_total_cents, is_reversal, gaming_day
           from mtl_entry where casino_id = $1"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await
}

/// One threshold event as stored.
pub(super) struct AlertRow {
    pub player_id: PlayerId,
    pub gaming_day: NaiveDate,
    pub direction: Direction,
    pub level: String,
    pub financial_txn_id: FinanceTxnId,
    pub day_total_cents: i64,
}

pub(super) async fn alerts(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<AlertRow>> {
    // language=PostgreSQL
    sqlx::query_as!(
        AlertRow,
        r#"select player_id as "player_id: PlayerId", gaming_day, direction as "direction: Direction", level,
                  financial_txn_id as "financial_txn_id: FinanceTxnId", day_total_cents
           from mtl_threshold_alert where casino_id = $1"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await
}
