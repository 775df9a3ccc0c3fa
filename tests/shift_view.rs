//! The shift view as the runtime role: a table's day built step by step at chosen instants, read back per
//! table and per hour against figures computed by hand; the role and casino it is read for.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[path = "table_accounting/support.rs"]
mod support;

use common::{CASINO_B, Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, actor, pit_boss_a, run_at};
use pitboss::casino::{StaffId, StaffRole};
use pitboss::floor::{self, ShiftView};
use pitboss::loyalty::{self, LoyaltyReason, RewardRequest};
use pitboss::table_accounting::{CageRequestKind, CountKind};
use pitboss::table_context::TableStatus;
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use support::{ask, at, cashier_a, confirm, day, open, seat_new_player, tray};

async fn shift_at(pools: &Pools, who: Actor, when: &str) -> Result<ShiftView, floor::Error> {
    run_at(pools, who, at(when), async |conn, actor| floor::shift_view(conn, actor).await).await
}

/// BJ-02 on gaming day 2026-06-10 (Los Angeles, from 06:00 = 13:00Z), read at 16:59Z: opened at 15:01 on a
/// $3,500 tray, a player rated from 15:30, a $1,000 fill confirmed at 16:05, a shift-change count of $3,000
/// at 16:30 (tray result 0 − 1,000 + 3,000 − 3,500 = −$1,500), a credit still waiting, 50 points at 16:10.
#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_shift_view_reads_each_table_and_hour_as_computed_by_hand(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t = TABLE_A_INACTIVE;
    tray(&pools, "2026-06-10T15:00:00Z", t, CountKind::Opening, &[(10_000, 20), (2_500, 40), (500, 100)]).await;
    open(&pools, "2026-06-10T15:01:00Z", t).await;
    let slip = seat_new_player(&pools, "2026-06-10T15:30:00Z", t, 2, 2_500).await;
    let fill = ask(&pools, "2026-06-10T16:00:00Z", t, CageRequestKind::Fill, &[(10_000, 10)]).await;
    confirm(&pools, "2026-06-10T16:05:00Z", &fill).await;
    let reward = RewardRequest {
        player_id: slip.player_id,
        rating_slip_id: slip.id,
        points: 50,
        reason: LoyaltyReason::MidSession,
        idempotency_key: uuid::Uuid::new_v4(),
    };
    run_at(&pools, pit_boss_a(), at("2026-06-10T16:10:00Z"), async |conn, actor| {
        loyalty::issue_mid_session_reward(conn, actor, &reward).await
    })
    .await
    .expect("reward");
    tray(&pools, "2026-06-10T16:30:00Z", t, CountKind::ShiftChange, &[(10_000, 15), (2_500, 40), (500, 100)]).await;
    ask(&pools, "2026-06-10T16:40:00Z", t, CageRequestKind::Credit, &[(10_000, 2)]).await;

    let view = shift_at(&pools, pit_boss_a(), "2026-06-10T16:59:00Z").await.expect("the shift view");
    assert_eq!((view.gaming_day, view.day_start), (day("2026-06-10"), at("2026-06-10T13:00:00Z")));
    let bj02 = view.tables.iter().find(|row| row.table_id == t).expect("BJ-02");
    assert_eq!((bj02.status, bj02.seats, bj02.occupied, bj02.rated), (TableStatus::Active, 7, 1, 1));
    assert_eq!((bj02.tray_result, bj02.win), (Some(Cents(-150_000)), None), "no drop before the day ends");
    assert_eq!((bj02.pending_fills, bj02.pending_credits), (0, 1));
    let bj01 = view.tables.iter().find(|row| row.table_id == TABLE_A_ACTIVE).expect("BJ-01");
    assert_eq!((bj01.occupied, bj01.rated, bj01.pending_fills), (1, 1, 1), "the fixture's Alma and fill");
    let labels: Vec<&str> = view.tables.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, ["BJ-03", "BJ-01", "BJ-02"], "by pit (High Limit, Main), then label");

    // The slip ran 15:30 → 16:59: 1,800 s in the 08:00 hour and 3,540 s in the 09:00 hour (local), its theo
    // split in that proportion, the remainder cent in the last.
    let labels: Vec<&str> = view.hours.iter().map(|h| h.label.as_str()).collect();
    assert_eq!(labels, ["06:00", "07:00", "08:00", "09:00"]);
    let seconds: Vec<i64> = view.hours.iter().map(|h| h.player_seconds).collect();
    assert_eq!(seconds, [0, 0, 1_800, 3_540]);
    let theo = bj02.theo.0;
    assert!(theo > 0, "a rated player has theo");
    let first = theo * 1_800 / 5_340;
    let hourly: Vec<i64> = view.hours.iter().map(|h| h.theo.0).collect();
    assert_eq!(hourly, [0, 0, first, theo - first]);
    let points: Vec<i64> = view.hours.iter().map(|h| h.reward_points).collect();
    assert_eq!(points, [0, 0, 0, 50]);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_shift_view_is_the_pits_and_shows_only_its_own_casino(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let refused = shift_at(&pools, cashier_a(), "2026-06-10T16:00:00Z").await.expect_err("not the cage's");
    assert_eq!(refused.code(), ErrorCode::Forbidden);
    let boss_b = actor(CASINO_B, StaffId(uuid::uuid!("bbbbbbbb-0000-4000-8000-0000000000b2")), StaffRole::PitBoss);
    let theirs = shift_at(&pools, boss_b, "2026-06-10T16:00:00Z").await.expect("casino B's view");
    let labels: Vec<_> = theirs.tables.iter().map(|row| row.table_id).collect();
    assert_eq!(labels, [common::TABLE_B], "casino A's tables stay out");
}
