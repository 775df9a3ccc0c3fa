//! SQL of the loyalty ledger and balances.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{EntryRequest, LedgerEntry, LedgerId, LoyaltyReason, RewardRequest};
use super::request::LoyaltyRequestId;
use crate::casino::{CasinoId, StaffId};
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::SlipId;
use crate::visit::VisitId;

/// A ledger row as stored (the issuer's name comes from a join).
struct Row {
    id: LedgerId,
    player_id: PlayerId,
    rating_slip_id: Option<SlipId>,
    visit_id: Option<VisitId>,
    staff_id: Option<StaffId>,
    staff_name: Option<String>,
    points: i32,
    reason: LoyaltyReason,
    average_bet_cents: Option<i64>,
    seconds_played: Option<i32>,
    theo_cents: Option<i64>,
    balance_after: i64,
    gaming_day: NaiveDate,
    created_at: DateTime<Utc>,
    corrects_id: Option<LedgerId>,
    discretionary_points: i32,
    request_id: Option<LoyaltyRequestId>,
    request_number: Option<i64>,
    request_quantity: Option<i32>,
    request_note: Option<String>,
    item_name: Option<String>,
}

impl From<Row> for LedgerEntry {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            player_id: r.player_id,
            rating_slip_id: r.rating_slip_id,
            visit_id: r.visit_id,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            points: i64::from(r.points),
            reason: r.reason,
            average_bet: r.average_bet_cents.map(Cents),
            seconds_played: r.seconds_played,
            theo: r.theo_cents.map(Cents),
            balance_after: r.balance_after,
            gaming_day: r.gaming_day,
            created_at: r.created_at,
            request: r.request_id.zip(r.request_number).map(|(id, number)| EntryRequest {
                id,
                number,
                description: describe(r.item_name, r.request_quantity.unwrap_or(1), r.request_note.unwrap_or_default()),
            }),
            corrects_id: r.corrects_id,
            discretionary_points: i64::from(r.discretionary_points),
        }
    }
}

/// A request in a few words: "2 × Buffet", or its note.
pub(super) fn describe(item_name: Option<String>, quantity: i32, note: String) -> String {
    match item_name {
        Some(name) if quantity > 1 => format!("{quantity} × {name}"),
        Some(name) => name,
        None => note,
    }
}

/// Calls `rpc_issue_mid_session_reward`: the checks, the ledger row, the balance and the audit row happen in
/// the database, as one statement of the caller's transaction. Returns the entry's id (the first entry's
/// for a replayed key).
pub(super) async fn issue(
    conn: &mut PgConnection,
    request: &RewardRequest,
    seconds_played: i64,
    theo: Cents,
    discretionary_points: i64,
) -> sqlx::Result<LedgerId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select id as "id!: LedgerId" from rpc_issue_mid_session_reward($1, $2, $3, $4, $5, $6, $7, $8)"#,
        request.player_id.0,
        request.rating_slip_id.0,
        request.points,
        request.idempotency_key,
        request.reason.as_str(),
        i32::try_from(seconds_played).unwrap_or(i32::MAX),
        theo.0,
        i32::try_from(discretionary_points).unwrap_or(i32::MAX),
    )
    .fetch_one(conn)
    .await
}

/// The most points one reward may give at the casino.
pub(super) async fn reward_cap(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<i32> {
    // language=PostgreSQL
    let cap = sqlx::query_scalar!("select reward_cap_points from casino_settings where casino_id = $1", casino_id.0)
        .fetch_optional(conn)
        .await?;
    Ok(cap.unwrap_or(0))
}

/// Adds `points` to the player's balance (opening it if missing) and returns the new balance; the row stays
/// locked until the transaction ends, so entries of one player are written one at a time.
pub(super) async fn add_to_balance(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
    points: i64,
) -> sqlx::Result<i64> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        "insert into player_loyalty (casino_id, player_id, balance_points) values ($1, $2, $3)
         on conflict (casino_id, player_id)
         do update set balance_points = player_loyalty.balance_points + excluded.balance_points
         returning balance_points",
        casino_id.0,
        player_id.0,
        points,
    )
    .fetch_one(conn)
    .await
}

/// The accrual row of a closed slip.
pub(super) struct Accrual {
    pub player_id: PlayerId,
    pub rating_slip_id: SlipId,
    pub visit_id: VisitId,
    pub staff_id: StaffId,
    pub points: i32,
    pub average_bet: Cents,
    pub seconds_played: i32,
    pub theo: Cents,
    pub balance_after: i64,
}

/// Appends a slip's `session_end` row, dated by the database's gaming day. A second accrual of the same slip
/// violates `loyalty_ledger_one_accrual_per_slip_key`.
pub(super) async fn insert_accrual(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    a: &Accrual,
) -> sqlx::Result<LedgerId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"insert into loyalty_ledger (id, casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                                       average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day,
                                       idempotency_key)
           values ($1, $2, $3, $4, $5, $6, $7, 'session_end', $8, $9, $10, $11, compute_gaming_day($2), $12)
           returning id as "id: LedgerId""#,
        Uuid::new_v4(),
        casino_id.0,
        a.player_id.0,
        a.rating_slip_id.0,
        a.visit_id.0,
        a.staff_id.0,
        a.points,
        a.average_bet.0,
        a.seconds_played,
        a.theo.0,
        a.balance_after,
        Uuid::new_v4(),
    )
    .fetch_one(conn)
    .await
}

/// Which ledger rows to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Filter {
    /// One row.
    Id(LedgerId),
    /// The rows of one slip.
    Slip(SlipId),
    /// The rows of one player.
    Player(PlayerId),
}

/// The rows `filter` selects, newest first (at most 200).
///
/// Each filter finds its ids with a query of its own, so the plans PostgreSQL keeps use an index (see
/// `rating_slip::repo::slips`: one query with optional filters became a scan of every ledger row).
pub(super) async fn entries(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: Filter,
) -> sqlx::Result<Vec<LedgerEntry>> {
    // The column a filter matches cannot be a parameter, so each is a statement of its own.
    macro_rules! newest {
        ($column:literal, $value:expr) => {
            // language=PostgreSQL
            sqlx::query_scalar!(
                "select id from loyalty_ledger where casino_id = $1 and "
                    + $column
                    + " = $2
                 order by created_at desc, balance_after desc limit 200",
                casino_id.0,
                $value,
            )
            .fetch_all(&mut *conn)
            .await?
        };
    }
    let ids: Vec<Uuid> = match filter {
        Filter::Id(id) => vec![id.0],
        Filter::Slip(slip) => newest!("rating_slip_id", slip.0),
        Filter::Player(player) => newest!("player_id", player.0),
    };
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        Row,
        r#"select l.id as "id: LedgerId", l.player_id as "player_id: PlayerId",
                  l.rating_slip_id as "rating_slip_id: SlipId", l.visit_id as "visit_id: VisitId",
                  l.staff_id as "staff_id: StaffId", s.first_name || ' ' || s.last_name as staff_name,
                  l.points, l.reason as "reason: LoyaltyReason", l.average_bet_cents, l.seconds_played, l.theo_cents,
                  l.balance_after, l.gaming_day, l.created_at, l.corrects_id as "corrects_id: LedgerId",
                  l.discretionary_points, r.id as "request_id?: LoyaltyRequestId", r.number as "request_number?",
                  r.quantity as "request_quantity?", r.note as "request_note?", i.name as "item_name?"
           from loyalty_ledger l
           left join staff s on s.casino_id = l.casino_id and s.id = l.staff_id
           left join loyalty_request r on r.casino_id = l.casino_id and r.id = l.loyalty_request_id
           left join comp_item i on i.casino_id = r.casino_id and i.id = r.comp_item_id
           where l.casino_id = $1 and l.id = any($2)
           order by l.created_at desc, l.balance_after desc"#,
        casino_id.0,
        &ids,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(LedgerEntry::from).collect())
}

/// The player's balance, 0 when they have no account here yet.
pub(super) async fn balance(conn: &mut PgConnection, casino_id: CasinoId, player_id: PlayerId) -> sqlx::Result<i64> {
    // language=PostgreSQL
    let balance = sqlx::query_scalar!(
        "select balance_points from player_loyalty where casino_id = $1 and player_id = $2",
        casino_id.0,
        player_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(balance.unwrap_or(0))
}

/// Points issued by hand on each of the slips: (slip, mid-session rewards, mid-session rewards + promotions).
pub(super) async fn issued_on(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    slips: &[Uuid],
) -> sqlx::Result<Vec<(SlipId, i64, i64)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select rating_slip_id as "slip!: SlipId",
                  coalesce(sum(points) filter (where reason = 'mid_session'), 0)::bigint as "mid_session!",
                  sum(points)::bigint as "issued!"
           from loyalty_ledger
           where casino_id = $1 and rating_slip_id = any($2) and reason in ('mid_session', 'promotion')
           group by rating_slip_id"#,
        casino_id.0,
        slips,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slip, r.mid_session, r.issued)).collect())
}

/// When each point of a gaming day was issued by hand (mid-session rewards and promotions), oldest first.
pub(super) async fn issued_on_day(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: chrono::NaiveDate,
) -> sqlx::Result<Vec<(chrono::DateTime<chrono::Utc>, i64)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select created_at, points::bigint as "points!" from loyalty_ledger
           where casino_id = $1 and gaming_day = $2 and reason in ('mid_session', 'promotion')
           order by created_at"#,
        casino_id.0,
        day,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.created_at, r.points)).collect())
}

/// The points credited on each of the given slips, whatever the reason (accrual, rewards, promotions).
pub(super) async fn credited_on(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    slips: &[Uuid],
) -> sqlx::Result<Vec<(SlipId, i64)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select rating_slip_id as "slip!: SlipId", sum(points)::bigint as "points!"
           from loyalty_ledger
           where casino_id = $1 and rating_slip_id = any($2)
           group by rating_slip_id"#,
        casino_id.0,
        slips,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slip, r.points)).collect())
}
