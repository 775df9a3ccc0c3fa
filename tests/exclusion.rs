//! The exclusion service against PostgreSQL as the runtime role: who sets and lifts flags, and what a flag in force
//! refuses — checking in, seating, moving into a seat, rewards — for every writer, while `watch` refuses nothing.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{
    ALMA, ALMA_SLIP, ALMA_VISIT, CASINO_A, COMPLIANCE_A, CRUZ, Pools, TABLE_A_ACTIVE, actor, admin_a, audit_actions,
    count, pit_boss_a, run,
};
use pitboss::casino::StaffRole;
use pitboss::exclusion::{self, ExclusionInput, ExclusionKind};
use pitboss::floor::{self, PlayerChoice};
use pitboss::loyalty::{self, LoyaltyReason, RewardRequest};
use pitboss::player::PlayerId;
use pitboss::visit::{self, Seat};
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

fn compliance_a() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

fn flag(player_id: PlayerId, kind: ExclusionKind) -> ExclusionInput {
    ExclusionInput { player_id, kind, reason: "Cheating at BJ-01 on 3 Dec".into(), until: None }
}

async fn set(pools: &Pools, who: Actor, input: ExclusionInput) -> Result<exclusion::Exclusion, exclusion::Error> {
    run(pools, who, async |conn, actor| exclusion::exclude(conn, actor, &input).await).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_barred_player_cannot_be_checked_in_or_seated_until_the_flag_is_lifted(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let barred = set(&pools, compliance_a(), flag(CRUZ, ExclusionKind::Barred)).await.expect("flagged");
    assert_eq!((barred.kind, barred.set_by.is_some(), barred.lifted_at), (ExclusionKind::Barred, true, None));

    let check_in = run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await;
    assert_eq!(check_in.expect_err("barred").code(), ErrorCode::PlayerExcluded);
    let one_tap = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 5, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await;
    assert_eq!(one_tap.expect_err("barred").code(), ErrorCode::PlayerExcluded);
    let visits = count(&pools, &format!("select count(*) from visit where player_id = '{}'", CRUZ.0)).await;
    assert_eq!(visits, 0, "nothing half-written");

    let lifted = run(&pools, admin_a(), async |conn, actor| {
        exclusion::lift(conn, actor, barred.id, "Cleared by the shift manager").await
    })
    .await
    .expect("lifted");
    assert!(lifted.lifted_at.is_some() && lifted.lifted_by.is_some());
    let again =
        run(&pools, admin_a(), async |conn, actor| exclusion::lift(conn, actor, barred.id, "twice").await).await;
    assert_eq!(again.expect_err("once").code(), ErrorCode::ExclusionAlreadyLifted);
    run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await.expect("checked in");
    assert_eq!(audit_actions(&pools, barred.id.0).await, ["player_exclusion.set", "player_exclusion.lifted"]);
    let history =
        run(&pools, boss, async |conn, actor| exclusion::exclusions_of(conn, actor, CRUZ).await).await.expect("list");
    assert_eq!(history.len(), 1, "a lifted flag is kept");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_player_flagged_while_seated_cannot_move_or_be_rewarded_but_their_slip_closes(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    set(&pools, compliance_a(), flag(ALMA, ExclusionKind::SelfExcluded)).await.expect("flagged");
    let moved = run(&pools, boss, async |conn, actor| visit::unseat(conn, actor, ALMA_VISIT).await.map(|_| ())).await;
    assert_eq!(moved.expect_err("rated").code(), ErrorCode::VisitHasActiveSlip);
    let request = RewardRequest {
        player_id: ALMA,
        rating_slip_id: ALMA_SLIP,
        points: 10,
        reason: LoyaltyReason::MidSession,
        idempotency_key: Uuid::new_v4(),
    };
    let reward =
        run(&pools, boss, async |conn, actor| loyalty::issue_mid_session_reward(conn, actor, &request).await).await;
    assert_eq!(reward.expect_err("excluded").code(), ErrorCode::PlayerExcluded);
    // Closing their slip (and its accrual) is not a reward: the pit can end the session.
    run(&pools, boss, async |conn, actor| pitboss::rating_slip::close(conn, actor, ALMA_SLIP, None, None).await)
        .await
        .expect("closed");
    let reseat = run(&pools, boss, async |conn, actor| {
        visit::seat(conn, actor, ALMA_VISIT, Seat { table_id: TABLE_A_ACTIVE, number: 6 }).await
    })
    .await;
    assert_eq!(reseat.expect_err("no seat").code(), ErrorCode::PlayerExcluded);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn watch_refuses_nothing_and_shows_on_the_seat_map(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    set(&pools, compliance_a(), flag(CRUZ, ExclusionKind::Watch)).await.expect("flagged");
    let slip = run(&pools, pit_boss_a(), async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 5, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await
    .expect("a watched player plays");
    let maps = run(&pools, pit_boss_a(), async |conn, actor| floor::seat_maps(conn, actor, Some(TABLE_A_ACTIVE)).await)
        .await
        .expect("seat map");
    let occupant = |number: i16| maps[0].seats.iter().find(|s| s.number == number).and_then(|s| s.occupant.clone());
    assert_eq!(occupant(slip.seat).and_then(|o| o.flag), Some(ExclusionKind::Watch));
    // Alma carries the fixture's watch flag; a barred one on top shows as the more serious.
    set(&pools, compliance_a(), flag(ALMA, ExclusionKind::Barred)).await.expect("flagged");
    let maps = run(&pools, pit_boss_a(), async |conn, actor| floor::seat_maps(conn, actor, Some(TABLE_A_ACTIVE)).await)
        .await
        .expect("seat map");
    let alma = maps[0].seats.iter().find_map(|s| s.occupant.clone().filter(|o| o.player_id == ALMA));
    assert_eq!(alma.and_then(|o| o.flag), Some(ExclusionKind::Barred));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn only_compliance_and_admins_set_flags_and_each_flag_says_why(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let by_pit = set(&pools, pit_boss_a(), flag(CRUZ, ExclusionKind::Barred)).await;
    assert_eq!(by_pit.expect_err("pit boss").code(), ErrorCode::Forbidden);
    let no_reason =
        set(&pools, compliance_a(), ExclusionInput { reason: "  ".into(), ..flag(CRUZ, ExclusionKind::Barred) }).await;
    let refused = no_reason.expect_err("no reason");
    assert_eq!((refused.code(), refused.fields()[0].field.as_str()), (ErrorCode::ExclusionInvalidReason, "reason"));
    let past = chrono::Utc::now() - chrono::Duration::hours(1);
    let ended =
        set(&pools, compliance_a(), ExclusionInput { until: Some(past), ..flag(CRUZ, ExclusionKind::Barred) }).await;
    assert_eq!(ended.expect_err("ended").code(), ErrorCode::ExclusionInvalidUntil);
    let stranger = set(&pools, compliance_a(), flag(PlayerId(Uuid::new_v4()), ExclusionKind::Watch)).await;
    assert_eq!(stranger.expect_err("not enrolled").code(), ErrorCode::NotFound);

    // A flag whose end has passed keeps nobody out.
    let flag = set(
        &pools,
        compliance_a(),
        ExclusionInput {
            until: Some(chrono::Utc::now() + chrono::Duration::days(1)),
            ..flag(CRUZ, ExclusionKind::SelfExcluded)
        },
    )
    .await
    .expect("flagged for a day");
    sqlx::query("update player_exclusion set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' where id = $1")
        .bind(flag.id.0)
        .execute(&pools.admin)
        .await
        .expect("a day later");
    run(&pools, pit_boss_a(), async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await.expect("checked in");
    pools.close().await;
}
