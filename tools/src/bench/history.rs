//! A year of history under the benchmark's floor: closed visits and slips (with the figures closing keeps)
//! spread over the last 366 days, each with its accrual and four rewards in the ledger and the six audit rows
//! of its visit and slip, written in bulk as the database owner and linked onto the casino's hash chain. The
//! open-loop phase then runs again on top of it.

use std::time::{Duration, Instant};

use pitboss::Cents;
use pitboss::rating_slip::{PolicySnapshot, rules};
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

/// Ledger rows per historical slip: its accrual and four mid-session rewards.
const LEDGER_PER_SLIP: i64 = 5;

/// The audit rows of one historical visit and its slip, with their minutes after the visit began.
const AUDIT_PER_SLIP: &str = "(values ('visit.checked_in', 'visit', 0), ('rating_slip.started', 'rating_slip', 1),
        ('rating_slip.paused', 'rating_slip', 50), ('rating_slip.resumed', 'rating_slip', 60),
        ('rating_slip.closed', 'rating_slip', 121), ('visit.checked_out', 'visit', 122)) e(action, entity, minute)";

/// Writes `slips` closed slips (and `slips` × 5 ledger rows and × 6 audit rows) for `casino`, seated by `staff`
/// at `tables` for `players`, and links the audit rows; returns how long it took.
pub async fn load(
    owner: &PgPool,
    casino: Uuid,
    staff: Uuid,
    tables: &[Uuid],
    players: &[Uuid],
    slips: i64,
) -> sqlx::Result<Duration> {
    let started = Instant::now();
    let mut tx = owner.begin().await?;
    // Every slip of the year is two hours at $25 under the floor's policy, priced by the product's own rule.
    let policy: Json<PolicySnapshot> =
        sqlx::query_scalar("select policy_snapshot from rating_slip where casino_id = $1 limit 1")
            .bind(casino)
            .fetch_one(&mut *tx)
            .await?;
    let theo = rules::theo(Cents(2_500), policy.house_edge_bps, policy.decisions_per_hour, 7_200).0;
    // Every row of the year hangs off one of `slips` moments, evenly spread; ids derive from the casino and
    // the row's number so the three inserts agree on them without a lookup. Each takes the same parameters
    // (a statement may leave some unused): $1 casino, $2 staff, $3 tables, $4 players, $5 slips, $6 ledger
    // rows per slip, $7 each slip's theo.
    let year = "from generate_series(1, $5::bigint) g,
                lateral (select now() - interval '366 days' + g * (interval '365 days' / $5::bigint) as at) moment";
    let inserts = [
        format!(
            "insert into visit (id, casino_id, player_id, started_at, ended_at, gaming_day, started_by, ended_by)
             select md5($1::text || 'v' || g)::uuid, $1, ($4::uuid[])[1 + g % cardinality($4::uuid[])], at,
                    at + interval '2 hours', (at - interval '6 hours')::date, $2, $2
             {year}"
        ),
        format!(
            "insert into rating_slip (id, casino_id, visit_id, player_id, table_id, seat_number, status, started_at,
                                      ended_at, gaming_day, average_bet_cents, game_settings, policy_snapshot,
                                      final_duration_seconds, final_average_bet_cents, final_theo_cents,
                                      started_by, closed_by)
             select md5($1::text || 's' || g)::uuid, $1, md5($1::text || 'v' || g)::uuid,
                    ($4::uuid[])[1 + g % cardinality($4::uuid[])], ($3::uuid[])[1 + g % cardinality($3::uuid[])],
                    1 + g % 7, 'closed', at, at + interval '2 hours', (at - interval '6 hours')::date, 2500,
                    template.game_settings, template.policy_snapshot, 7200, 2500, $7, $2, $2
             {year}, (select game_settings, policy_snapshot from rating_slip where casino_id = $1 limit 1) template"
        ),
        format!(
            "insert into loyalty_ledger (id, casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                                         average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day,
                                         idempotency_key, created_at)
             select gen_random_uuid(), $1, ($4::uuid[])[1 + g % cardinality($4::uuid[])],
                    md5($1::text || 's' || g)::uuid, md5($1::text || 'v' || g)::uuid, $2, 10,
                    case when k = $6 then 'session_end' else 'mid_session' end::loyalty_reason,
                    2500, 7200, $7, 0, (at - interval '6 hours')::date, gen_random_uuid(), at + k * interval '20 minutes'
             {year}, generate_series(1, $6::bigint) k"
        ),
        // In the order they happened, so the log's `seq` follows time as the app's would.
        format!(
            "insert into audit_log (casino_id, occurred_at, actor_staff_id, action, entity, entity_id)
             select $1, at + e.minute * interval '1 minute', $2, e.action, e.entity,
                    md5($1::text || case e.entity when 'visit' then 'v' else 's' end || g)::uuid
             {year}, {AUDIT_PER_SLIP}
             order by at + e.minute * interval '1 minute'"
        ),
    ];
    // A year of live-stream events is nobody's news: the notification trigger is off for this transaction only
    // (the lock this takes keeps every other session out until it commits). Rows are still queued for the chain.
    sqlx::raw_sql("alter table audit_log disable trigger audit_log_notify").execute(&mut *tx).await?;
    for insert in &inserts {
        sqlx::query(insert)
            .bind(casino)
            .bind(staff)
            .bind(tables)
            .bind(players)
            .bind(slips)
            .bind(LEDGER_PER_SLIP)
            .bind(theo)
            .execute(&mut *tx)
            .await?;
    }
    // Balances stay the sum of their ledgers.
    sqlx::query(
        "update player_loyalty b set balance_points = (select coalesce(sum(points), 0) from loyalty_ledger l
                                                       where l.casino_id = b.casino_id and l.player_id = b.player_id)
         where b.casino_id = $1",
    )
    .bind(casino)
    .execute(&mut *tx)
    .await?;
    sqlx::raw_sql("alter table audit_log enable trigger audit_log_notify").execute(&mut *tx).await?;
    tx.commit().await?;
    link(owner).await?;
    Ok(started.elapsed())
}

/// Links every queued audit row, as the servers' linkers would have over the year. The server's own linker may
/// hold the casino when a run starts (that run links nothing), so the queue is checked after each.
async fn link(owner: &PgPool) -> sqlx::Result<()> {
    loop {
        let mut tx = owner.begin().await?;
        pitboss::audit::link_all(&mut tx).await?;
        tx.commit().await?;
        if pitboss::audit::pending(&mut *owner.acquire().await?).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Vacuums and analyzes what [`load`] wrote, and checkpoints: a year of history accrues a day at a time
/// under autovacuum, while a million rows written at once leave the phase after them to pay for setting
/// their hint bits, autovacuum's passes and the checkpoint (one such run measured 3 s queues, not the
/// history's cost). The chain's queue too: linking the year at once left 1.2 million dead entries in it, which
/// every run of the servers' linkers then read (`select distinct casino_id`, 50 ms a run) until autovacuum came.
pub async fn settle(owner: &PgPool) -> sqlx::Result<Duration> {
    let started = Instant::now();
    for table in [
        "visit",
        "rating_slip",
        "rating_slip_pause",
        "loyalty_ledger",
        "player_loyalty",
        "audit_log",
        "audit_chain",
        "audit_chain_pending",
    ] {
        sqlx::raw_sql(&format!("vacuum (analyze) {table}")).execute(owner).await?;
    }
    sqlx::raw_sql("checkpoint").execute(owner).await?;
    Ok(started.elapsed())
}

/// Rows of each kind the casino now has: closed slips, ledger rows, audit rows.
pub async fn counts(owner: &PgPool, casino: Uuid) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "select (select count(*) from rating_slip where casino_id = $1 and status = 'closed'),
                (select count(*) from loyalty_ledger where casino_id = $1),
                (select count(*) from audit_log where casino_id = $1)",
    )
    .bind(casino)
    .fetch_one(owner)
    .await
}
