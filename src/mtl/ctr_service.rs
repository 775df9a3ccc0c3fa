//! The CTR worksheet, the unfiled list, marking a CTR filed, and the structuring watch: the compliance
//! officer's reads and one write over a patron's cash days.

use chrono::NaiveDate;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::ctr::{self, CtrDay, CtrWorksheet, FileCtr, UnfiledCtr};
use super::model::Thresholds;
use super::structuring::{self, StructuringParams, StructuringWatch};
use super::{Error, ctr_repo, repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::ComplianceSettings;
use crate::error::{ErrorCode, FieldError};
use crate::live::Entity;
use crate::money::Cents;
use crate::player::PlayerId;
use crate::player::identification::{self, Identification};

/// What every read of the desk starts from, read once per call.
struct Desk {
    today: NaiveDate,
    thresholds: Thresholds,
    filer: ComplianceSettings,
}

/// A gaming day's CTR worksheets (today's unless another is named).
///
/// Every patron whose cash in or out passed the
/// CTR threshold, with their identification, totals, transactions, what is missing and the filing.
///
/// Compliance and admins (`FORBIDDEN`); `MTL_INVALID_DAY` at `gaming_day` for a day not begun.
pub async fn ctr_day(conn: &mut PgConnection, actor: &Actor, gaming_day: Option<NaiveDate>) -> Result<CtrDay, Error> {
    let desk = desk(conn, actor).await?;
    let day = begun(&desk, gaming_day)?;
    worksheets(conn, actor, &desk, day, None).await
}

/// One patron's worksheet of a gaming day, for its printable page. As [`ctr_day`]; `NOT_FOUND` when no CTR is
/// due for them that day.
pub async fn ctr_worksheet(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
    gaming_day: NaiveDate,
) -> Result<CtrDay, Error> {
    let desk = desk(conn, actor).await?;
    let day = begun(&desk, Some(gaming_day))?;
    let one = worksheets(conn, actor, &desk, day, Some(player_id)).await?;
    if one.worksheets.is_empty() {
        return Err(Error::NotFound);
    }
    Ok(one)
}

/// Every worksheet not yet marked filed, oldest first; those older than ten days are urgent. Compliance and
/// admins.
pub async fn unfiled_ctrs(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<UnfiledCtr>, Error> {
    if !rules::may_annotate(actor.role) {
        return Err(Error::Forbidden);
    }
    let (today, thresholds) = super::service::today(conn, actor).await?;
    let rows = ctr_repo::unfiled(conn, actor.casino_id, thresholds.ctr_threshold).await?;
    Ok(rows
        .into_iter()
        .map(|(player_id, player_name, gaming_day)| UnfiledCtr {
            player_id,
            player_name,
            gaming_day,
            due_on: ctr::due_on(gaming_day),
            urgent: ctr::is_urgent(gaming_day, today),
        })
        .collect())
}

/// Marks a patron's CTR of a gaming day filed, on the date FinCEN received it; returns the worksheet with it.
///
/// Compliance and admins (`FORBIDDEN`). `VALIDATION_FAILED` with `CTR_INVALID_FILED_ON` (before the gaming day
/// or after today) or `CTR_INVALID_REFERENCE`; `CTR_NOT_DUE` when the patron's cash stayed at or under the
/// threshold; `CTR_INCOMPLETE` with the missing fields; `CTR_ALREADY_FILED`. Writes `ctr_filing.filed`.
pub async fn file_ctr(conn: &mut PgConnection, actor: &Actor, input: &FileCtr) -> Result<CtrWorksheet, Error> {
    let desk = desk(conn, actor).await?;
    let mut problems = Vec::new();
    if input.gaming_day > desk.today {
        problems.push(FieldError::new("gaming_day", ErrorCode::MtlInvalidDay));
    }
    if input.filed_on < input.gaming_day || input.filed_on > desk.today {
        problems.push(FieldError::new("filed_on", ErrorCode::CtrInvalidFiledOn));
    }
    if !ctr::valid_reference(&input.reference) {
        problems.push(FieldError::new("reference", ErrorCode::CtrInvalidReference));
    }
    if !problems.is_empty() {
        return Err(Error::InvalidFiling(problems));
    }
    let due = worksheets(conn, actor, &desk, input.gaming_day, Some(input.player_id)).await?;
    let mut worksheet = due.worksheets.into_iter().next().ok_or(Error::NotDue)?;
    if worksheet.filing.is_some() {
        return Err(Error::AlreadyFiled);
    }
    if !worksheet.is_complete() {
        return Err(Error::Incomplete(worksheet.missing));
    }
    let filing = FileCtr { reference: input.reference.trim().to_owned(), ..input.clone() };
    let id = Uuid::new_v4();
    let recorded = ctr_repo::insert_filing(conn, actor.casino_id, id, actor.staff_id, &filing).await?;
    worksheet.filing = Some(recorded.ok_or(Error::AlreadyFiled)?);
    let entry = AuditEntry::new("ctr_filing.filed", Entity::CtrFiling, id).after(json!({
        "player_id": filing.player_id,
        "gaming_day": filing.gaming_day,
        "filed_on": filing.filed_on,
        "reference": filing.reference,
        "cash_in_cents": worksheet.cash_in.0,
        "cash_out_cents": worksheet.cash_out.0,
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(worksheet)
}

/// The structuring watch for a gaming day (today's unless another is named).
///
/// Patrons whose entries that day
/// stayed just under a threshold, or whose cash over the casino's window of days passed the CTR threshold with
/// no single day passing it. Compliance and admins; `MTL_INVALID_DAY` for a day not begun.
pub async fn structuring_watch(
    conn: &mut PgConnection,
    actor: &Actor,
    gaming_day: Option<NaiveDate>,
) -> Result<StructuringWatch, Error> {
    let desk = desk(conn, actor).await?;
    let day = begun(&desk, gaming_day)?;
    let params = StructuringParams {
        thresholds: desk.thresholds,
        margin_percent: desk.filer.structuring_margin_percent,
        window_days: desk.filer.structuring_window_days,
    };
    let from = structuring::window_start(day, &params);
    let entries = ctr_repo::cash_entries(conn, actor.casino_id, from, day, None).await?;
    let mut flags = structuring::find(&entries, day, &params);
    let ids: Vec<PlayerId> = flags.iter().map(|f| f.player_id).collect();
    let names = crate::player::names(conn, actor, &ids).await.map_err(|e| match e {
        crate::player::Error::Db(db) => Error::Db(db),
        _ => Error::NotFound,
    })?;
    for flag in &mut flags {
        flag.player_name = names.get(&flag.player_id).cloned().unwrap_or_default();
    }
    flags.sort_by(|a, b| (&a.player_name, a.player_id, a.direction).cmp(&(&b.player_name, b.player_id, b.direction)));
    Ok(StructuringWatch { gaming_day: day, params, flags })
}

/// Today, the thresholds and the filer; refused for roles other than compliance and admins.
async fn desk(conn: &mut PgConnection, actor: &Actor) -> Result<Desk, Error> {
    if !rules::may_annotate(actor.role) {
        return Err(Error::Forbidden);
    }
    let (today, thresholds) = super::service::today(conn, actor).await?;
    let filer = crate::casino::compliance_settings(conn, actor).await.map_err(|e| match e {
        crate::casino::Error::Db(db) => Error::Db(db),
        _ => Error::NotFound,
    })?;
    Ok(Desk { today, thresholds, filer })
}

/// `gaming_day`, or today; refused for a day not begun.
fn begun(desk: &Desk, gaming_day: Option<NaiveDate>) -> Result<NaiveDate, Error> {
    let day = gaming_day.unwrap_or(desk.today);
    if day > desk.today {
        return Err(Error::InvalidPage(vec![FieldError::new("gaming_day", ErrorCode::MtlInvalidDay)]));
    }
    Ok(day)
}

/// The worksheets of `day`: of every patron past the CTR threshold either way, or of `only`.
async fn worksheets(
    conn: &mut PgConnection,
    actor: &Actor,
    desk: &Desk,
    day: NaiveDate,
    only: Option<PlayerId>,
) -> Result<CtrDay, Error> {
    let only: Option<Vec<Uuid>> = only.map(|p| vec![p.0]);
    let totals = repo::cash_totals(conn, actor.casino_id, day, only.as_deref()).await?;
    let ctr = desk.thresholds.ctr_threshold.0;
    let due: Vec<_> = totals.into_iter().filter(|t| t.cash_in > ctr || t.cash_out > ctr).collect();
    let mut worksheets = Vec::with_capacity(due.len());
    if !due.is_empty() {
        let ids: Vec<Uuid> = due.iter().map(|t| t.player_id.0).collect();
        let mut people = ctr_repo::people(conn, actor.casino_id, day, &ids).await?;
        let mut identified = identification::masked_of(conn, actor, &ids).await?;
        let entries = ctr_repo::cash_entries(conn, actor.casino_id, day, day, Some(&ids)).await?;
        for totals in due {
            let Some(person) = people.remove(&totals.player_id) else { continue };
            let id = identified.remove(&totals.player_id).unwrap_or_else(|| Identification::empty(totals.player_id));
            worksheets.push(CtrWorksheet {
                player_id: totals.player_id,
                missing: ctr::missing_fields(person.birth_date, &id, &desk.filer),
                first_name: person.first_name,
                last_name: person.last_name,
                birth_date: person.birth_date,
                identification: id,
                cash_in: Cents(totals.cash_in),
                cash_out: Cents(totals.cash_out),
                transactions: entries.iter().filter(|e| e.player_id == totals.player_id).cloned().collect(),
                filing: person.filing,
            });
        }
    }
    worksheets
        .sort_by(|a, b| (&a.last_name, &a.first_name, a.player_id).cmp(&(&b.last_name, &b.first_name, b.player_id)));
    Ok(CtrDay {
        gaming_day: day,
        due_on: ctr::due_on(day),
        thresholds: desk.thresholds,
        filer: desk.filer.clone(),
        worksheets,
    })
}
