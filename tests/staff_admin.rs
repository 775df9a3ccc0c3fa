//! Staff administration as the runtime role: an admin adds, edits, deactivates and resets staff; the casino
//! always keeps an active admin, even when two admins demote each other at once; deactivation and a password
//! reset end every session at once; a temporary password must be replaced before anything else.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{ADMIN_A, CASINO_A, PIT_BOSS_A, Pools, actor, admin_a, audited, count, pit_boss_a, run, scope};
use pitboss::auth::{self, SessionKey, SignIn};
use pitboss::casino::{self, StaffId, StaffInput, StaffMember, StaffRole, StaffStatus, StaffUpdate};
use pitboss::{Actor, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

const TEMPORARY: &str = "given-by-the-admin-77";

fn key() -> SessionKey {
    SessionKey::new(&[9; 32]).expect("long enough")
}

/// Adds a staff member of `role` with the temporary password, as casino A's admin.
async fn add(pools: &Pools, role: StaffRole, email: &str) -> StaffMember {
    let input = StaffInput {
        first_name: "Nia".into(),
        last_name: "Okafor".into(),
        role,
        email: Some(email.into()),
        temporary_password: Some(TEMPORARY.into()),
    };
    let login = casino::temporary_login(email, TEMPORARY, "temporary_password").await.expect("a valid login");
    run(pools, admin_a(), async |conn, actor| casino::add_staff_member(conn, actor, &input, Some(login)).await)
        .await
        .expect("add staff")
}

async fn sign_in(pools: &Pools, email: &str, password: &str) -> Result<auth::SignedIn, auth::Error> {
    let input = SignIn { email: email.into(), password: password.into() };
    auth::sign_in(&pools.app, &key(), Uuid::new_v4(), &input).await
}

async fn resolve(pools: &Pools, signed_in: &auth::SignedIn) -> Result<auth::Session, auth::Error> {
    auth::resolve_session(&pools.app, &key(), Uuid::new_v4(), &signed_in.token).await
}

fn as_admin(member: &StaffMember) -> Actor {
    actor(CASINO_A, member.id, StaffRole::Admin)
}

async fn demote(pools: &Pools, by: Actor, id: StaffId) -> Result<StaffMember, casino::Error> {
    let update = StaffUpdate { first_name: "Demoted".into(), last_name: "Admin".into(), role: StaffRole::PitBoss };
    run(pools, by, async |conn, actor| casino::update_staff(conn, actor, id, &update).await).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_casino_keeps_an_admin_even_when_two_demote_each_other_at_once(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let myself = run(&pools, admin_a(), async |conn, actor| casino::deactivate(conn, actor, ADMIN_A).await);
    assert_eq!(myself.await.expect_err("not oneself").code(), ErrorCode::StaffSelfChange);
    assert_eq!(demote(&pools, admin_a(), ADMIN_A).await.expect_err("not oneself").code(), ErrorCode::StaffSelfChange);
    let refused = run(&pools, pit_boss_a(), async |conn, actor| casino::deactivate(conn, actor, ADMIN_A).await);
    assert_eq!(refused.await.expect_err("admins only").code(), ErrorCode::Forbidden);

    let second = add(&pools, StaffRole::Admin, "second.admin@a.casino").await;
    assert!(second.must_change_password);
    for _ in 0..5 {
        let (a, b) = tokio::join!(demote(&pools, admin_a(), second.id), demote(&pools, as_admin(&second), ADMIN_A));
        let outcomes = [a.as_ref().map(|_| ()).map_err(|e| e.code()), b.as_ref().map(|_| ()).map_err(|e| e.code())];
        let kept = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(kept, 1, "exactly one demotion commits: {outcomes:?}");
        assert!(outcomes.contains(&Err(ErrorCode::StaffLastAdmin)), "{outcomes:?}");
        let admins = count(
            &pools,
            "select count(*) from staff where casino_id = 'aaaaaaaa-0000-4000-8000-000000000001'
             and role = 'admin' and status = 'active'",
        )
        .await;
        assert_eq!(admins, 1, "one active admin remains");
        // Whoever was demoted becomes an admin again for the next round, by the one who is.
        let (winner, loser) = if a.is_ok() { (admin_a(), second.id) } else { (as_admin(&second), ADMIN_A) };
        let back = StaffUpdate { first_name: "Again".into(), last_name: "Admin".into(), role: StaffRole::Admin };
        run(&pools, winner, async |conn, actor| casino::update_staff(conn, actor, loser, &back).await)
            .await
            .expect("promote back");
    }
    assert!(audited(&pools, "staff.updated").await >= 10);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn deactivation_ends_every_session_at_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let member = add(&pools, StaffRole::PitBoss, "leaving@a.casino").await;
    let (first, second) = (
        sign_in(&pools, "leaving@a.casino", TEMPORARY).await.expect("signs in"),
        sign_in(&pools, "leaving@a.casino", TEMPORARY).await.expect("and on a tablet"),
    );
    assert!(resolve(&pools, &first).await.is_ok() && resolve(&pools, &second).await.is_ok());

    let id = member.id;
    let gone = run(&pools, admin_a(), async |conn, actor| casino::deactivate(conn, actor, id).await)
        .await
        .expect("deactivate");
    assert_eq!(gone.status, StaffStatus::Inactive);
    for session in [&first, &second] {
        assert_eq!(resolve(&pools, session).await.expect_err("ended").code(), ErrorCode::Unauthenticated);
    }
    let sessions = format!("select count(*) from staff_session where staff_id = '{}'", id.0);
    assert_eq!(count(&pools, &sessions).await, 0, "the rows are gone, not only refused");
    let refused = sign_in(&pools, "leaving@a.casino", TEMPORARY).await.expect_err("inactive");
    assert_eq!(refused.code(), ErrorCode::AuthInvalidCredentials);
    assert_eq!(audited(&pools, "staff.deactivated").await, 1);

    run(&pools, admin_a(), async |conn, actor| casino::reactivate(conn, actor, id).await).await.expect("reactivate");
    sign_in(&pools, "leaving@a.casino", TEMPORARY).await.expect("signs in again");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_temporary_password_is_replaced_before_anything_else(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let email = "new.boss@a.casino";
    let member = add(&pools, StaffRole::PitBoss, email).await;
    let session = sign_in(&pools, email, TEMPORARY).await.expect("signs in");
    assert!(session.password_change_required);
    assert!(resolve(&pools, &session).await.expect("valid").password_change_required);
    let tablet = sign_in(&pools, email, TEMPORARY).await.expect("a second session");

    let me = actor(CASINO_A, member.id, StaffRole::PitBoss);
    let change = async |current: &str, new: &str| {
        auth::change_password(&pools.app, &key(), &scope(me), &session.token, current, new).await
    };
    let wrong = change("not-the-temporary-one", "a-fresh-passphrase").await.expect_err("wrong current");
    assert_eq!(wrong.fields()[0].field, "current_password");
    assert_eq!(wrong.code(), ErrorCode::AuthCurrentPasswordWrong);
    for (new, code) in [
        ("short", ErrorCode::StaffPasswordTooShort),
        ("New.Boss@A.Casino", ErrorCode::StaffPasswordIsEmail),
        ("password1234", ErrorCode::StaffPasswordTooCommon),
        (TEMPORARY, ErrorCode::StaffPasswordUnchanged),
    ] {
        let weak = change(TEMPORARY, new).await.expect_err(new);
        let fields: Vec<_> = weak.fields().into_iter().map(|f| (f.field, f.code)).collect();
        assert!(fields.contains(&("new_password".to_owned(), code)), "{new}: {fields:?}");
    }
    change(TEMPORARY, "a-fresh-passphrase").await.expect("changes");
    assert!(!resolve(&pools, &session).await.expect("still signed in").password_change_required);
    assert_eq!(resolve(&pools, &tablet).await.expect_err("the other session").code(), ErrorCode::Unauthenticated);
    assert!(sign_in(&pools, email, TEMPORARY).await.is_err(), "the temporary password is gone");
    assert!(!sign_in(&pools, email, "a-fresh-passphrase").await.expect("the new one").password_change_required);
    assert_eq!(audited(&pools, "staff.password_changed").await, 1);

    // A reset: a new temporary password, every session ended, the change required again.
    let login = casino::temporary_login(email, "reset-by-admin-2026", "temporary_password").await.expect("login");
    let id = member.id;
    let reset = run(&pools, admin_a(), async |conn, actor| casino::reset_password(conn, actor, id, &login).await)
        .await
        .expect("reset");
    assert!(reset.must_change_password);
    assert_eq!(resolve(&pools, &session).await.expect_err("ended by the reset").code(), ErrorCode::Unauthenticated);
    assert!(sign_in(&pools, email, "reset-by-admin-2026").await.expect("signs in").password_change_required);
    let dealer_reset =
        run(&pools, admin_a(), async |conn, actor| casino::reset_password(conn, actor, common::DEALER_A, &login).await);
    assert_eq!(dealer_reset.await.expect_err("no login").code(), ErrorCode::StaffDealerHasNoLogin);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn staff_change_only_their_own_password(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let email_change = run(&pools, pit_boss_a(), async |conn, actor| {
        sqlx::query("update staff_credential set email = 'mine@a.casino' where staff_id = $1")
            .bind(actor.staff_id.0)
            .execute(conn)
            .await
    });
    let error = email_change.await.expect_err("the email is the admin's");
    assert_eq!(error.as_database_error().and_then(|e| e.code()).as_deref(), Some("42501"), "{error}");
    let others = run(&pools, pit_boss_a(), async |conn, _| {
        sqlx::query("update staff_credential set password_hash = 'x' where staff_id = $1")
            .bind(ADMIN_A.0)
            .execute(conn)
            .await
    });
    assert_eq!(others.await.expect("hidden, not refused").rows_affected(), 0, "another's credential is out of reach");
    let own = run(&pools, pit_boss_a(), async |conn, actor| {
        sqlx::query("update staff_credential set password_hash = password_hash where staff_id = $1")
            .bind(actor.staff_id.0)
            .execute(conn)
            .await
    });
    assert_eq!(own.await.expect("their own").rows_affected(), 1, "the probe can succeed");
    assert_eq!(PIT_BOSS_A, pit_boss_a().staff_id);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn an_admin_sees_who_is_locked_out_and_lifts_the_lock(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let member = add(&pools, StaffRole::PitBoss, "locked@a.casino").await;
    for _ in 0..auth::rules::MAX_FAILURES {
        sign_in(&pools, "locked@a.casino", "not-the-password").await.expect_err("wrong password");
    }
    let locked = sign_in(&pools, "locked@a.casino", TEMPORARY).await.expect_err("locked out");
    assert_eq!(locked.code(), ErrorCode::AuthThrottled);

    // The roster shows the lock to admins; a pit boss sees the roster without anyone's attempts.
    let roster = |by: Actor| run(&pools, by, async |conn, actor| casino::staff_of_casino(conn, actor).await);
    let locked_out = |staff: Vec<StaffMember>| -> Vec<StaffId> {
        staff.into_iter().filter(|member| member.locked_until.is_some()).map(|member| member.id).collect()
    };
    assert_eq!(locked_out(roster(admin_a()).await.expect("admin's roster")), [member.id]);
    assert_eq!(locked_out(roster(pit_boss_a()).await.expect("pit boss's roster")), []);

    // Only an admin of the casino lifts it, once.
    let lift = |by: Actor| run(&pools, by, async |conn, actor| casino::lift_lock(conn, actor, member.id).await);
    assert_eq!(lift(pit_boss_a()).await.expect_err("pit boss").code(), ErrorCode::Forbidden);
    let other_casino = actor(common::CASINO_B, common::ADMIN_B, StaffRole::Admin);
    assert_eq!(lift(other_casino).await.expect_err("other casino").code(), ErrorCode::NotFound);
    assert_eq!(lift(admin_a()).await.expect("lifted").locked_until, None);
    assert_eq!(lift(admin_a()).await.expect_err("lifted already").code(), ErrorCode::StaffNotLocked);
    let before: serde_json::Value =
        sqlx::query_scalar("select before from audit_log where action = 'staff.lock_lifted' and entity_id = $1")
            .bind(member.id.0)
            .fetch_one(&pools.admin)
            .await
            .expect("one audit row");
    assert_eq!(before["failed_attempts"], 5);
    sign_in(&pools, "locked@a.casino", TEMPORARY).await.expect("signs in once the lock is lifted");
    pools.close().await;
}
