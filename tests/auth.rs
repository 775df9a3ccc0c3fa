//! Sign-in, sessions and sign-out against PostgreSQL as the runtime role.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{ADMIN_A, CASINO_A, DEALER_A, PIT_BOSS_A, Pools, count, pit_boss_a, scope};
use pitboss::auth::{self, SessionKey, SessionToken, SignIn};
use pitboss::{DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

const PASSWORD: &str = "correct horse battery";

fn key() -> SessionKey {
    SessionKey::new(&[7; 32]).expect("long enough")
}

/// Gives the fixture's casino A pit boss (and admin) a real password.
async fn with_password(pools: &Pools) {
    let hash = auth::hash_password(PASSWORD).expect("hash");
    sqlx::query("update staff_credential set password_hash = $1 where casino_id = $2")
        .bind(hash)
        .bind(CASINO_A.0)
        .execute(&pools.admin)
        .await
        .expect("set password");
}

async fn sign_in(pools: &Pools, email: &str, password: &str) -> Result<auth::SignedIn, auth::Error> {
    let input = SignIn { email: email.into(), password: password.into() };
    auth::sign_in(&pools.app, &key(), Uuid::new_v4(), &input).await
}

async fn resolve(pools: &Pools, token: &SessionToken) -> Result<pitboss::Actor, auth::Error> {
    auth::resolve_session(&pools.app, &key(), Uuid::new_v4(), token).await.map(|session| session.actor)
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_pit_boss_signs_in_and_the_session_resolves_to_them(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    let signed_in = sign_in(&pools, "  PitBoss@A.Casino ", PASSWORD).await.expect("signs in");
    assert_eq!(signed_in.actor, pit_boss_a());
    assert_eq!(resolve(&pools, &signed_in.token).await.expect("valid session"), pit_boss_a());

    let stored: String = sqlx::query_scalar("select token_hash from staff_session where staff_id = $1")
        .bind(PIT_BOSS_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("session row");
    assert_ne!(stored, signed_in.token.expose(), "only the keyed hash is stored");
    let sign_ins = format!(
        "select count(*) from audit_log where action = 'staff.signed_in' and actor_staff_id = '{}'",
        PIT_BOSS_A.0
    );
    assert_eq!(count(&pools, &sign_ins).await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn wrong_passwords_unknown_emails_and_inactive_staff_are_all_just_invalid(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    sqlx::query("update staff set status = 'inactive' where id = $1")
        .bind(ADMIN_A.0)
        .execute(&pools.admin)
        .await
        .expect("deactivate");
    for (email, password) in
        [("pitboss@a.casino", "wrong"), ("nobody@a.casino", PASSWORD), ("admin@a.casino", PASSWORD)]
    {
        let error = sign_in(&pools, email, password).await.expect_err(email);
        assert_eq!(error.code(), ErrorCode::AuthInvalidCredentials, "{email}");
    }
    let sessions: i64 =
        sqlx::query_scalar("select count(*) from staff_session where casino_id = $1 and token_hash <> 'a-session'")
            .bind(CASINO_A.0)
            .fetch_one(&pools.admin)
            .await
            .expect("sessions");
    assert_eq!(sessions, 0);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_dealer_cannot_sign_in(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // Even if a role change turns a staff member with a login into a dealer, the login stops working.
    with_password(&pools).await;
    sqlx::query("update staff set role = 'dealer' where id = $1")
        .bind(PIT_BOSS_A.0)
        .execute(&pools.admin)
        .await
        .expect("demote");
    let error = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect_err("dealer");
    assert_eq!(error.code(), ErrorCode::AuthInvalidCredentials);
    let has_login: bool = sqlx::query_scalar("select exists (select 1 from staff_credential where staff_id = $1)")
        .bind(DEALER_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("credential");
    assert!(!has_login);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn five_failures_throttle_the_email_even_for_the_right_password(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    let mut said = Vec::new();
    for _ in 0..auth::rules::MAX_FAILURES {
        let error = sign_in(&pools, "pitboss@a.casino", "wrong").await.expect_err("wrong");
        assert_eq!(error.code(), ErrorCode::AuthInvalidCredentials);
        said.push(error.detail());
    }
    // No warning for the first two; from the third on the form says what remains, and the fifth that it locked.
    assert_eq!(said[..2], [None, None]);
    assert_eq!(
        said[2..].iter().map(|detail| detail.as_deref().unwrap_or("no warning")).collect::<Vec<_>>(),
        [
            "Wrong email or password. 2 attempts left before sign-in to this account is locked for 15 minutes.",
            "Wrong email or password. 1 attempt left before sign-in to this account is locked for 15 minutes.",
            "Wrong email or password. Sign-in to this account is now locked for 15 minutes; an admin can lift the lock.",
        ]
    );
    let throttled = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect_err("throttled");
    assert_eq!(throttled.code(), ErrorCode::AuthThrottled);
    assert!(throttled.code().retryable());
    assert_eq!(
        throttled.detail().as_deref(),
        Some(
            "Too many failed sign-in attempts for this account. Try again in 15 minutes, or ask an admin to lift \
             the lock."
        )
    );
    // Another account is unaffected, and unknown emails are throttled the same way.
    sign_in(&pools, "admin@a.casino", PASSWORD).await.expect("other account");
    for _ in 0..auth::rules::MAX_FAILURES {
        let _ = sign_in(&pools, "ghost@a.casino", "guess").await;
    }
    let ghost = sign_in(&pools, "ghost@a.casino", "guess").await.expect_err("throttled");
    assert_eq!(ghost.code(), ErrorCode::AuthThrottled);

    // Once the failures age out of the window the account signs in again.
    sqlx::query(
        "update login_attempt set attempted_at = attempted_at - interval '16 minutes' where email = 'pitboss@a.casino'",
    )
    .execute(&pools.admin)
    .await
    .expect("age attempts");
    sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("window passed");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_success_resets_the_failure_count(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    for _ in 0..auth::rules::MAX_FAILURES - 1 {
        let _ = sign_in(&pools, "pitboss@a.casino", "wrong").await;
    }
    sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("fifth attempt is right");
    let _ = sign_in(&pools, "pitboss@a.casino", "wrong").await;
    sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("one failure since the success");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn signing_out_kills_the_session_server_side(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    let signed_in = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("signs in");
    auth::sign_out(&pools.app, &key(), Uuid::new_v4(), &signed_in.token).await.expect("signs out");
    let error = resolve(&pools, &signed_in.token).await.expect_err("gone");
    assert_eq!(error.code(), ErrorCode::Unauthenticated);
    auth::sign_out(&pools.app, &key(), Uuid::new_v4(), &signed_in.token).await.expect("twice is fine");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn idle_and_expired_sessions_end(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    for aging in [
        "update staff_session set last_seen_at = now() - interval '3 hours' where staff_id = $1",
        "update staff_session set expires_at = now() - interval '1 second' where staff_id = $1",
    ] {
        let signed_in = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("signs in");
        sqlx::query(aging).bind(PIT_BOSS_A.0).execute(&pools.admin).await.expect("age");
        let error = resolve(&pools, &signed_in.token).await.expect_err(aging);
        assert_eq!(error.code(), ErrorCode::Unauthenticated);
        let left: i64 = sqlx::query_scalar("select count(*) from staff_session where staff_id = $1")
            .bind(PIT_BOSS_A.0)
            .fetch_one(&pools.admin)
            .await
            .expect("count");
        assert_eq!(left, 0, "an expired session is deleted when presented");
    }
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_deactivated_staff_members_session_stops_working(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    let signed_in = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("signs in");
    sqlx::query("update staff set status = 'inactive' where id = $1")
        .bind(PIT_BOSS_A.0)
        .execute(&pools.admin)
        .await
        .expect("deactivate");
    assert_eq!(resolve(&pools, &signed_in.token).await.expect_err("inactive").code(), ErrorCode::Unauthenticated);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn signing_out_everywhere_ends_every_device(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    with_password(&pools).await;
    let tablet = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("tablet");
    let desktop = sign_in(&pools, "pitboss@a.casino", PASSWORD).await.expect("desktop");
    let ended = auth::sign_out_everywhere(&pools.app, &scope(pit_boss_a())).await.expect("everywhere");
    assert_eq!(ended, 2);
    for token in [&tablet.token, &desktop.token] {
        assert_eq!(resolve(&pools, token).await.expect_err("ended").code(), ErrorCode::Unauthenticated);
    }
    let admins: i64 = sqlx::query_scalar("select count(*) from staff_session where staff_id = $1")
        .bind(ADMIN_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("count");
    assert_eq!(admins, 1, "other staff keep their sessions");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_forged_token_resolves_to_no_one(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let error = resolve(&pools, &SessionToken::generate()).await.expect_err("unknown");
    assert_eq!(error.code(), ErrorCode::Unauthenticated);
    pools.close().await;
}
