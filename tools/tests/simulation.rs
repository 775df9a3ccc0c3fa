//! The shift simulator at a small size: every invariant holds after a shift with every kind of activity,
//! the same seed gives the same shift, and the verifier reports tampering with each kind of record.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

#[path = "../../tests/common/mod.rs"]
mod common;

use common::{Pools, tamper};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tools::simulation::{self, Config, Shift};

const SMALL: Config = Config { tables: 6, players: 40, hours: 3, seed: 14 };

async fn shift(pools: &Pools, config: Config) -> Shift {
    simulation::run(&pools.admin, &pools.app, config).await.expect("the shift runs to its end")
}

async fn broken(pools: &Pools, shift: &Shift) -> Vec<&'static str> {
    let found = shift.verify(&pools.admin, &pools.app).await.expect("verify");
    found.iter().map(|v| v.invariant).collect()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_small_shift_keeps_every_invariant(pool_options: PgPoolOptions, connect_options: PgConnectOptions) {
    let pools = Pools::connect(pool_options, connect_options).await;
    let shift = shift(&pools, SMALL).await;
    let violations = shift.verify(&pools.admin, &pools.app).await.expect("verify");
    assert!(violations.is_empty(), "{violations:#?}");

    // The shift did every kind of thing the invariants are about.
    let c = shift.counts;
    let kinds = [
        ("tables opened", c.tables_opened),
        ("forced closes", c.forced_closes),
        ("dealer rotations", c.dealer_rotations),
        ("check-outs", c.check_outs),
        ("slips", c.slips),
        ("pauses", c.pauses),
        ("resumes", c.resumes),
        ("bet changes", c.bet_changes),
        ("moves", c.moves),
        ("unrated seats", c.unrated_seats),
        ("flags", c.exclusions),
        ("players turned away", c.turned_away),
        ("rewards", c.rewards),
        ("reward duplicates", c.reward_duplicates),
        ("comps", c.comps),
        ("comps approved beyond authority", c.comp_approvals),
        ("comps denied", c.comp_denials),
        ("finance entries", c.finance_entries),
        ("finance duplicates", c.finance_duplicates),
        ("reversals", c.reversals),
        ("visits carried over the gaming day's end", c.rolled_visits),
        ("slips carried over the gaming day's end", c.rolled_slips),
        ("tray counts", c.tray_counts),
        ("fills", c.fills),
        ("drops", c.drops),
        ("shifts' own boxes", c.shift_drops),
    ];
    for (kind, count) in kinds {
        assert!(count > 0, "no {kind} in the small shift: {c:?}");
    }
    assert_eq!(c.check_ins, c.check_outs, "everyone who came in left");
    let (mtl_rows, days): (i64, i64) =
        sqlx::query_as("select count(*), count(distinct gaming_day) from mtl_entry where casino_id = $1")
            .bind(shift.casino_id.0)
            .fetch_one(&pools.admin)
            .await
            .expect("mtl rows");
    assert!(mtl_rows > 0, "high rollers crossed the watchlist floor");
    assert_eq!(days, 2, "the shift straddles the gaming-day start, so totals restart");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn one_seed_gives_one_shift(pool_options: PgPoolOptions, connect_options: PgConnectOptions) {
    let pools = Pools::connect(pool_options, connect_options).await;
    let config = Config { tables: 3, players: 12, hours: 2, seed: 5 };
    let (first, second) = (shift(&pools, config).await, shift(&pools, config).await);
    assert_ne!(first.casino_id, second.casino_id);
    assert_eq!(first.counts, second.counts);
    let other = shift(&pools, Config { seed: 6, ..config }).await;
    assert_ne!(first.counts, other.counts, "another seed, another shift");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_verifier_reports_each_kind_of_damage(pool_options: PgPoolOptions, connect_options: PgConnectOptions) {
    let pools = Pools::connect(pool_options, connect_options).await;
    let shift = shift(&pools, Config { tables: 4, players: 30, hours: 3, seed: 3 }).await;
    assert_eq!(broken(&pools, &shift).await, Vec::<&str>::new());
    let casino = shift.casino_id.0;
    let one = |table: &str| format!("(select id from {table} where casino_id = $1 order by id limit 1)");

    let cases = [
        (
            format!(
                "update rating_slip set final_duration_seconds = final_duration_seconds + 1 where id = {}",
                one("rating_slip")
            ),
            "accrued seconds",
        ),
        (
            format!("update rating_slip set gaming_day = gaming_day + 1 where id = {}", one("rating_slip")),
            "seconds per gaming day",
        ),
        (
            "update player_loyalty set balance_points = balance_points + 1
             where player_id = (select player_id from player_loyalty where casino_id = $1 order by player_id limit 1)"
                .to_owned(),
            "balance equals ledger",
        ),
        (
            format!(
                "update rating_slip_pause set ended_at = null, ended_recorded_at = null where id = {}",
                one("rating_slip_pause")
            ),
            "end of shift",
        ),
        (format!("delete from mtl_entry where id = {}", one("mtl_entry")), "MTL"),
        // A linked row (the verifier's own reads may add a pending few), whatever its `after` was.
        (
            "update audit_log set after = coalesce(after, '{}') || '{\"tampered\": true}'
             where id = (select audit_id from audit_chain where casino_id = $1 order by seq limit 1)"
                .to_owned(),
            "audit chain",
        ),
        (
            "delete from audit_log where id = (select id from audit_log where casino_id = $1 and entity = 'visit' limit 1)"
                .to_owned(),
            "audit rows",
        ),
        (
            "update loyalty_ledger set balance_after = balance_after + 7
             where id = (select id from loyalty_ledger where casino_id = $1 and reason = 'session_end'
                         order by seq limit 1)"
                .to_owned(),
            "balance_after is the running sum",
        ),
        (
            "update loyalty_ledger set discretionary_points = 1000000 where id = (select l.id from loyalty_ledger l
               join staff s on s.id = l.authorized_by where l.casino_id = $1 and s.role = 'pit_boss' limit 1)"
                .to_owned(),
            "authority limits hold",
        ),
        (
            "delete from loyalty_ledger where id = (select id from loyalty_ledger where casino_id = $1
                                                    and reason = 'redemption' limit 1)"
                .to_owned(),
            "comps",
        ),
        (
            "insert into loyalty_ledger (id, casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                                         average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day,
                                         idempotency_key)
             select gen_random_uuid(), casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                    average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day, gen_random_uuid()
             from loyalty_ledger where casino_id = $1 and reason = 'mid_session' limit 1"
                .to_owned(),
            "duplicate rewards",
        ),
        (
            "insert into table_drop (id, casino_id, table_id, gaming_day, cash_cents, markers_cents, entered_by, created_at)
             select gen_random_uuid(), casino_id, table_id, gaming_day, 100, 0, entered_by, created_at
             from table_drop where casino_id = $1 limit 1"
                .to_owned(),
            "table win",
        ),
        (
            "insert into table_drop (id, casino_id, table_id, gaming_day, cash_cents, markers_cents, shift_end_id,
                                     entered_by, created_at)
             select gen_random_uuid(), c.casino_id, c.table_id, c.gaming_day, 100, 0, c.id, d.entered_by, d.created_at
             from table_inventory_count c,
                  (select entered_by, created_at from table_drop where casino_id = $1 limit 1) d
             where c.casino_id = $1 and c.kind = 'shift_change' limit 1"
                .to_owned(),
            "shift win",
        ),
    ];
    for (sql, invariant) in cases {
        // Each case on a fresh copy would cost a shift each; instead damage accumulates and each new kind must
        // appear in the report.
        tamper(&pools, &sql, casino).await;
        let report = broken(&pools, &shift).await;
        assert!(report.contains(&invariant), "after `{sql}` the verifier reported {report:?}, not {invariant:?}");
    }
}
