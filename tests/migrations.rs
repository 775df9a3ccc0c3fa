//! Migrating a database made by an older pitboss: comment-only edits of applied migrations are recorded,
//! anything else that changed an applied migration is still refused.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use pitboss::MIGRATOR;
use pitboss::db::repair_reworded_migrations;
use sqlx::PgPool;

/// Puts `checksum_hex` back as the recorded checksum of `version`, as an older pitboss would have left it.
async fn record_checksum(pool: &PgPool, version: i64, checksum_hex: &str) {
    sqlx::query("update _sqlx_migrations set checksum = decode($2, 'hex') where version = $1")
        .bind(version)
        .bind(checksum_hex)
        .execute(pool)
        .await
        .expect("checksum recorded");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_database_migrated_before_the_comment_edits_migrates_again(pool: PgPool) {
    // The checksum 20261128000200_casino_staff_auth_audit.sql had before its comments stopped citing
    // documents outside the repository.
    let before = "4b356baa5f6fe259ac1cd13ac460359c3b59aa8454450277f954e65d5d94fb91a2aaa7c2ad6f3b085ef5ff4d77a76bae";
    record_checksum(&pool, 20261128000200, before).await;
    assert!(MIGRATOR.run(&pool).await.is_err(), "sqlx refuses a changed applied migration");

    assert_eq!(repair_reworded_migrations(&pool).await.expect("repair"), 1);
    MIGRATOR.run(&pool).await.expect("migrates after the repair");
    assert_eq!(repair_reworded_migrations(&pool).await.expect("repair"), 0, "nothing left to repair");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn any_other_change_to_an_applied_migration_is_still_refused(pool: PgPool) {
    let unknown = "00".repeat(48);
    record_checksum(&pool, 20261128000200, &unknown).await;
    assert_eq!(repair_reworded_migrations(&pool).await.expect("repair"), 0);
    assert!(MIGRATOR.run(&pool).await.is_err(), "an unknown checksum is not repaired");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn every_sqlstate_a_function_raises_is_in_the_registry(pool: PgPool) {
    let bodies: Vec<String> = sqlx::query_scalar(
        "select prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'",
    )
    .fetch_all(&pool)
    .await
    .expect("function bodies");
    let mut raised = std::collections::BTreeSet::new();
    for body in &bodies {
        for (at, _) in body.match_indices("errcode = 'PB") {
            raised.insert(body[at + "errcode = '".len()..at + "errcode = 'PBnnn".len()].to_owned());
        }
    }
    // The functions that refuse are there to be read (a vacuous pass would prove nothing).
    assert!(raised.len() >= 10, "only {raised:?} found");
    let unknown: Vec<_> =
        raised.iter().filter(|state| pitboss::error::Refusal::from_sqlstate(state).is_none()).collect();
    assert!(unknown.is_empty(), "raised by a function but not in src/error/sqlstate.rs: {unknown:?}");
    let unused: Vec<_> =
        pitboss::error::Refusal::ALL.iter().filter(|refusal| !raised.contains(refusal.sqlstate())).collect();
    assert!(unused.is_empty(), "registered but raised by no function: {unused:?}");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_audit_log_names_exactly_the_entities_live_events_carry(pool: PgPool) {
    let check: String = sqlx::query_scalar(
        "select pg_get_constraintdef(oid) from pg_constraint where conname = 'audit_log_entity_known'",
    )
    .fetch_one(&pool)
    .await
    .expect("the check exists");
    // `CHECK ((entity = ANY (ARRAY['casino'::text, …])))`: the quoted names are every other piece.
    let mut allowed: Vec<&str> = check.split('\'').skip(1).step_by(2).collect();
    allowed.sort_unstable();
    let mut known: Vec<&str> = pitboss::live::Entity::ALL.iter().map(|e| e.as_str()).collect();
    known.sort_unstable();
    assert_eq!(allowed, known);

    let casino: uuid::Uuid =
        sqlx::query_scalar("insert into casino (id, name) values (gen_random_uuid(), 'Entity check') returning id")
            .fetch_one(&pool)
            .await
            .expect("casino");
    let refused =
        sqlx::query("insert into audit_log (casino_id, action, entity) values ($1, 'tables.opened', 'tables')")
            .bind(casino)
            .execute(&pool)
            .await
            .expect_err("an unknown entity is refused");
    assert_eq!(refused.as_database_error().and_then(|e| e.constraint()), Some("audit_log_entity_known"));
}
