//! The gaming-day rollover against PostgreSQL as the runtime role: visits and slips open at a casino's
//! gaming-day start are split at that instant and continued, every rated second on exactly one gaming day;
//! across daylight-saving changes, after downtime across several days, with two servers at once, and for a
//! player barred meanwhile. Until it has run, operators' changes to the ended day are refused.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::{CASINO_A, COMPLIANCE_A, CRUZ, Pools, TABLE_A_ACTIVE, actor, audit_actions, count, pit_boss_a, scope};
use pitboss::casino::StaffRole;
use pitboss::exclusion::{ExclusionInput, ExclusionKind};
use pitboss::floor::{self, PlayerChoice, Rollover};
use pitboss::rating_slip::{self as slips, Slip, SlipId, SlipStatus};
use pitboss::visit::{self, Seat};
use pitboss::{Actor, Cents, DomainError, ErrorCode, db};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// An RFC 3339 instant (casino A keeps `America/Los_Angeles` time, its gaming day from 06:00).
fn at(instant: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(instant).expect("an instant").with_timezone(&Utc)
}

fn day(date: &str) -> NaiveDate {
    date.parse().expect("a date")
}

/// One domain call as casino A's pit boss with the clock at `instant`.
async fn acting<T>(
    pools: &Pools,
    instant: DateTime<Utc>,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &Actor) -> Result<T, floor::Error>,
) -> Result<T, floor::Error> {
    common::run_at(pools, pit_boss_a(), instant, work).await
}

/// Seats Cruz at BJ-01 seat 4 and starts rating him at $25, at `instant`.
async fn seat_cruz(pools: &Pools, instant: DateTime<Utc>) -> Slip {
    acting(pools, instant, async |c, a| {
        floor::seat_and_start(c, a, TABLE_A_ACTIVE, 4, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await
    .expect("seated and rated")
}

async fn slip(pools: &Pools, id: SlipId, instant: DateTime<Utc>) -> Slip {
    acting(pools, instant, async |c, a| Ok(slips::slip(c, a, id).await?)).await.expect("slip")
}

async fn roll(pools: &Pools, now: DateTime<Utc>) -> Vec<Rollover> {
    floor::roll_over(&pools.app, CASINO_A, now).await.expect("rolled over")
}

/// Cruz's stored rated seconds by gaming day, closed slips only.
async fn seconds_by_day(pools: &Pools) -> Vec<(NaiveDate, i64)> {
    sqlx::query_as(
        "select gaming_day, sum(final_duration_seconds)::bigint from rating_slip
         where player_id = $1 and status = 'closed' group by gaming_day order by gaming_day",
    )
    .bind(CRUZ.0)
    .fetch_all(&pools.admin)
    .await
    .expect("seconds by day")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_slip_open_at_the_gaming_day_start_is_split_there_and_continues(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    // 05:00 PST on 2026-11-10 is gaming day 2026-11-09, which ends at 06:00 PST (14:00Z).
    let first = seat_cruz(&pools, at("2026-11-10T13:00:00Z")).await;
    assert_eq!(first.gaming_day, day("2026-11-09"));
    acting(&pools, at("2026-11-10T13:50:00Z"), async |c, a| Ok(slips::pause(c, a, first.id).await?))
        .await
        .expect("paused");

    // Between the day's end and the rollover, the ended day's visit and slip take no operator's change.
    let after_end = at("2026-11-10T14:00:10Z");
    let resume = acting(&pools, after_end, async |c, a| Ok(slips::resume(c, a, first.id).await?)).await;
    assert_eq!(resume.expect_err("the day has ended").code(), ErrorCode::GamingDayRolloverPending);
    let out = acting(&pools, after_end, async |c, a| floor::check_out(c, a, first.visit_id).await).await;
    assert_eq!(out.expect_err("the day has ended").code(), ErrorCode::GamingDayRolloverPending);
    let unseat = acting(&pools, after_end, async |c, a| Ok(visit::unseat(c, a, first.visit_id).await?)).await;
    assert_eq!(unseat.expect_err("the day has ended").code(), ErrorCode::GamingDayRolloverPending);
    assert_eq!(audit_actions(&pools, first.id.0).await, ["rating_slip.started", "rating_slip.paused"]);

    let rolled = roll(&pools, at("2026-11-10T14:00:30Z")).await;
    assert_eq!(rolled.len(), 1);
    let rollover = &rolled[0];
    assert_eq!((rollover.gaming_day, rollover.at), (day("2026-11-09"), at("2026-11-10T14:00:00Z")));
    assert!(rollover.created_system_staff);
    let [visit] = rollover.visits.as_slice() else { panic!("one visit rolled: {rollover:?}") };
    assert_eq!(
        (visit.from, visit.refused, visit.seat),
        (first.visit_id, None, Some(Seat { table_id: TABLE_A_ACTIVE, number: 4 }))
    );
    let [carried] = visit.slips.as_slice() else { panic!("one slip rolled: {visit:?}") };
    assert_eq!((carried.from, carried.seconds, carried.paused), (first.id, 3_000, true));
    let next_id = carried.to.expect("continued");

    let closed = slip(&pools, first.id, at("2026-11-10T14:05:00Z")).await;
    assert_eq!(closed.status, SlipStatus::Closed);
    assert_eq!((closed.ended_at, closed.accrued_seconds), (Some(at("2026-11-10T14:00:00Z")), 3_000));
    assert_eq!(closed.close_reason.as_deref(), Some("Gaming day 2026-11-09 ended"));
    let next = slip(&pools, next_id, at("2026-11-10T14:05:00Z")).await;
    assert_eq!(
        (next.status, next.gaming_day, next.started_at, next.previous_slip_id, next.chain_prior_seconds),
        (SlipStatus::Paused, day("2026-11-10"), at("2026-11-10T14:00:00Z"), Some(first.id), 3_000)
    );
    assert_eq!((next.table_id, next.seat, next.current_bet), (TABLE_A_ACTIVE, 4, Cents(2_500)));
    let new_visit =
        acting(&pools, at("2026-11-10T14:05:00Z"), async |c, a| Ok(visit::visit(c, a, next.visit_id).await?))
            .await
            .expect("the new visit");
    assert_eq!(Some(new_visit.id), visit.to);
    assert_eq!((new_visit.gaming_day, new_visit.started_at), (day("2026-11-10"), at("2026-11-10T14:00:00Z")));
    assert_eq!(new_visit.seat, Some(Seat { table_id: TABLE_A_ACTIVE, number: 4 }));
    let old_visit =
        acting(&pools, at("2026-11-10T14:05:00Z"), async |c, a| Ok(visit::visit(c, a, first.visit_id).await?))
            .await
            .expect("the old visit");
    assert_eq!((old_visit.ended_at, old_visit.seat), (Some(at("2026-11-10T14:00:00Z")), None));

    // The continuation plays on: resumed at 06:10, closed at 07:00, 3,000 s on the new day.
    acting(&pools, at("2026-11-10T14:10:00Z"), async |c, a| Ok(slips::resume(c, a, next_id).await?))
        .await
        .expect("resumed");
    let last =
        acting(&pools, at("2026-11-10T15:00:00Z"), async |c, a| Ok(slips::close(c, a, next_id, None, None).await?))
            .await
            .expect("closed");
    assert_eq!((last.accrued_seconds, last.chain_seconds()), (3_000, 6_000));
    assert_eq!(seconds_by_day(&pools).await, [(day("2026-11-09"), 3_000), (day("2026-11-10"), 3_000)]);
    let accruals = count(
        &pools,
        &format!("select count(*) from loyalty_ledger where reason = 'session_end' and player_id = '{}'", CRUZ.0),
    )
    .await;
    assert_eq!(accruals, 2, "each slip accrues once");

    // Audited, as the casino's system staff member, who is not on the roster.
    assert_eq!(audit_actions(&pools, first.visit_id.0).await.last().map(String::as_str), Some("visit.rolled_over"));
    let by_system = count(
        &pools,
        "select count(*) from audit_log l join staff s on s.id = l.actor_staff_id
         where l.action = 'visit.rolled_over' and s.system and s.casino_id = l.casino_id",
    )
    .await;
    assert_eq!(by_system, 1);
    let roster = common::run(&pools, common::admin_a(), async |c, a| pitboss::casino::staff_of_casino(c, a).await)
        .await
        .expect("roster");
    assert!(roster.iter().all(|s| s.last_name != "gaming-day rollover"), "{roster:?}");
    assert!(roll(&pools, at("2026-11-10T14:00:30Z")).await.is_empty(), "nothing is rolled twice");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_split_follows_daylight_saving_changes(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // (rated from, the rollover runs at, the day that ends, where it ends): 2026-10-31 runs 25 hours, to
    // 06:00 PST; 2026-03-07 runs 23, to 06:00 PDT. A split on the wrong offset rates an hour on the wrong day.
    for (from, now, ended, end) in [
        ("2026-11-01T12:00:00Z", "2026-11-01T14:30:00Z", "2026-10-31", "2026-11-01T14:00:00Z"),
        ("2026-03-08T11:00:00Z", "2026-03-08T13:30:00Z", "2026-03-07", "2026-03-08T13:00:00Z"),
    ] {
        let first = seat_cruz(&pools, at(from)).await;
        assert_eq!(first.gaming_day, day(ended));
        let rolled = roll(&pools, at(now)).await;
        assert_eq!(rolled.iter().map(|r| (r.gaming_day, r.at)).collect::<Vec<_>>(), [(day(ended), at(end))]);
        let carried = &rolled[0].visits[0].slips[0];
        assert_eq!(carried.seconds, 7_200, "{ended}: two hours to {end}");
        let closed = slip(&pools, first.id, at(now)).await;
        assert_eq!(closed.ended_at, Some(at(end)));
        let next = carried.to.expect("continued");
        let visit = slip(&pools, next, at(now)).await.visit_id;
        acting(&pools, at(now), async |c, a| floor::check_out(c, a, visit).await).await.expect("checked out");
    }
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_server_down_across_several_day_starts_catches_up_one_day_at_a_time(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    // Rated from noon PST on 2026-11-10; nothing runs until 06:30 PST on the 13th: three days ended.
    let first = seat_cruz(&pools, at("2026-11-10T20:00:00Z")).await;
    let rolled = roll(&pools, at("2026-11-13T14:30:00Z")).await;
    let days: Vec<_> = rolled.iter().map(|r| (r.gaming_day, r.at)).collect();
    assert_eq!(
        days,
        [
            (day("2026-11-10"), at("2026-11-11T14:00:00Z")),
            (day("2026-11-11"), at("2026-11-12T14:00:00Z")),
            (day("2026-11-12"), at("2026-11-13T14:00:00Z")),
        ]
    );
    let seconds: Vec<_> = rolled.iter().map(|r| r.visits[0].slips[0].seconds).collect();
    assert_eq!(seconds, [64_800, 86_400, 86_400]);
    assert_eq!(rolled[0].visits[0].slips[0].from, first.id);
    let chain: Vec<_> = rolled.windows(2).map(|w| (w[0].visits[0].slips[0].to, w[1].visits[0].slips[0].from)).collect();
    assert!(chain.iter().all(|(to, from)| *to == Some(*from)), "one chain: {chain:?}");
    let last = slip(&pools, rolled[2].visits[0].slips[0].to.expect("continued"), at("2026-11-13T15:00:00Z")).await;
    assert_eq!(
        (last.gaming_day, last.status, last.chain_prior_seconds),
        (day("2026-11-13"), SlipStatus::Open, 237_600)
    );
    assert_eq!(
        seconds_by_day(&pools).await,
        [(day("2026-11-10"), 64_800), (day("2026-11-11"), 86_400), (day("2026-11-12"), 86_400)]
    );
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn two_servers_rolling_over_at_once_do_it_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let first = seat_cruz(&pools, at("2026-11-10T13:00:00Z")).await;
    let (a, b) = (pools.wide_runtime_pool(4).await, pools.wide_runtime_pool(4).await);
    let now = at("2026-11-10T14:00:05Z");
    let (one, two) = tokio::join!(floor::roll_over(&a, CASINO_A, now), floor::roll_over(&b, CASINO_A, now));
    let (one, two) = (one.expect("first server"), two.expect("second server"));
    assert_eq!(one.len() + two.len(), 1, "one rollover between them: {one:?} {two:?}");
    // The server that created the system staff member need not be the one that won the day's lock, so the
    // creation is counted in the database, not in the answers.
    assert_eq!(count(&pools, "select count(*) from staff where system").await, 1);
    let created = "select count(*) from audit_log a join staff s on s.id = a.entity_id
                   where a.action = 'staff.created' and s.system";
    assert_eq!(count(&pools, created).await, 1);
    let continuations =
        count(&pools, &format!("select count(*) from rating_slip where previous_slip_id = '{}'", first.id.0)).await;
    assert_eq!(continuations, 1);
    assert_eq!(common::audited(&pools, "visit.rolled_over").await, 1);
    let open =
        count(&pools, &format!("select count(*) from visit where player_id = '{}' and ended_at is null", CRUZ.0)).await;
    assert_eq!(open, 1);
    a.close().await;
    b.close().await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_player_barred_during_the_day_is_not_carried_over(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let first = seat_cruz(&pools, at("2026-11-10T13:00:00Z")).await;
    let compliance = actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance);
    let input =
        ExclusionInput { player_id: CRUZ, kind: ExclusionKind::Barred, reason: "Advantage play".into(), until: None };
    db::scoped_at(&pools.app, &scope(compliance), at("2026-11-10T13:30:00Z"), async |c| {
        pitboss::exclusion::exclude(c, &compliance, &input).await
    })
    .await
    .expect("barred at 05:30");

    let rolled = roll(&pools, at("2026-11-10T14:00:30Z")).await;
    let visit = &rolled[0].visits[0];
    assert_eq!((visit.to, visit.refused), (None, Some(ErrorCode::PlayerExcluded)));
    assert_eq!((visit.slips[0].from, visit.slips[0].seconds, visit.slips[0].to), (first.id, 3_600, None));
    let open =
        count(&pools, &format!("select count(*) from visit where player_id = '{}' and ended_at is null", CRUZ.0)).await;
    assert_eq!(open, 0, "checked out at the day's end");
    assert_eq!(seconds_by_day(&pools).await, [(day("2026-11-09"), 3_600)]);
    let refused: Option<String> = sqlx::query_scalar(
        "select after->>'refused' from audit_log where action = 'visit.rolled_over' and entity_id = $1",
    )
    .bind(first.visit_id.0)
    .fetch_one(&pools.admin)
    .await
    .expect("audited");
    assert_eq!(refused.as_deref(), Some("PLAYER_EXCLUDED"));
    pools.close().await;
}
