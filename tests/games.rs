//! Games as data, against PostgreSQL as the runtime role: an admin adds a game variant that tables then deal,
//! and retires it once no table on the floor deals it; names are the casino's own, and a retired game takes
//! no new table whoever writes it, even when retiring races a table being added.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{CASINO_A, CASINO_B, Pools, actor, admin_a, audited, pit_boss_a, run};
use pitboss::casino::StaffRole;
use pitboss::table_context::{self as tables, GameKey, GameSettings, GameSettingsInput, NewGame, NewTable};
use pitboss::{DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

fn mini_baccarat(name: &str) -> NewGame {
    let settings = GameSettingsInput {
        min_bet_cents: 2_500,
        max_bet_cents: 1_000_000,
        seats: 9,
        house_edge_bps: 124,
        decisions_per_hour: 120,
        points_per_theo_dollar: 10,
        point_multiplier_pct: 100,
    };
    NewGame { name: name.to_owned(), settings }
}

fn table_of(label: &str, game: &str) -> NewTable {
    NewTable {
        label: label.to_owned(),
        pit: "Salon".to_owned(),
        game: GameKey::new(game),
        min_bet_cents: 2_500,
        max_bet_cents: 500_000,
        seats: None,
    }
}

async fn add_game(pools: &Pools, game: &NewGame) -> Result<GameSettings, tables::Error> {
    run(pools, admin_a(), async |conn, actor| tables::add_game(conn, actor, game).await).await
}

async fn field_codes(result: Result<GameSettings, tables::Error>) -> Vec<(String, ErrorCode)> {
    let error = result.expect_err("refused");
    assert_eq!(error.code(), ErrorCode::ValidationFailed);
    error.fields().into_iter().map(|f| (f.field, f.code)).collect()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn an_admin_adds_a_game_that_tables_then_deal(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let added = add_game(&pools, &mini_baccarat("  Mini-Baccarat ")).await.expect("a new game");
    assert_eq!((added.game.as_str(), added.name.as_str()), ("mini_baccarat", "Mini-Baccarat"));
    assert_eq!((added.house_edge_bps, added.decisions_per_hour, added.policy_version), (124, 120, 1));
    assert_eq!(audited(&pools, "game_settings.created").await, 1);

    let card = run(&pools, admin_a(), async |conn, actor| {
        tables::add_table_as_admin(conn, actor, &table_of("MB-01", "mini_baccarat")).await
    })
    .await
    .expect("a table dealing it");
    assert_eq!((card.game.as_str(), card.game_name.as_str(), card.seats), ("mini_baccarat", "Mini-Baccarat", 9));
    let (_, game) = run(&pools, pit_boss_a(), async |conn, actor| tables::table_with_game(conn, actor, card.id).await)
        .await
        .expect("the game a slip at it rates with");
    assert_eq!(game.house_edge_bps, 124);

    // Names are unique in the casino whatever their case, and so are the keys they make.
    for taken in ["mini-baccarat", "Mini Baccarat", "MINI_BACCARAT!"] {
        let codes = field_codes(add_game(&pools, &mini_baccarat(taken)).await).await;
        assert_eq!(codes, [("name".to_owned(), ErrorCode::GameNameTaken)], "{taken}");
    }
    let mut bad = mini_baccarat("百家乐");
    bad.settings.decisions_per_hour = 0;
    let codes = field_codes(add_game(&pools, &bad).await).await;
    let expected = [
        ("name".to_owned(), ErrorCode::GameInvalidName),
        ("decisions_per_hour".to_owned(), ErrorCode::GameInvalidDecisions),
    ];
    assert_eq!(codes, expected);
    let boss =
        run(&pools, pit_boss_a(), async |conn, actor| tables::add_game(conn, actor, &mini_baccarat("Pai Gow")).await)
            .await;
    assert_eq!(boss.expect_err("admins only").code(), ErrorCode::Forbidden);

    // The other casino neither sees it nor is kept from a game of the same name.
    let admin_b = actor(CASINO_B, common::ADMIN_B, StaffRole::Admin);
    let theirs = run(&pools, admin_b, async |conn, actor| tables::game_settings(conn, actor).await).await.expect("B");
    assert_eq!(theirs.iter().map(|g| g.game.as_str()).collect::<Vec<_>>(), ["blackjack"]);
    run(&pools, admin_b, async |conn, actor| tables::add_game(conn, actor, &mini_baccarat("Mini-Baccarat")).await)
        .await
        .expect("B's own");
    let ours = run(&pools, admin_a(), async |conn, actor| tables::game_settings(conn, actor).await).await.expect("A");
    assert_eq!(ours.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["Blackjack", "Mini-Baccarat"]);
    assert_eq!(audited(&pools, "game_settings.created").await, 2, "refusals write nothing");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_game_retires_once_no_table_on_the_floor_deals_it(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    add_game(&pools, &mini_baccarat("Mini-Baccarat")).await.expect("a new game");
    let key = GameKey::new("mini_baccarat");
    let card = run(&pools, admin_a(), async |conn, actor| {
        tables::add_table_as_admin(conn, actor, &table_of("MB-01", "mini_baccarat")).await
    })
    .await
    .expect("a table");
    let retire =
        async || run(&pools, admin_a(), async |conn, actor| tables::retire_game(conn, actor, &key).await).await;

    assert_eq!(retire().await.expect_err("MB-01 deals it").code(), ErrorCode::GameInUse);
    let blackjack = GameKey::new("blackjack");
    let in_use = run(&pools, admin_a(), async |conn, actor| tables::retire_game(conn, actor, &blackjack).await).await;
    assert_eq!(in_use.expect_err("the fixture's tables deal it").code(), ErrorCode::GameInUse);
    assert_eq!(audited(&pools, "game_settings.retired").await, 0, "a refusal retires nothing");

    run(&pools, admin_a(), async |conn, actor| tables::retire_table(conn, actor, card.id).await)
        .await
        .expect("the table retired");
    let retired = retire().await.expect("no table on the floor deals it");
    assert!(retired.retired_at.is_some());
    assert_eq!(audited(&pools, "game_settings.retired").await, 1);
    assert_eq!(retire().await.expect_err("once").code(), ErrorCode::NotFound);

    // It takes no new table, keeps its settings, and its name stays taken; its table's history still names it.
    let added = run(&pools, admin_a(), async |conn, actor| {
        tables::add_table_as_admin(conn, actor, &table_of("MB-02", "mini_baccarat")).await
    })
    .await;
    assert_eq!(added.expect_err("retired").code(), ErrorCode::NotFound);
    let settings = mini_baccarat("x").settings;
    let updated =
        run(&pools, admin_a(), async |conn, actor| tables::update_game_settings(conn, actor, &key, &settings).await)
            .await;
    assert_eq!(updated.expect_err("retired").code(), ErrorCode::NotFound);
    let codes = field_codes(add_game(&pools, &mini_baccarat("Mini-Baccarat")).await).await;
    assert_eq!(codes, [("name".to_owned(), ErrorCode::GameNameTaken)]);
    let history = run(&pools, admin_a(), async |conn, actor| tables::table(conn, actor, card.id).await)
        .await
        .expect("the retired table");
    assert_eq!(history.game_name, "Mini-Baccarat");

    // The database refuses a table with a retired game from any writer, not only through the service.
    let direct = sqlx::query(
        "insert into gaming_table (id, casino_id, label, pit, game_type, min_bet_cents, max_bet_cents)
         values (gen_random_uuid(), $1, 'MB-03', 'Salon', 'mini_baccarat', 2500, 500000)",
    )
    .bind(CASINO_A.0)
    .execute(&pools.admin)
    .await
    .expect_err("the trigger refuses it");
    let constraint = direct.as_database_error().and_then(|e| e.constraint().map(str::to_owned));
    assert_eq!(constraint.as_deref(), Some("gaming_table_game_not_retired"));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn retiring_a_game_while_a_table_is_added_leaves_no_table_on_a_retired_game(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    for round in 0..5 {
        let name = format!("Pai Gow {round}");
        let game = add_game(&pools, &mini_baccarat(&name)).await.expect("a new game").game;
        let table = NewTable { game: game.clone(), ..table_of(&format!("PG-{round}"), "") };
        let (added, retired) = tokio::join!(
            run(&pools, admin_a(), async |conn, actor| tables::add_table_as_admin(conn, actor, &table).await),
            run(&pools, admin_a(), async |conn, actor| tables::retire_game(conn, actor, &game).await),
        );
        match (added, retired) {
            (Ok(_), Err(error)) => assert_eq!(error.code(), ErrorCode::GameInUse, "round {round}"),
            (Err(error), Ok(_)) => assert_eq!(error.code(), ErrorCode::NotFound, "round {round}"),
            (added, retired) => panic!("round {round}: one must win, got {added:?} and {retired:?}"),
        }
    }
    let stranded = common::count(
        &pools,
        "select count(*) from gaming_table t join game_settings g using (casino_id, game_type)
         where t.retired_at is null and g.retired_at is not null",
    )
    .await;
    assert_eq!(stranded, 0);
    pools.close().await;
}
