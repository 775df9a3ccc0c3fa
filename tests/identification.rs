//! Patron identification against PostgreSQL as the runtime role: numbers sealed before they are stored (the
//! table, the audit log and the request store never hold one in clear), shown by their last four, revealed to
//! compliance officers only and every time audited; a sealed number moved to another patron does not open; a
//! rotated key's numbers still open and are resealed on the next save; the form checked field by field.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{ALMA, CASHIER_A, CASINO_A, COMPLIANCE_A, CRUZ, Pools, actor, admin_a, audited, count, pit_boss_a, run};
use pitboss::casino::StaffRole;
use pitboss::player::identification::{self as id, IdType, Identification, IdentificationInput, RevealedNumbers};
use pitboss::player::{self, PlayerId};
use pitboss::sealing::DataKeys;
use pitboss::{Actor, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::uuid;

const KEY: &str = "4f7a1c9e2b3d5a6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";
const BRAM: PlayerId = PlayerId(uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));

fn keys() -> DataKeys {
    DataKeys::new(KEY, &[]).expect("the test key")
}

fn cashier() -> Actor {
    actor(CASINO_A, CASHIER_A, StaffRole::Cashier)
}

fn compliance() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

fn form() -> IdentificationInput {
    IdentificationInput {
        address_line: " 77 Fremont St ".into(),
        city: "Las Vegas".into(),
        region: "NV".into(),
        postal_code: "89101".into(),
        country: "US".into(),
        occupation: "Electrician".into(),
        id_type: Some(IdType::DriversLicense),
        id_issuer: "NV".into(),
        id_expires: chrono::NaiveDate::from_ymd_opt(2029, 5, 31),
        id_number: Some("D1234-5678".into()),
        tin: Some("123-45-6789".into()),
    }
}

async fn save(
    pools: &Pools,
    who: Actor,
    keys: &DataKeys,
    player: PlayerId,
    input: &IdentificationInput,
) -> Result<Identification, player::Error> {
    run(pools, who, async |conn, a| id::update_identification(conn, a, keys, player, input).await).await
}

async fn reveal(
    pools: &Pools,
    who: Actor,
    keys: &DataKeys,
    player: PlayerId,
) -> Result<RevealedNumbers, player::Error> {
    run(pools, who, async |conn, a| id::reveal_numbers(conn, a, keys, player).await).await
}

/// Rows anywhere in the database holding `text`, seen as the superuser.
async fn rows_holding(pools: &Pools, text: &str) -> i64 {
    let like = format!("'%{text}%'");
    count(pools, &format!(
        "select (select count(*) from player_identification i
                 where encode(coalesce(i.id_number_sealed, ''), 'escape') like {like}
                    or encode(coalesce(i.tin_sealed, ''), 'escape') like {like} or i::text like {like})
              + (select count(*) from audit_log a where coalesce(a.before::text, '') || coalesce(a.after::text, '') like {like})
              + (select count(*) from idempotent_request r where r::text like {like})"
    ))
    .await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn numbers_are_sealed_shown_by_their_last_four_and_revealed_to_compliance(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let keys = keys();
    let saved = save(&pools, cashier(), &keys, CRUZ, &form()).await.expect("the cashier records it");
    assert_eq!((saved.id_number_last4.as_deref(), saved.tin_last4.as_deref()), (Some("5678"), Some("6789")));
    assert_eq!(saved.address_line, "77 Fremont St", "trimmed");
    assert_eq!(saved.updated_by.as_deref(), Some("Cal Cashier"));
    assert!(saved.missing().is_empty(), "{:?}", saved.missing());
    for plain in ["D1234-5678", "123456789", "123-45-6789"] {
        assert_eq!(rows_holding(&pools, plain).await, 0, "{plain} stored in clear");
    }
    let sealed: Vec<u8> = sqlx::query_scalar("select id_number_sealed from player_identification where player_id = $1")
        .bind(CRUZ.0)
        .fetch_one(&pools.admin)
        .await
        .expect("sealed bytes");
    assert!(sealed.len() > 12 + 10 && !sealed.windows(10).any(|w| w == b"D1234-5678"));

    let shown = run(&pools, pit_boss_a(), async |conn, a| id::identification(conn, a, CRUZ).await).await;
    assert_eq!(shown.expect_err("pit bosses do not keep it").code(), ErrorCode::Forbidden);
    let shown = run(&pools, admin_a(), async |conn, a| id::identification(conn, a, CRUZ).await).await.expect("admin");
    assert_eq!(shown, saved);

    for who in [cashier(), admin_a(), pit_boss_a()] {
        let refused = reveal(&pools, who, &keys, CRUZ).await.expect_err("compliance only");
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{:?}", who.role);
    }
    assert_eq!(audited(&pools, "player_identification.revealed").await, 0);
    let numbers = reveal(&pools, compliance(), &keys, CRUZ).await.expect("the officer reveals them");
    assert_eq!(numbers, RevealedNumbers { id_number: Some("D1234-5678".into()), tin: Some("123-45-6789".into()) });
    reveal(&pools, compliance(), &keys, CRUZ).await.expect("again");
    assert_eq!(audited(&pools, "player_identification.revealed").await, 2, "every reveal audited");
    assert_eq!(rows_holding(&pools, "D1234-5678").await, 0, "the reveal's audit row names fields, not numbers");

    // Left out, a number stays; emptied, it goes.
    let kept = IdentificationInput { id_number: None, tin: Some(String::new()), ..form() };
    let kept = save(&pools, compliance(), &keys, CRUZ, &kept).await.expect("saved again");
    assert_eq!((kept.id_number_last4.as_deref(), kept.tin_last4), (Some("5678"), None));
    let numbers = reveal(&pools, compliance(), &keys, CRUZ).await.expect("revealed");
    assert_eq!(numbers, RevealedNumbers { id_number: Some("D1234-5678".into()), tin: None });
    assert_eq!(audited(&pools, "player_identification.updated").await, 2);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_sealed_number_opens_only_for_its_patron_and_survives_a_key_rotation(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let old = keys();
    save(&pools, cashier(), &old, CRUZ, &form()).await.expect("Cruz");
    save(&pools, cashier(), &old, ALMA, &IdentificationInput { id_number: Some("A0000001".into()), ..form() })
        .await
        .expect("Alma");
    // Cruz's sealed number copied onto Alma's row (by someone with the database, not the key) does not open.
    sqlx::query(
        "update player_identification a set id_number_sealed = c.id_number_sealed
         from player_identification c where a.player_id = $1 and c.player_id = $2",
    )
    .bind(ALMA.0)
    .bind(CRUZ.0)
    .execute(&pools.admin)
    .await
    .expect("copied");
    let refused = reveal(&pools, compliance(), &old, ALMA).await.expect_err("sealed for Cruz");
    assert_eq!(refused.code(), ErrorCode::Internal);

    // A new key, the old one kept to open: Cruz's numbers still open, and the next save reseals them.
    let rotated = DataKeys::new(&DataKeys::generate_key(), &[KEY]).expect("rotated");
    let numbers = reveal(&pools, compliance(), &rotated, CRUZ).await.expect("opened with the previous key");
    assert_eq!(numbers.id_number.as_deref(), Some("D1234-5678"));
    let untouched = IdentificationInput { id_number: None, tin: None, ..form() };
    save(&pools, cashier(), &rotated, CRUZ, &untouched).await.expect("saved under the new key");
    let key_id: String = sqlx::query_scalar("select key_id from player_identification where player_id = $1")
        .bind(CRUZ.0)
        .fetch_one(&pools.admin)
        .await
        .expect("key id");
    assert_eq!(key_id, rotated.current_id());
    let numbers = reveal(&pools, compliance(), &rotated, CRUZ).await.expect("opened with the new key");
    assert_eq!(numbers.tin.as_deref(), Some("123-45-6789"));
    let refused = reveal(&pools, compliance(), &old, CRUZ).await.expect_err("the old key alone no longer opens it");
    assert_eq!(refused.code(), ErrorCode::Internal);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_form_is_checked_field_by_field_and_other_casinos_patrons_are_out_of_reach(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let keys = keys();
    let bad = IdentificationInput {
        city: "x".repeat(101),
        id_number: Some("12".into()),
        tin: Some("12-34".into()),
        id_expires: chrono::NaiveDate::from_ymd_opt(2200, 1, 1),
        ..form()
    };
    let refused = save(&pools, cashier(), &keys, CRUZ, &bad).await.expect_err("four wrong fields");
    let fields: Vec<_> = refused.fields().into_iter().map(|f| (f.field, f.code)).collect();
    assert_eq!(
        fields,
        [
            ("city".to_owned(), ErrorCode::IdentificationInvalidText),
            ("id_expires".to_owned(), ErrorCode::IdentificationInvalidExpiry),
            ("id_number".to_owned(), ErrorCode::IdentificationInvalidNumber),
            ("tin".to_owned(), ErrorCode::IdentificationInvalidTin),
        ]
    );
    assert_eq!(
        count(
            &pools,
            "select count(*) from player_identification where player_id = 'cccccccc-3333-4000-8000-0000000000c1'"
        )
        .await,
        0
    );
    let refused = save(&pools, pit_boss_a(), &keys, CRUZ, &form()).await.expect_err("not the cage");
    assert_eq!(refused.code(), ErrorCode::Forbidden);
    for attempt in [
        save(&pools, cashier(), &keys, BRAM, &form()).await.map(|_| ()),
        reveal(&pools, compliance(), &keys, BRAM).await.map(|_| ()),
    ] {
        assert_eq!(attempt.expect_err("casino B's patron").code(), ErrorCode::NotFound);
    }
    // Alma's fixture row: on file without numbers, so her ID number is missing for a report.
    let alma = run(&pools, compliance(), async |conn, a| id::identification(conn, a, ALMA).await).await.expect("Alma");
    assert_eq!(alma.missing(), ["id_number"]);
    let empty = run(&pools, cashier(), async |conn, a| id::identification(conn, a, CRUZ).await).await.expect("none");
    assert_eq!(empty, Identification::empty(CRUZ));
    pools.close().await;
}
