//! Comps, adjustments and approvals against PostgreSQL as the runtime role: authority limits per role, the
//! pending queue and its four eyes, expiry at the end of the gaming day, balances that never go below zero
//! however many redeem at once, and ledgers whose every `balance_after` is the running sum.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[path = "comps/limits.rs"]
mod limits;

use common::{
    ALMA, CASHIER_A, CASINO_A, COMPLIANCE_A, CRUZ, Pools, actor, admin_a, audited, count, pit_boss_a, run, run_at,
};
use futures::future::join_all;
use pitboss::casino::{StaffId, StaffRole};
use pitboss::loyalty::comp::{CompCategory, CompItemId, CompItemInput};
use pitboss::loyalty::request::{Adjustment, Decision, LoyaltyRequest, LoyaltyRequestId, Redemption, RequestStatus};
use pitboss::loyalty::{self, LedgerId, LoyaltyReason};
use pitboss::player::PlayerId;
use pitboss::{Actor, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::{Uuid, uuid};

/// Casino A's catalog item from the fixture: a 250-point buffet.
const BUFFET: CompItemId = CompItemId(uuid!("aaaaaaaa-c0c0-4000-8000-000000000001"));
/// A second pit boss of casino A, added by [`second_pit_boss`].
const PIT_BOSS_A2: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a7"));

fn cashier_a() -> Actor {
    actor(CASINO_A, CASHIER_A, StaffRole::Cashier)
}

fn free_form(player_id: PlayerId, points: i32) -> Redemption {
    Redemption { player_id, item_id: None, points: Some(points), value: None, quantity: 1, note: "Show".into() }
}

fn buffet(player_id: PlayerId, quantity: i32) -> Redemption {
    Redemption { player_id, item_id: Some(BUFFET), points: None, value: None, quantity, note: String::new() }
}

fn decision(id: LoyaltyRequestId) -> Decision {
    Decision { loyalty_request_id: id, note: String::new() }
}

async fn redeem(pools: &Pools, who: Actor, input: Redemption) -> Result<LoyaltyRequest, loyalty::Error> {
    let id = LoyaltyRequestId(Uuid::new_v4());
    run(pools, who, async |conn, actor| loyalty::redeem(conn, actor, id, &input).await).await
}

async fn adjust(pools: &Pools, who: Actor, input: Adjustment) -> Result<LoyaltyRequest, loyalty::Error> {
    let id = LoyaltyRequestId(Uuid::new_v4());
    run(pools, who, async |conn, actor| loyalty::adjust(conn, actor, id, &input).await).await
}

async fn approve(pools: &Pools, who: Actor, id: LoyaltyRequestId) -> Result<LoyaltyRequest, loyalty::Error> {
    run(pools, who, async |conn, actor| loyalty::approve(conn, actor, &decision(id)).await).await
}

fn credit(player_id: PlayerId, points: i32) -> Adjustment {
    Adjustment {
        player_id,
        reason: LoyaltyReason::ManualAdjustment,
        points,
        note: "Opening credit".into(),
        corrects_id: None,
    }
}

async fn balance(pools: &Pools, player: PlayerId) -> i64 {
    count(pools, &format!("select balance_points from player_loyalty where player_id = '{}'", player.0)).await
}

async fn second_pit_boss(pools: &Pools) -> Actor {
    sqlx::query(
        "insert into staff (id, casino_id, first_name, last_name, role) values ($1, $2, 'Quinn', 'Floor', 'pit_boss')",
    )
    .bind(PIT_BOSS_A2.0)
    .bind(CASINO_A.0)
    .execute(&pools.admin)
    .await
    .expect("second pit boss");
    actor(CASINO_A, PIT_BOSS_A2, StaffRole::PitBoss)
}

/// Every ledger row's `balance_after` is the sum of the player's rows up to it, in the order written; and every
/// balance is its ledger's sum and not below zero.
async fn assert_running_sums(pools: &Pools) {
    let wrong = count(
        pools,
        "select count(*) from (
           select balance_after, sum(points) over (partition by casino_id, player_id order by seq) as running
           from loyalty_ledger) r
         where balance_after <> running",
    )
    .await;
    assert_eq!(wrong, 0, "ledger rows whose balance_after is not the running sum");
    let mismatched = count(
        pools,
        "select count(*) from player_loyalty b where b.balance_points < 0 or b.balance_points <>
           (select coalesce(sum(points), 0) from loyalty_ledger l where l.casino_id = b.casino_id and l.player_id = b.player_id)",
    )
    .await;
    assert_eq!(mismatched, 0, "balances below zero or apart from their ledger");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_comp_within_authority_moves_the_balance_at_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    adjust(&pools, admin_a(), credit(ALMA, 900)).await.expect("credit");
    assert_eq!(balance(&pools, ALMA).await, 1_000);

    let comp = redeem(&pools, pit_boss_a(), buffet(ALMA, 2)).await.expect("comp");
    assert_eq!((comp.status, comp.points, comp.balance_after), (RequestStatus::Approved, -500, Some(500)));
    assert_eq!(comp.item.as_ref().map(|i| (i.name.as_str(), i.category)), Some(("Buffet", CompCategory::Food)));
    assert_eq!((comp.staff_name.as_str(), comp.decided_by), ("Pat Pitboss", None));
    assert!(comp.number > 0 && comp.ledger_id.is_some());
    assert_eq!(balance(&pools, ALMA).await, 500);
    assert_eq!(audited(&pools, "loyalty_ledger.redeemed").await, 1);

    // The player's ledger shows the comp with its slip number; the comp slip reads the same.
    let ledger = run(&pools, pit_boss_a(), async |conn, actor| loyalty::player_ledger(conn, actor, ALMA).await)
        .await
        .expect("ledger");
    let row = &ledger.entries[0];
    assert_eq!(
        (row.reason, row.points, row.balance_after, row.discretionary_points),
        (LoyaltyReason::Redemption, -500, 500, 500)
    );
    let request = row.request.as_ref().expect("the comp behind the row");
    assert_eq!((request.number, request.description.as_str()), (comp.number, "2 × Buffet"));
    let slip = run(&pools, cashier_a(), async |conn, actor| loyalty::comp_slip(conn, actor, comp.id).await)
        .await
        .expect("slip");
    assert_eq!(slip, comp);

    // The cage redeems too, within its own, lower authority.
    let at_cage = redeem(&pools, cashier_a(), free_form(ALMA, 200)).await.expect("cage comp");
    assert_eq!((at_cage.status, at_cage.balance_after), (RequestStatus::Approved, Some(300)));
    assert_running_sums(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_comp_beyond_authority_waits_for_a_second_person(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let other_boss = second_pit_boss(&pools).await;
    adjust(&pools, admin_a(), credit(ALMA, 2_900)).await.expect("credit");

    // 600 points: beyond the pit boss's 500 per comp. Pending; the balance waits.
    let pending = redeem(&pools, pit_boss_a(), free_form(ALMA, 600)).await.expect("pending");
    assert_eq!((pending.status, pending.balance_after, pending.ledger_id), (RequestStatus::Pending, None, None));
    assert_eq!(balance(&pools, ALMA).await, 3_000);
    let queue =
        run(&pools, other_boss, async |conn, actor| loyalty::approval_queue(conn, actor).await).await.expect("queue");
    let line = queue.requests.iter().find(|q| q.request.id == pending.id).expect("queued");
    // The other pit boss's authority (500 per comp) does not cover it either; an admin's does.
    assert!(!line.may_approve);
    let mine =
        run(&pools, pit_boss_a(), async |conn, actor| loyalty::approval_queue(conn, actor).await).await.expect("queue");
    assert!(!mine.requests.iter().any(|q| q.request.id == pending.id && q.may_approve), "nobody approves their own");
    let pending_here = run(&pools, admin_a(), async |conn, actor| loyalty::player_ledger(conn, actor, ALMA).await)
        .await
        .expect("ledger")
        .pending;
    // Beside the fixture's comp from the cage, also waiting.
    let fixture_comp = LoyaltyRequestId(uuid!("aaaaaaaa-c1c1-4000-8000-000000000001"));
    assert_eq!(pending_here.iter().map(|r| r.id).collect::<Vec<_>>(), [fixture_comp, pending.id]);

    let refusals = [
        (pit_boss_a(), ErrorCode::LoyaltySelfApproval),
        (other_boss, ErrorCode::LoyaltyOverAuthority),
        (cashier_a(), ErrorCode::Forbidden),
        (actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance), ErrorCode::Forbidden),
    ];
    for (who, code) in refusals {
        assert_eq!(approve(&pools, who, pending.id).await.expect_err("refused").code(), code, "{:?}", who.role);
    }
    assert_eq!(balance(&pools, ALMA).await, 3_000);

    let approved = approve(&pools, admin_a(), pending.id).await.expect("approved");
    assert_eq!(
        (approved.status, approved.decided_by, approved.balance_after),
        (RequestStatus::Approved, Some(admin_a().staff_id), Some(2_400))
    );
    assert_eq!(balance(&pools, ALMA).await, 2_400);
    // A resend by the approver answers the same; anyone else finds it decided.
    assert_eq!(approve(&pools, admin_a(), pending.id).await.expect("resend"), approved);
    let denied =
        run(&pools, other_boss, async |conn, actor| loyalty::deny(conn, actor, &decision(pending.id)).await).await;
    assert_eq!(denied.expect_err("decided").code(), ErrorCode::LoyaltyRequestDecided);
    assert_eq!(audited(&pools, "loyalty_request.approved").await, 1);
    // The ledger row counts against the approver's authority, not the asker's.
    let authorizer = count(&pools, &format!(
        "select count(*) from loyalty_ledger where loyalty_request_id = '{}' and authorized_by = '{}' and staff_id = '{}'",
        pending.id.0, admin_a().staff_id.0, pit_boss_a().staff_id.0)).await;
    assert_eq!(authorizer, 1);

    // Within the other pit boss's authority, they approve; a denial moves nothing.
    let small = redeem(&pools, pit_boss_a(), buffet(ALMA, 1)).await.expect("within");
    assert_eq!(small.status, RequestStatus::Approved);
    let cage = redeem(&pools, cashier_a(), free_form(ALMA, 300)).await.expect("beyond the cage's 250");
    assert_eq!(cage.status, RequestStatus::Pending);
    assert_eq!(approve(&pools, other_boss, cage.id).await.expect("approved").balance_after, Some(1_850));
    let another = redeem(&pools, cashier_a(), free_form(ALMA, 300)).await.expect("pending");
    let denied = run(&pools, other_boss, async |conn, actor| {
        loyalty::deny(conn, actor, &Decision { loyalty_request_id: another.id, note: "Not tonight".into() }).await
    })
    .await
    .expect("denied");
    assert_eq!(
        (denied.status, denied.decision_note.as_str(), denied.ledger_id),
        (RequestStatus::Denied, "Not tonight", None)
    );
    assert_eq!(balance(&pools, ALMA).await, 1_850);
    assert_running_sums(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_day_of_comps_uses_up_the_shifts_authority(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    adjust(&pools, admin_a(), credit(ALMA, 9_900)).await.expect("credit");
    // Four comps of 500 reach the pit boss's 2,000 for the day; the fifth waits even at 1 point.
    for _ in 0..4 {
        assert_eq!(
            redeem(&pools, pit_boss_a(), free_form(ALMA, 500)).await.expect("comp").status,
            RequestStatus::Approved
        );
    }
    assert_eq!(redeem(&pools, pit_boss_a(), free_form(ALMA, 1)).await.expect("comp").status, RequestStatus::Pending);
    // Adjustments count too: the manual credit waits as well.
    let credit_back = adjust(&pools, pit_boss_a(), credit(ALMA, 10)).await.expect("adjustment");
    assert_eq!(credit_back.status, RequestStatus::Pending);
    assert_eq!(balance(&pools, ALMA).await, 8_000);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn comps_are_refused_unless_every_rule_holds(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // Alma has 100 points.
    let code = |r: Result<LoyaltyRequest, loyalty::Error>| r.expect_err("refused").code();
    assert_eq!(code(redeem(&pools, pit_boss_a(), free_form(ALMA, 101)).await), ErrorCode::LoyaltyInsufficientPoints);
    assert_eq!(code(redeem(&pools, pit_boss_a(), buffet(ALMA, 1)).await), ErrorCode::LoyaltyInsufficientPoints);
    assert_eq!(code(redeem(&pools, pit_boss_a(), free_form(CRUZ, 1)).await), ErrorCode::LoyaltyInsufficientPoints);
    let none = Redemption { item_id: None, points: None, ..free_form(ALMA, 1) };
    assert_eq!(code(redeem(&pools, pit_boss_a(), none).await), ErrorCode::ValidationFailed);
    let unknown = Redemption { item_id: Some(CompItemId(Uuid::new_v4())), ..buffet(ALMA, 1) };
    assert_eq!(code(redeem(&pools, pit_boss_a(), unknown).await), ErrorCode::NotFound);
    let elsewhere = PlayerId(uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));
    assert_eq!(code(redeem(&pools, pit_boss_a(), free_form(elsewhere, 1)).await), ErrorCode::NotFound);
    for role in [StaffRole::Compliance, StaffRole::Dealer] {
        assert_eq!(
            code(redeem(&pools, actor(CASINO_A, COMPLIANCE_A, role), free_form(ALMA, 1)).await),
            ErrorCode::Forbidden
        );
    }
    assert_eq!(code(adjust(&pools, cashier_a(), credit(ALMA, 1)).await), ErrorCode::Forbidden);

    // A retired item is no longer offered.
    let retire = CompItemInput {
        id: Some(BUFFET),
        name: "Buffet".into(),
        category: CompCategory::Food,
        point_cost: Some(50),
        active: false,
    };
    run(&pools, admin_a(), async |conn, actor| loyalty::save_comp_item(conn, actor, Uuid::new_v4(), &retire).await)
        .await
        .expect("retired");
    assert_eq!(code(redeem(&pools, pit_boss_a(), buffet(ALMA, 1)).await), ErrorCode::LoyaltyCompUnavailable);

    // Taking away more than the player has, and corrections that do not fit their row.
    assert_eq!(code(adjust(&pools, admin_a(), credit(ALMA, -101)).await), ErrorCode::LoyaltyInsufficientPoints);
    let reward_row = LedgerId(uuid!("aaaaaaaa-8888-4000-8000-000000000001"));
    let correction = |points: i32, corrects: LedgerId, player: PlayerId| Adjustment {
        player_id: player,
        reason: LoyaltyReason::Correction,
        points,
        note: "Keyed twice".into(),
        corrects_id: Some(corrects),
    };
    assert_eq!(
        code(adjust(&pools, admin_a(), correction(-101, reward_row, ALMA)).await),
        ErrorCode::LoyaltyInvalidCorrection
    );
    assert_eq!(
        code(adjust(&pools, admin_a(), correction(-10, reward_row, CRUZ)).await),
        ErrorCode::LoyaltyInvalidCorrection
    );
    assert_eq!(
        code(adjust(&pools, admin_a(), correction(-10, LedgerId(Uuid::new_v4()), ALMA)).await),
        ErrorCode::LoyaltyInvalidCorrection
    );
    let fixed = adjust(&pools, admin_a(), correction(-60, reward_row, ALMA)).await.expect("corrected");
    assert_eq!(
        (fixed.status, fixed.balance_after, fixed.corrects_id),
        (RequestStatus::Approved, Some(40), Some(reward_row))
    );
    // What is left of the row can be taken back, but no more; and a correction is not corrected.
    assert_eq!(
        code(adjust(&pools, admin_a(), correction(-41, reward_row, ALMA)).await),
        ErrorCode::LoyaltyInvalidCorrection
    );
    let fix_row = LedgerId(fixed.ledger_id.expect("row").0);
    assert_eq!(
        code(adjust(&pools, admin_a(), correction(10, fix_row, ALMA)).await),
        ErrorCode::LoyaltyInvalidCorrection
    );
    assert_eq!(audited(&pools, "loyalty_ledger.corrected").await, 1);
    assert_running_sums(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn twenty_redeeming_at_once_never_take_the_balance_below_zero(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    adjust(&pools, admin_a(), credit(ALMA, 900)).await.expect("credit");
    // 1,000 points; twenty comps of 100 at once, half from the cage and half from the pit: ten win.
    let attempts = (0..20).map(|i| {
        let who = if i % 2 == 0 { cashier_a() } else { admin_a() };
        let pools = &pools;
        async move { redeem(pools, who, free_form(ALMA, 100)).await }
    });
    let outcomes = join_all(attempts).await;
    let won = outcomes.iter().filter(|o| o.as_ref().is_ok_and(|r| r.status == RequestStatus::Approved)).count();
    let short =
        outcomes.iter().filter(|o| o.as_ref().is_err_and(|e| e.code() == ErrorCode::LoyaltyInsufficientPoints)).count();
    // The cashier's day limit (1,000) would allow all ten of theirs; only the balance stops them.
    assert_eq!((won, short), (10, 10), "{outcomes:?}");
    assert_eq!(balance(&pools, ALMA).await, 0);
    assert_running_sums(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_request_left_pending_expires_with_its_gaming_day(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    adjust(&pools, admin_a(), credit(ALMA, 900)).await.expect("credit");
    let yesterday = chrono::Utc::now() - chrono::Duration::days(1);
    let id = LoyaltyRequestId(Uuid::new_v4());
    let old = run_at(&pools, pit_boss_a(), yesterday, async |conn, actor| {
        loyalty::redeem(conn, actor, id, &free_form(ALMA, 600)).await
    })
    .await
    .expect("pending yesterday");
    assert_eq!(old.status, RequestStatus::Pending);

    let read =
        run(&pools, admin_a(), async |conn, actor| loyalty::comp_slip(conn, actor, id).await).await.expect("slip");
    assert_eq!(read.status, RequestStatus::Expired);
    let queue =
        run(&pools, admin_a(), async |conn, actor| loyalty::approval_queue(conn, actor).await).await.expect("queue");
    assert!(queue.requests.iter().all(|q| q.request.id != id), "an expired request left the queue");
    assert_eq!(approve(&pools, admin_a(), id).await.expect_err("expired").code(), ErrorCode::LoyaltyRequestExpired);
    let denied = run(&pools, admin_a(), async |conn, actor| loyalty::deny(conn, actor, &decision(id)).await).await;
    assert_eq!(denied.expect_err("expired").code(), ErrorCode::LoyaltyRequestExpired);
    assert_eq!(balance(&pools, ALMA).await, 1_000);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_request_id_is_one_comp(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    adjust(&pools, admin_a(), credit(ALMA, 900)).await.expect("credit");
    let id = LoyaltyRequestId(Uuid::new_v4());
    let send = async |who: Actor, input: Redemption| {
        run(&pools, who, async |conn, actor| loyalty::redeem(conn, actor, id, &input).await).await
    };
    let first = send(pit_boss_a(), buffet(ALMA, 1)).await.expect("comp");
    // The same comp again (a double tap) is answered as the first time and writes nothing.
    assert_eq!(send(pit_boss_a(), buffet(ALMA, 1)).await.expect("resend"), first);
    assert_eq!(balance(&pools, ALMA).await, 750);
    // Another comp, or another person, under the same id is refused.
    for (who, input) in
        [(pit_boss_a(), buffet(ALMA, 2)), (pit_boss_a(), free_form(ALMA, 250)), (admin_a(), buffet(ALMA, 1))]
    {
        assert_eq!(send(who, input).await.expect_err("reused").code(), ErrorCode::IdempotencyKeyReused);
    }
    assert_eq!(balance(&pools, ALMA).await, 750);
    assert_eq!(audited(&pools, "loyalty_ledger.redeemed").await, 1);
    pools.close().await;
}
