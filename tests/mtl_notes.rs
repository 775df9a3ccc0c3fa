//! Compliance notes on the MTL against PostgreSQL as the runtime role: an officer annotates a row or a
//! patron's gaming day, the compliance page shows them beside what they are about, nobody else writes them,
//! nobody changes them, and another casino's rows and patrons are out of reach.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{CASHIER_A, CASINO_A, COMPLIANCE_A, CRUZ, Pools, actor, admin_a, audited, pit_boss_a, run};
use pitboss::casino::StaffRole;
use pitboss::mtl::{self, MtlEntryId, MtlNote, NewMtlNote, NoteTarget};
use pitboss::player::PlayerId;
use pitboss::{Actor, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::uuid;

const ALMA_ENTRY: MtlEntryId = MtlEntryId(uuid!("aaaaaaaa-cccc-4000-8000-000000000001"));
const BRAM_ENTRY: MtlEntryId = MtlEntryId(uuid!("bbbbbbbb-cccc-4000-8000-000000000002"));
const BRAM: PlayerId = PlayerId(uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));

fn compliance() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

async fn add(pools: &Pools, who: Actor, target: NoteTarget, note: &str) -> Result<MtlNote, mtl::Error> {
    let new = NewMtlNote { target, note: note.to_owned() };
    run(pools, who, async |conn, a| mtl::add_note(conn, a, &new).await).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn an_officer_annotates_a_row_and_a_patrons_day(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let on_row = NoteTarget::Entry { mtl_entry_id: ALMA_ENTRY };
    let note = add(&pools, compliance(), on_row, "  Called her host:\nwinnings from the poker room.  ").await;
    let note = note.expect("an officer's note");
    assert_eq!(note.mtl_entry_id, Some(ALMA_ENTRY));
    assert_eq!((note.player_id, note.staff_name.as_str()), (common::ALMA, "Cory Compliance"));
    assert_eq!(note.note, "Called her host:\nwinnings from the poker room.", "trimmed, line break kept");
    assert_eq!(audited(&pools, "mtl_audit_note.created").await, 1);

    let today = run(&pools, compliance(), async |conn, a| pitboss::casino::today(conn, a).await).await.expect("day");
    assert_eq!(note.gaming_day, today.pred_opt().expect("yesterday"), "the row's own gaming day");
    let on_day = NoteTarget::PatronDay { player_id: CRUZ, gaming_day: today };
    let day_note = add(&pools, admin_a(), on_day, "ID seen at the cage.").await.expect("an admin's note");

    // The page shows the fixture's note and this one beside the row, oldest first, and the patron's day note.
    let page = run(&pools, compliance(), async |conn, a| mtl::compliance_view(conn, a).await).await.expect("page");
    let on_alma: Vec<_> = page.notes.iter().filter(|n| n.mtl_entry_id == Some(ALMA_ENTRY)).map(|n| n.id).collect();
    assert_eq!(on_alma.len(), 2);
    assert_eq!(on_alma.last(), Some(&note.id));
    assert!(page.notes.iter().any(|n| n.id == day_note.id && n.mtl_entry_id.is_none()));
    assert!(page.notes.iter().all(|n| n.note != "Regular; ID on file."), "casino B's note");
    let seen = run(&pools, pit_boss_a(), async |conn, a| mtl::compliance_view(conn, a).await).await.expect("pit");
    assert_eq!(seen.notes.len(), page.notes.len(), "pit bosses read the notes");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn notes_are_checked_written_by_compliance_only_and_never_changed(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let on_row = NoteTarget::Entry { mtl_entry_id: ALMA_ENTRY };
    let cashier = actor(CASINO_A, CASHIER_A, StaffRole::Cashier);
    for who in [pit_boss_a(), cashier] {
        let refused = add(&pools, who, on_row, "Mine.").await.expect_err("not theirs to write");
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{:?}", who.role);
    }
    for text in ["", "  \n ", "nul \u{0} inside", &"x".repeat(1_001)] {
        let refused = add(&pools, compliance(), on_row, text).await.expect_err("not a note");
        let fields: Vec<_> = refused.fields().into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(fields, [("note".to_owned(), ErrorCode::MtlInvalidNote)], "{text:?}");
    }
    let today = run(&pools, compliance(), async |conn, a| pitboss::casino::today(conn, a).await).await.expect("day");
    let tomorrow = NoteTarget::PatronDay { player_id: CRUZ, gaming_day: today.succ_opt().expect("tomorrow") };
    let refused = add(&pools, compliance(), tomorrow, "Ahead of time.").await.expect_err("a day not begun");
    assert_eq!(refused.fields()[0].code, ErrorCode::MtlInvalidDay);
    let theirs = add(&pools, compliance(), NoteTarget::Entry { mtl_entry_id: BRAM_ENTRY }, "B's row.").await;
    assert_eq!(theirs.expect_err("another casino's row").code(), ErrorCode::NotFound);
    let bram = NoteTarget::PatronDay { player_id: BRAM, gaming_day: today };
    let theirs = add(&pools, compliance(), bram, "B's patron.").await;
    assert_eq!(theirs.expect_err("not enrolled here").code(), ErrorCode::NotFound);
    assert_eq!(audited(&pools, "mtl_audit_note.created").await, 0, "refusals write nothing");

    // Append-only for everyone, and an entry's note names that entry's patron and day whoever writes it.
    let changed = sqlx::query("update mtl_audit_note set note = 'edited'").execute(&pools.admin).await;
    assert!(changed.is_err(), "the superuser cannot edit a note either");
    let forged = sqlx::query(
        "insert into mtl_audit_note (id, casino_id, mtl_entry_id, player_id, gaming_day, note, staff_id)
         select gen_random_uuid(), casino_id, id, 'cccccccc-3333-4000-8000-0000000000c1', gaming_day, 'x', staff_id
         from mtl_entry where id = $1",
    )
    .bind(ALMA_ENTRY.0)
    .execute(&pools.admin)
    .await
    .expect_err("another patron on Alma's row");
    let constraint = forged.as_database_error().and_then(|e| e.constraint().map(str::to_owned));
    assert_eq!(constraint.as_deref(), Some("mtl_audit_note_entry_fkey"));
    pools.close().await;
}
