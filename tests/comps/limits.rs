//! The comp catalog and the authority limits as admins keep them, and rewards measured against play.

use super::common::{ALMA, Pools, actor, admin_a, audited, pit_boss_a, run};
use super::{adjust, assert_running_sums, buffet, credit, free_form, redeem};
use pitboss::casino::StaffRole;
use pitboss::loyalty::comp::{CompCategory, CompItemInput};
use pitboss::loyalty::request::{Redemption, RequestStatus};
use pitboss::loyalty::{self, LoyaltyReason};
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures(path = "../fixtures", scripts("two_casinos")))]
async fn the_catalog_and_the_limits_are_the_admins(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let steak = CompItemInput {
        id: None,
        name: " Steakhouse ".into(),
        category: CompCategory::Food,
        point_cost: None,
        active: true,
    };
    let added =
        run(&pools, admin_a(), async |conn, actor| loyalty::save_comp_item(conn, actor, Uuid::new_v4(), &steak).await)
            .await
            .expect("added");
    assert_eq!((added.name.as_str(), added.point_cost), ("Steakhouse", None));
    let twin = CompItemInput { name: "BUFFET".into(), ..steak.clone() };
    let refused =
        run(&pools, admin_a(), async |conn, actor| loyalty::save_comp_item(conn, actor, Uuid::new_v4(), &twin).await)
            .await
            .expect_err("name taken");
    assert_eq!(
        refused.fields().iter().map(|f| (f.field.as_str(), f.code)).collect::<Vec<_>>(),
        [("name", ErrorCode::CompItemInvalidName)]
    );
    let by_boss = run(&pools, pit_boss_a(), async |conn, actor| {
        loyalty::save_comp_item(conn, actor, Uuid::new_v4(), &steak).await
    })
    .await;
    assert_eq!(by_boss.expect_err("forbidden").code(), ErrorCode::Forbidden);
    // Casino B's catalog has its own buffet and none of A's items.
    let b =
        run(&pools, actor(super::common::CASINO_B, super::common::ADMIN_B, StaffRole::Admin), async |conn, actor| {
            loyalty::comp_items(conn, actor).await
        })
        .await
        .expect("catalog");
    assert_eq!(b.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["Buffet"]);

    // At value: a $42.50 dinner at 10 points per dollar.
    adjust(&pools, admin_a(), credit(ALMA, 900)).await.expect("credit");
    let dinner = Redemption { item_id: Some(added.id), points: None, value: Some(Cents(4_250)), ..buffet(ALMA, 1) };
    assert_eq!(redeem(&pools, pit_boss_a(), dinner).await.expect("dinner").points, -425);

    // Limits: lowered to 0, every pit boss comp waits.
    let mut settings = run(&pools, admin_a(), async |conn, actor| loyalty::loyalty_settings(conn, actor).await)
        .await
        .expect("settings");
    settings.pit_boss_comp_limit_points = 0;
    run(&pools, admin_a(), async |conn, actor| loyalty::update_loyalty_settings(conn, actor, &settings).await)
        .await
        .expect("saved");
    assert_eq!(redeem(&pools, pit_boss_a(), free_form(ALMA, 1)).await.expect("comp").status, RequestStatus::Pending);
    settings.pit_boss_day_limit_points = -1;
    let bad =
        run(&pools, admin_a(), async |conn, actor| loyalty::update_loyalty_settings(conn, actor, &settings).await)
            .await;
    assert_eq!(bad.expect_err("invalid").code(), ErrorCode::ValidationFailed);
    let by_boss =
        run(&pools, pit_boss_a(), async |conn, actor| loyalty::update_loyalty_settings(conn, actor, &settings).await)
            .await;
    assert_eq!(by_boss.expect_err("forbidden").code(), ErrorCode::Forbidden);
    assert_eq!(audited(&pools, "casino_settings.loyalty_updated").await, 1);
    assert_eq!(audited(&pools, "comp_item.added").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures(path = "../fixtures", scripts("two_casinos")))]
async fn rewards_beyond_what_the_slip_earned_use_the_issuers_authority(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    use super::common::ALMA_SLIP;
    use loyalty::RewardRequest;
    let pools = Pools::connect(options, connect).await;
    let reward = |points: i32, reason: LoyaltyReason| RewardRequest {
        player_id: ALMA,
        rating_slip_id: ALMA_SLIP,
        points,
        reason,
        idempotency_key: Uuid::new_v4(),
    };
    let issue = async |who: Actor, request: RewardRequest| {
        run(&pools, who, async |conn, actor| loyalty::issue_mid_session_reward(conn, actor, &request).await).await
    };
    let panel = run(&pools, pit_boss_a(), async |conn, actor| loyalty::slip_rewards(conn, actor, ALMA_SLIP).await)
        .await
        .expect("panel");
    let owed = i32::try_from(panel.suggested_points).expect("points");
    assert!(panel.earned_points >= panel.suggested_points);
    assert_eq!(panel.authority.most_now(), Some(500));

    // What the slip earned is no one's discretion; 500 beyond it is the pit boss's per-comp limit.
    let earned = issue(pit_boss_a(), reward(owed + 500, LoyaltyReason::MidSession)).await.expect("within");
    assert_eq!(earned.discretionary_points, 500);
    let beyond = issue(pit_boss_a(), reward(501, LoyaltyReason::MidSession)).await.expect_err("beyond");
    assert_eq!(beyond.code(), ErrorCode::LoyaltyOverAuthority);
    let field = &beyond.fields()[0];
    assert_eq!(field.field, "points");
    assert!(
        field.text().starts_with("501 discretionary points is beyond your authority. Up to 500 points per comp"),
        "{}",
        field.text()
    );
    // A promotion is discretionary whole; the cap still speaks first.
    assert_eq!(
        issue(pit_boss_a(), reward(501, LoyaltyReason::Promotion)).await.expect_err("beyond").code(),
        ErrorCode::LoyaltyOverAuthority
    );
    assert_eq!(
        issue(pit_boss_a(), reward(5_001, LoyaltyReason::Promotion)).await.expect_err("cap").code(),
        ErrorCode::LoyaltyOverCap
    );
    // An admin has no limit.
    assert_eq!(
        issue(admin_a(), reward(5_000, LoyaltyReason::Promotion)).await.expect("admin").discretionary_points,
        5_000
    );
    // 500 used of the pit boss's 2,000 today: the panel says what is left.
    let panel = run(&pools, pit_boss_a(), async |conn, actor| loyalty::slip_rewards(conn, actor, ALMA_SLIP).await)
        .await
        .expect("panel");
    assert_eq!(panel.authority.used_today, 500);
    assert_running_sums(&pools).await;
    pools.close().await;
}
