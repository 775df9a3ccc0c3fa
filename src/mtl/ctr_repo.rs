//! SQL of the CTR worksheet and the structuring watch: cash entries over a few gaming days, the people a
//! worksheet names, and filings.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::ctr::{CashEntry, CtrFiling, FileCtr};
use crate::casino::{CasinoId, StaffId};
use crate::finance::{Direction, FinanceTxnId, Source};
use crate::money::Cents;
use crate::player::PlayerId;

struct EntryRow {
    id: FinanceTxnId,
    player_id: PlayerId,
    gaming_day: NaiveDate,
    direction: Direction,
    source: Source,
    amount_cents: i64,
    is_reversal: bool,
    reversed: bool,
    staff_name: String,
    created_at: DateTime<Utc>,
}

/// The cash entries of gaming days `from` to `to`: of `players` only, or of everyone; oldest first.
pub(super) async fn cash_entries(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    from: NaiveDate,
    to: NaiveDate,
    players: Option<&[Uuid]>,
) -> sqlx::Result<Vec<CashEntry>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        EntryRow,
        r#"select t.id as "id: FinanceTxnId", t.player_id as "player_id: PlayerId", t.gaming_day,
                  t.direction as "direction: Direction", t.source as "source: Source", t.amount_cents,
                  t.reverses_id is not null as "is_reversal!",
                  exists (select 1 from player_financial_transaction r
                          where r.casino_id = t.casino_id and r.reverses_id = t.id) as "reversed!",
                  s.first_name || ' ' || s.last_name as "staff_name!", t.created_at
           from player_financial_transaction t
           join staff s on s.casino_id = t.casino_id and s.id = t.staff_id
           where t.casino_id = $1 and t.gaming_day between $2 and $3 and t.tender = 'cash'
             and ($4::uuid[] is null or t.player_id = any($4))
           order by t.created_at, t.id"#,
        casino_id.0,
        from,
        to,
        players,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CashEntry {
            id: r.id,
            player_id: r.player_id,
            gaming_day: r.gaming_day,
            direction: r.direction,
            source: r.source,
            amount: Cents(r.amount_cents),
            is_reversal: r.is_reversal,
            reversed: r.reversed,
            staff_name: r.staff_name,
            created_at: r.created_at,
        })
        .collect())
}

/// A patron as a worksheet names them, with the filing of the day asked, if any.
pub(super) struct Person {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub filing: Option<CtrFiling>,
}

struct PersonRow {
    player_id: PlayerId,
    first_name: String,
    last_name: String,
    birth_date: Option<NaiveDate>,
    filed_on: Option<NaiveDate>,
    reference: Option<String>,
    filed_by: Option<String>,
    recorded_at: Option<DateTime<Utc>>,
}

/// The `players` enrolled at the casino, with their CTR filing of `day`.
pub(super) async fn people(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: NaiveDate,
    players: &[Uuid],
) -> sqlx::Result<HashMap<PlayerId, Person>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        PersonRow,
        r#"select p.id as "player_id: PlayerId", p.first_name, p.last_name, p.birth_date,
                  f.filed_on as "filed_on?", f.reference as "reference?",
                  fs.first_name || ' ' || fs.last_name as "filed_by?", f.created_at as "recorded_at?"
           from player_casino pc
           join player p on p.id = pc.player_id
           left join ctr_filing f on f.casino_id = pc.casino_id and f.player_id = pc.player_id and f.gaming_day = $2
           left join staff fs on fs.casino_id = f.casino_id and fs.id = f.staff_id
           where pc.casino_id = $1 and pc.player_id = any($3)"#,
        casino_id.0,
        day,
        players,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let filing = r.filed_on.zip(r.recorded_at).map(|(filed_on, recorded_at)| CtrFiling {
                filed_on,
                reference: r.reference.unwrap_or_default(),
                staff_name: r.filed_by.unwrap_or_default(),
                recorded_at,
            });
            let person = Person { first_name: r.first_name, last_name: r.last_name, birth_date: r.birth_date, filing };
            (r.player_id, person)
        })
        .collect())
}

/// Records a filing as `staff`; the filing as recorded, or `None` when the patron's CTR of that day was filed
/// already.
pub(super) async fn insert_filing(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: Uuid,
    staff: StaffId,
    filing: &FileCtr,
) -> sqlx::Result<Option<CtrFiling>> {
    // language=PostgreSQL
    let recorded = sqlx::query!(
        r#"insert into ctr_filing (id, casino_id, player_id, gaming_day, filed_on, reference, staff_id)
           values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (casino_id, player_id, gaming_day) do nothing
           returning created_at,
                     (select s.first_name || ' ' || s.last_name from staff s
                      where s.casino_id = $2 and s.id = $7) as "staff_name!""#,
        id,
        casino_id.0,
        filing.player_id.0,
        filing.gaming_day,
        filing.filed_on,
        filing.reference,
        staff.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(recorded.map(|r| CtrFiling {
        filed_on: filing.filed_on,
        reference: filing.reference.clone(),
        staff_name: r.staff_name,
        recorded_at: r.created_at,
    }))
}

/// Patron days whose cash in or out is above `ctr_threshold` (among those that raised a CTR alert) with no
/// filing: (patron, "First Last", gaming day), oldest first, at most 500.
pub(super) async fn unfiled(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    ctr_threshold: Cents,
) -> sqlx::Result<Vec<(PlayerId, String, NaiveDate)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select a.player_id as "player_id!: PlayerId", p.first_name || ' ' || p.last_name as "player_name!",
                  a.gaming_day as "gaming_day!"
           from (select distinct player_id, gaming_day from mtl_threshold_alert
                 where casino_id = $1 and level = 'ctr') a
           join player p on p.id = a.player_id
           where not exists (select 1 from ctr_filing f
                             where f.casino_id = $1 and f.player_id = a.player_id and f.gaming_day = a.gaming_day)
             and (select greatest(
                        coalesce(sum(case when t.reverses_id is null then t.amount_cents else -t.amount_cents end)
                                 filter (where t.direction = 'in'), 0)::bigint,
                        coalesce(sum(case when t.reverses_id is null then t.amount_cents else -t.amount_cents end)
                                 filter (where t.direction = 'out'), 0)::bigint)
                  from player_financial_transaction t
                  where t.casino_id = $1 and t.player_id = a.player_id and t.gaming_day = a.gaming_day
                    and t.tender = 'cash') > $2
           order by a.gaming_day, p.last_name, p.first_name, a.player_id
           limit 500"#,
        casino_id.0,
        ctr_threshold.0,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.player_id, r.player_name, r.gaming_day)).collect())
}
