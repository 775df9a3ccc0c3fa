//! PlayerService against PostgreSQL as the runtime role: enrollment atomicity, validation, search, tenancy.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use chrono::NaiveDate;
use common::{CASHIER_A, CASINO_A, Pools, actor, audit_actions, pit_boss_a, run};
use pitboss::casino::StaffRole;
use pitboss::player::{self, EnrollInput, PlayerId};
use pitboss::{DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::uuid;

const ALMA: PlayerId = PlayerId(uuid!("aaaaaaaa-3333-4000-8000-0000000000a1"));
const BRAM: PlayerId = PlayerId(uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));
const CRUZ: PlayerId = PlayerId(uuid!("cccccccc-3333-4000-8000-0000000000c1"));

fn input(first: &str, last: &str, born: Option<(i32, u32, u32)>) -> EnrollInput {
    EnrollInput {
        first_name: first.into(),
        last_name: last.into(),
        birth_date: born.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    }
}

async fn count(pools: &Pools, sql: &str, id: uuid::Uuid) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(&pools.admin).await.expect(sql)
}

async fn search(pools: &Pools, query: &str) -> Vec<String> {
    let found =
        run(pools, pit_boss_a(), async |conn, actor| player::search(conn, actor, query).await).await.expect("search");
    found.iter().map(|p| p.player.full_name()).collect()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn enrolling_creates_player_enrollment_and_loyalty_account(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let new = input(" Maria ", "Gonzalez", Some((1975, 3, 14)));
    let enrolled =
        run(&pools, pit_boss_a(), async |conn, actor| player::enroll(conn, actor, &new).await).await.expect("enrolled");
    assert_eq!(enrolled.full_name(), "Maria Gonzalez");
    let id = enrolled.id.0;
    assert_eq!(count(&pools, "select count(*) from player where id = $1", id).await, 1);
    assert_eq!(count(&pools, "select count(*) from player_casino where player_id = $1", id).await, 1);
    assert_eq!(
        count(&pools, "select count(*) from player_loyalty where player_id = $1 and balance_points = 0", id).await,
        1
    );
    assert_eq!(audit_actions(&pools, id).await, ["player.enrolled"]);

    let detail = run(&pools, pit_boss_a(), async |conn, actor| player::player(conn, actor, enrolled.id).await)
        .await
        .expect("detail");
    assert_eq!(detail.enrolled_by.as_deref(), Some("Pat Pitboss"));
    assert_eq!(detail.loyalty_points, 0);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_failure_midway_leaves_no_player_behind(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // The loyalty account is written last; make it fail.
    sqlx::raw_sql(
        "create function refuse() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$;
         create trigger refuse before insert on player_loyalty for each row execute function refuse();",
    )
    .execute(&pools.admin)
    .await
    .expect("sabotage");
    let new = input("Half", "Written", None);
    let failed = run(&pools, pit_boss_a(), async |conn, actor| player::enroll(conn, actor, &new).await).await;
    assert_eq!(failed.expect_err("failed").code(), ErrorCode::Internal);
    let left: i64 = sqlx::query_scalar("select count(*) from player where last_name = 'Written'")
        .fetch_one(&pools.admin)
        .await
        .expect("count");
    assert_eq!(left, 0, "the player row rolled back with the rest");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn enrollment_checks_names_birth_dates_and_roles(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let cases = [
        (input("", "Gonzalez", None), "first_name", ErrorCode::PlayerInvalidName),
        (input("Maria", &"x".repeat(101), None), "last_name", ErrorCode::PlayerInvalidName),
        (input("Maria", "Gonzalez", Some((2030, 1, 1))), "birth_date", ErrorCode::PlayerInvalidBirthDate),
        (input("Maria", "Gonzalez", Some((1899, 1, 1))), "birth_date", ErrorCode::PlayerInvalidBirthDate),
    ];
    for (new, field, code) in cases {
        let error = run(&pools, pit_boss_a(), async |conn, actor| player::enroll(conn, actor, &new).await)
            .await
            .expect_err(field);
        assert_eq!(error.code(), ErrorCode::ValidationFailed);
        assert_eq!(error.fields()[0].field, field);
        assert_eq!(error.fields()[0].code, code);
    }
    let cashier = actor(CASINO_A, CASHIER_A, StaffRole::Cashier);
    let ok = input("Maria", "Gonzalez", None);
    let refused = run(&pools, cashier, async |conn, actor| player::enroll(conn, actor, &ok).await).await;
    assert_eq!(refused.expect_err("cashiers do not enroll").code(), ErrorCode::Forbidden);
    let players: i64 = sqlx::query_scalar("select count(*) from player").fetch_one(&pools.admin).await.expect("count");
    assert_eq!(players, 3, "nothing was written");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn search_matches_name_word_prefixes_in_this_casino_only(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    assert_eq!(search(&pools, "ayala").await, ["Alma Ayala"]);
    assert_eq!(search(&pools, "AY al").await, ["Alma Ayala"], "every word, any order, any case");
    assert!(search(&pools, "lma").await.is_empty(), "words match from their start");
    assert!(search(&pools, "ayala zed").await.is_empty(), "every word must match");
    assert_eq!(search(&pools, "cruz").await, ["Cruz Castro"], "enrolled at both casinos");
    assert!(search(&pools, "Bakker").await.is_empty(), "enrolled at casino B only");
    assert_eq!(search(&pools, "ay%").await, ["Alma Ayala"], "punctuation separates words; it is never a wildcard");
    assert_eq!(search(&pools, "").await, ["Alma Ayala", "Cruz Castro"], "no query: everyone, by last name");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn another_casinos_player_cannot_be_read(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let hidden = run(&pools, boss, async |conn, actor| player::player(conn, actor, BRAM).await).await;
    assert_eq!(hidden.expect_err("invisible").code(), ErrorCode::NotFound);
    let enrolled =
        async |id| run(&pools, boss, async |conn, actor| player::is_enrolled(conn, actor, id).await).await.expect("ok");
    assert_eq!((enrolled(ALMA).await, enrolled(BRAM).await, enrolled(CRUZ).await), (true, false, true));
    let page =
        run(&pools, boss, async |conn, actor| player::players_of_casino(conn, actor, 1, 1).await).await.expect("page");
    assert_eq!(page.iter().map(|p| p.id).collect::<Vec<_>>(), [CRUZ], "second page of one");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn name_search_stays_indexed_under_row_level_security(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    sqlx::raw_sql(
        "insert into player (id, first_name, last_name)
             select ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'First' || n, 'Last' || n
             from generate_series(1, 5000) n;
         insert into player_casino (casino_id, player_id)
             select 'aaaaaaaa-0000-4000-8000-000000000001', id from player where first_name like 'First%';
         analyze player; analyze player_casino; analyze player_search_token;",
    )
    .execute(&pools.admin)
    .await
    .expect("five thousand players");
    assert_eq!(search(&pools, "last4321").await, ["First4321 Last4321"]);
    assert_eq!(search(&pools, "first4321 LAST").await, ["First4321 Last4321"]);

    // The token lookup is an index range scan as the runtime role, not a scan of every enrolled player.
    let mut tx = pools.app.begin().await.expect("begin");
    sqlx::query("select set_config('app.casino_id', $1, true), set_config('app.staff_role', 'pit_boss', true)")
        .bind(CASINO_A.0.to_string())
        .execute(&mut *tx)
        .await
        .expect("context");
    let plan: Vec<String> = sqlx::query_scalar(
        "explain select t.player_id from player_search_token t
         where t.casino_id = $1 and t.token >= 'last4321' collate \"C\" and t.token < 'last4321\u{10FFFF}' collate \"C\"",
    )
    .bind(CASINO_A.0)
    .fetch_all(&mut *tx)
    .await
    .expect("plan");
    tx.rollback().await.expect("rollback");
    let plan = plan.join("\n");
    assert!(plan.contains("Index") && plan.contains("player_search_token_pkey"), "{plan}");
    assert!(plan.contains("token >="), "the range is an index condition: {plan}");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn search_results_say_where_a_player_sits_what_they_last_played_and_their_flag(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let found = run(&pools, pit_boss_a(), async |conn, actor| player::search(conn, actor, "ayala").await)
        .await
        .expect("search");
    let alma = found.first().expect("Alma");
    assert_eq!(alma.seated_at.as_ref().map(player::SeatedAt::label).as_deref(), Some("BJ-01 seat 1"));
    let last = alma.last_play.as_ref().expect("rated now");
    assert_eq!(
        (last.game.as_str(), last.game_name.as_str(), last.bet),
        ("blackjack", "Blackjack", pitboss::Cents(2_500))
    );
    assert_eq!(alma.flag, Some(pitboss::exclusion::ExclusionKind::Watch));
    // Cruz has never sat down here: nothing to start from, no seat, no flag.
    let found =
        run(&pools, pit_boss_a(), async |conn, actor| player::search(conn, actor, "cruz").await).await.expect("search");
    let cruz = found.first().expect("Cruz");
    assert_eq!((cruz.seated_at.clone(), cruz.last_play.clone(), cruz.flag), (None, None, None));
    // The wire shape reads like a summary with more fields.
    let json = serde_json::to_value(cruz).expect("json");
    assert_eq!((json["id"].is_string(), json["seated_at"].is_null()), (true, true));
    pools.close().await;
}
