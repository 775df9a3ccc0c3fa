//! Importing members from a CSV as the runtime role: a file with bad rows writes nothing until it is fixed,
//! then enrolls every new member in one transaction; repeats within the file and players already enrolled
//! here are skipped and reported, while a player enrolled only at another casino is not a repeat.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{CASINO_A, Pools, admin_a, audited, count, pit_boss_a, run};
use pitboss::player::{self, import::ImportResult};
use pitboss::{DomainError, ErrorCode, FieldError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Alma Ayala is enrolled here; Bram Bakker only at casino B.
const FILE: &str = "first_name,last_name,birth_date,member_number
Nora,Quist,1975-04-03,Q-1
Otto,Reyes,1968-11-30,
alma,AYALA,1970-01-01,
Bram,Bakker,1980-02-02,Q-2
Nora,Quist,1975-04-03,
Pia,Stone,1990-07-07,Q-1
";

async fn players_here(pools: &Pools) -> i64 {
    count(pools, &format!("select count(*) from player_casino where casino_id = '{}'", CASINO_A.0)).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_file_with_bad_rows_writes_nothing_until_it_is_fixed(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let before = players_here(&pools).await;
    let broken = FILE.replace("1968-11-30", "30/11/1968").replace("Q-2", "Q 2").replace("Pia,", ",");
    let preview = run(&pools, admin_a(), async |conn, actor| player::preview_import(conn, actor, &broken).await)
        .await
        .expect("a preview");
    let problems: Vec<(usize, &str)> = preview.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
    assert_eq!(problems, [(3, "birth_date"), (5, "member_number"), (7, "first_name")]);
    let refused = run(&pools, admin_a(), async |conn, actor| player::import_players(conn, actor, &broken).await)
        .await
        .expect_err("bad rows");
    assert_eq!(refused.code(), ErrorCode::ImportInvalid);
    assert_eq!(refused.fields()[0], FieldError::new("3:birth_date", ErrorCode::PlayerInvalidBirthDate));
    assert_eq!(players_here(&pools).await, before, "nothing written");

    // Fixed: the new members are enrolled; the repeats are skipped and say why.
    let preview = run(&pools, admin_a(), async |conn, actor| player::preview_import(conn, actor, FILE).await)
        .await
        .expect("a preview");
    assert_eq!((preview.ready, preview.problems.len()), (3, 0));
    let ImportResult { imported, duplicates } =
        run(&pools, admin_a(), async |conn, actor| player::import_players(conn, actor, FILE).await)
            .await
            .expect("imported");
    assert_eq!(imported, 3, "Nora, Otto and Bram (enrolled only at the other casino)");
    let skipped: Vec<_> = duplicates.iter().map(|d| (d.line, d.repeats_line, d.by_member_number)).collect();
    assert_eq!(skipped, [(4, None, false), (6, Some(2), false), (7, Some(2), true)]);
    assert_eq!(players_here(&pools).await, before + 3);
    assert_eq!(audited(&pools, "player.imported").await, 1);
    let accounts = count(
        &pools,
        &format!("select count(*) from player_loyalty where casino_id = '{}' and balance_points = 0", CASINO_A.0),
    )
    .await;
    assert!(accounts >= 3, "each new member has a loyalty account");

    // The same file again: everyone is enrolled already.
    let again = run(&pools, admin_a(), async |conn, actor| player::import_players(conn, actor, FILE).await)
        .await
        .expect("nothing new");
    assert_eq!(again.imported, 0);
    assert_eq!(again.duplicates.len(), 6);
    assert!(again.duplicates.iter().any(|d| d.line == 2 && d.repeats_line.is_none()));

    let forbidden = run(&pools, pit_boss_a(), async |conn, actor| player::preview_import(conn, actor, FILE).await)
        .await
        .expect_err("admins only");
    assert_eq!(forbidden.code(), ErrorCode::Forbidden);
    pools.close().await;
}
