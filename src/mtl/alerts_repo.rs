//! SQL of threshold events and their acknowledgements. The events themselves are written by the MTL trigger.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::model::{Acknowledgement, MtlAlertId, Proximity, ThresholdAlert};
use crate::casino::{CasinoId, StaffId};
use crate::finance::{Direction, FinanceTxnId};
use crate::money::Cents;
use crate::player::PlayerId;

/// Waiting alerts are listed whatever their age, but a casino that never acknowledges one must not make the
/// compliance page unbounded.
const MOST_LISTED: i64 = 500;

struct Row {
    id: MtlAlertId,
    player_id: PlayerId,
    player_name: String,
    gaming_day: NaiveDate,
    direction: Direction,
    level: String,
    day_total_cents: i64,
    financial_txn_id: FinanceTxnId,
    reached_at: DateTime<Utc>,
    acknowledged_by: Option<String>,
    acknowledged_at: Option<DateTime<Utc>>,
}

impl From<Row> for ThresholdAlert {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            player_id: r.player_id,
            player_name: r.player_name,
            gaming_day: r.gaming_day,
            direction: r.direction,
            // The table's check admits these two only.
            level: if r.level == "ctr" { Proximity::Ctr } else { Proximity::Watchlist },
            day_total: Cents(r.day_total_cents),
            financial_txn_id: r.financial_txn_id,
            reached_at: r.reached_at,
            acknowledged: r
                .acknowledged_at
                .map(|at| Acknowledgement { staff_name: r.acknowledged_by.unwrap_or_default(), at }),
        }
    }
}

/// The alerts still waiting (of any day) and those of `day`, newest first (of one entry's two, CTR first); or the
/// one alert `only`.
pub(super) async fn alerts(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: Option<NaiveDate>,
    only: Option<MtlAlertId>,
) -> sqlx::Result<Vec<ThresholdAlert>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        Row,
        r#"select a.id as "id: MtlAlertId", a.player_id as "player_id: PlayerId",
                  p.first_name || ' ' || p.last_name as "player_name!", a.gaming_day,
                  a.direction as "direction: Direction", a.level, a.day_total_cents,
                  a.financial_txn_id as "financial_txn_id: FinanceTxnId", a.reached_at,
                  s.first_name || ' ' || s.last_name as "acknowledged_by?", k.acknowledged_at as "acknowledged_at?"
           from mtl_threshold_alert a
           join player p on p.id = a.player_id
           left join mtl_alert_acknowledgement k on k.casino_id = a.casino_id and k.alert_id = a.id
           left join staff s on s.casino_id = k.casino_id and s.id = k.staff_id
           where a.casino_id = $1
             and (($2::date is not null and (k.alert_id is null or a.gaming_day = $2)) or a.id = $3)
           order by a.reached_at desc, a.level = 'ctr' desc, a.id
           limit $4"#,
        casino_id.0,
        day,
        only.map(|id| id.0),
        MOST_LISTED,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(ThresholdAlert::from).collect())
}

/// Records `staff`'s acknowledgement of `alert`; false when it already had one.
pub(super) async fn acknowledge(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    alert: MtlAlertId,
    staff: StaffId,
) -> sqlx::Result<bool> {
    // language=PostgreSQL
    let done = sqlx::query!(
        "insert into mtl_alert_acknowledgement (alert_id, casino_id, staff_id) values ($1, $2, $3)
         on conflict (alert_id) do nothing",
        alert.0,
        casino_id.0,
        staff.0,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
