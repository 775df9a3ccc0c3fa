//! SQL of the player import: which rows repeat players already enrolled, and the bulk enrollment.

use std::collections::HashMap;

use sqlx::PgConnection;
use uuid::Uuid;

use super::import::ImportRow;
use crate::casino::{CasinoId, StaffId};

/// The file's columns, one array each, as `unnest` takes them.
struct Columns {
    lines: Vec<i32>,
    first_names: Vec<String>,
    last_names: Vec<String>,
    birth_dates: Vec<chrono::NaiveDate>,
    member_numbers: Vec<Option<String>>,
}

fn columns(rows: &[ImportRow]) -> Columns {
    Columns {
        lines: rows.iter().map(|row| i32::try_from(row.line).unwrap_or(i32::MAX)).collect(),
        first_names: rows.iter().map(|row| row.first_name.clone()).collect(),
        last_names: rows.iter().map(|row| row.last_name.clone()).collect(),
        birth_dates: rows.iter().map(|row| row.birth_date).collect(),
        member_numbers: rows.iter().map(|row| row.member_number.clone()).collect(),
    }
}

/// The lines of `rows` naming a player already enrolled at the casino (same name ignoring case and birth
/// date, or same member number), and whether it is the member number that repeats.
pub(super) async fn enrolled_lines(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    rows: &[ImportRow],
) -> sqlx::Result<HashMap<usize, bool>> {
    let c = columns(rows);
    // Two equality joins rather than one join on either condition, so each can hash.
    // language=PostgreSQL
    let found = sqlx::query!(
        r#"with i as (select * from unnest($2::int[], $3::text[], $4::text[], $5::date[], $6::text[])
                                 as i(line, first_name, last_name, birth_date, member_number))
           select m.line as "line!", bool_or(m.by_number) as "by_member_number!"
           from (select i.line, false as by_number
                 from i
                 join player_casino pc on pc.casino_id = $1
                 join player p on p.id = pc.player_id
                      and lower(btrim(p.first_name)) = lower(i.first_name)
                      and lower(btrim(p.last_name)) = lower(i.last_name)
                      and p.birth_date = i.birth_date
                 union all
                 select i.line, true
                 from i
                 join player_casino pc on pc.casino_id = $1 and pc.member_number = i.member_number) m
           group by m.line"#,
        casino_id.0,
        &c.lines,
        &c.first_names,
        &c.last_names,
        &c.birth_dates,
        &c.member_numbers as &[Option<String>],
    )
    .fetch_all(conn)
    .await?;
    Ok(found.into_iter().map(|row| (usize::try_from(row.line).unwrap_or_default(), row.by_member_number)).collect())
}

/// Enrolls every row at the casino, in the caller's transaction: the player, the enrollment (with its member
/// number) and the loyalty account, three statements for the whole file. Returns the new players' ids.
pub(super) async fn enroll_all(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    rows: &[ImportRow],
    enrolled_by: StaffId,
) -> sqlx::Result<Vec<Uuid>> {
    let c = columns(rows);
    let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::new_v4()).collect();
    // language=PostgreSQL
    sqlx::query!(
        "insert into player (id, first_name, last_name, birth_date)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::date[])",
        &ids,
        &c.first_names,
        &c.last_names,
        &c.birth_dates,
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query!(
        "insert into player_casino (casino_id, player_id, enrolled_by, member_number)
         select $1, id, $2, member_number from unnest($3::uuid[], $4::text[]) as i(id, member_number)",
        casino_id.0,
        enrolled_by.0,
        &ids,
        &c.member_numbers as &[Option<String>],
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query!(
        "insert into player_loyalty (casino_id, player_id) select $1, id from unnest($2::uuid[]) as i(id)",
        casino_id.0,
        &ids,
    )
    .execute(conn)
    .await?;
    Ok(ids)
}
