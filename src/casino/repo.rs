//! SQL of casinos, their settings and staff.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::model::{
    Casino, CasinoId, CasinoSettings, NewLogin, StaffId, StaffMember, StaffRole, StaffStatus, ValidSettings,
};
use crate::money::Cents;

pub(super) async fn casino(conn: &mut PgConnection, id: CasinoId) -> sqlx::Result<Option<Casino>> {
    // language=PostgreSQL
    sqlx::query_as!(Casino, r#"select id as "id: CasinoId", name from casino where id = $1"#, id.0)
        .fetch_optional(conn)
        .await
}

pub(super) async fn casino_by_name(conn: &mut PgConnection, name: &str) -> sqlx::Result<Option<Casino>> {
    // language=PostgreSQL
    sqlx::query_as!(Casino, r#"select id as "id: CasinoId", name from casino where name = $1"#, name)
        .fetch_optional(conn)
        .await
}

/// Staff rows with their sign-in email, `$rest` choosing which (one select list for every staff read; the
/// `+` keeps each statement checked at compile time). Locks come from the sign-in attempts afterwards
/// ([`crate::auth::locked_staff`]).
macro_rules! staff_rows {
    ($rest:literal, $($arg:expr),+ $(,)?) => {
        // language=PostgreSQL
        sqlx::query_as!(
            StaffMember,
            r#"select s.id as "id: StaffId", s.first_name, s.last_name, s.role as "role: StaffRole",
                      s.status as "status: StaffStatus", c.email as "email?",
                      coalesce(c.must_change_password, false) as "must_change_password!",
                      null::timestamptz as "locked_until?",
                      c.second_factor_enrolled_at is not null as "second_factor!"
               from staff s
               left join staff_credential c on c.staff_id = s.id and c.casino_id = s.casino_id
               "# + $rest,
            $($arg),+
        )
    };
}

/// The roster, admins first; emails are visible only where the caller may see credentials (admins).
pub(super) async fn staff(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<StaffMember>> {
    staff_rows!("where s.casino_id = $1 and not s.system order by s.role desc, s.last_name, s.first_name", casino_id.0)
        .fetch_all(conn)
        .await
}

pub(super) async fn staff_member(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<Option<StaffMember>> {
    staff_rows!("where s.casino_id = $1 and s.id = $2", casino_id.0, staff_id.0).fetch_optional(conn).await
}

struct SettingsRow {
    gaming_day_start: chrono::NaiveTime,
    timezone: String,
    watchlist_floor_cents: i64,
    ctr_threshold_cents: i64,
    reward_cap_points: i32,
    late_action_minutes: i32,
    updated_at: DateTime<Utc>,
}

impl From<SettingsRow> for CasinoSettings {
    fn from(row: SettingsRow) -> Self {
        Self {
            gaming_day_start: row.gaming_day_start,
            timezone: row.timezone,
            watchlist_floor: Cents(row.watchlist_floor_cents),
            ctr_threshold: Cents(row.ctr_threshold_cents),
            reward_cap_points: row.reward_cap_points,
            late_action_minutes: row.late_action_minutes,
            updated_at: row.updated_at,
        }
    }
}

pub(super) async fn settings(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Option<CasinoSettings>> {
    // language=PostgreSQL
    let row = sqlx::query_as!(
        SettingsRow,
        "select gaming_day_start, timezone, watchlist_floor_cents, ctr_threshold_cents, reward_cap_points,
                late_action_minutes, updated_at
         from casino_settings where casino_id = $1",
        casino_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(CasinoSettings::from))
}

/// Whether PostgreSQL knows the zone by its full IANA name (abbreviations and POSIX strings are not accepted).
pub(super) async fn is_known_timezone(conn: &mut PgConnection, name: &str) -> sqlx::Result<bool> {
    // language=PostgreSQL
    sqlx::query_scalar!(r#"select exists (select 1 from pg_timezone_names where name = $1) as "known!""#, name)
        .fetch_one(conn)
        .await
}

/// Replaces a casino's settings; returns them as stored. `None` if the row is not visible for update.
pub(super) async fn update_settings(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    settings: &ValidSettings,
    updated_by: Option<StaffId>,
) -> sqlx::Result<Option<CasinoSettings>> {
    // language=PostgreSQL
    let row = sqlx::query_as!(
        SettingsRow,
        "update casino_settings
         set gaming_day_start = $2, timezone = $3, watchlist_floor_cents = $4, ctr_threshold_cents = $5,
             reward_cap_points = $6, late_action_minutes = $8, updated_by = $7
         where casino_id = $1
         returning gaming_day_start, timezone, watchlist_floor_cents, ctr_threshold_cents, reward_cap_points,
                   late_action_minutes, updated_at",
        casino_id.0,
        settings.gaming_day_start,
        settings.timezone,
        settings.watchlist_floor.0,
        settings.ctr_threshold.0,
        settings.reward_cap_points,
        updated_by.map(|id| id.0),
        settings.late_action_minutes,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(CasinoSettings::from))
}

pub(super) async fn gaming_day(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    at: Option<DateTime<Utc>>,
) -> sqlx::Result<Option<NaiveDate>> {
    // language=PostgreSQL
    sqlx::query_scalar!("select compute_gaming_day($1, coalesce($2, app_now()))", casino_id.0, at).fetch_one(conn).await
}

/// The instant gaming day `day` began at the casino (its start time in its timezone), and the clock now.
pub(super) async fn day_so_far(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: NaiveDate,
) -> sqlx::Result<Option<(DateTime<Utc>, DateTime<Utc>)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select gaming_day_start_at($2, timezone, gaming_day_start) as "start!", app_now() as "now!"
           from casino_settings where casino_id = $1"#,
        casino_id.0,
        day,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.start, r.now)))
}

/// The casino's local clock time (`06:00`) at each of `count` hours from `start`.
pub(super) async fn hour_labels(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    start: DateTime<Utc>,
    count: i32,
) -> sqlx::Result<Vec<String>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select to_char(($2::timestamptz + make_interval(hours => i)) at time zone s.timezone, 'HH24:MI') as "label!"
           from casino_settings s, generate_series(0, $3 - 1) i where s.casino_id = $1 order by i"#,
        casino_id.0,
        start,
        count,
    )
    .fetch_all(conn)
    .await
}

pub(super) async fn insert_casino(
    conn: &mut PgConnection,
    id: CasinoId,
    name: &str,
    settings: &ValidSettings,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!("insert into casino (id, name) values ($1, $2)", id.0, name).execute(&mut *conn).await?;
    // language=PostgreSQL
    sqlx::query!(
        "insert into casino_settings
             (casino_id, gaming_day_start, timezone, watchlist_floor_cents, ctr_threshold_cents, reward_cap_points,
              late_action_minutes)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id.0,
        settings.gaming_day_start,
        settings.timezone,
        settings.watchlist_floor.0,
        settings.ctr_threshold.0,
        settings.reward_cap_points,
        settings.late_action_minutes,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn insert_staff(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
    first_name: &str,
    last_name: &str,
    role: StaffRole,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into staff (id, casino_id, first_name, last_name, role) values ($1, $2, $3, $4, $5)",
        id.0,
        casino_id.0,
        first_name,
        last_name,
        role as StaffRole,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn insert_credential(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
    login: &NewLogin,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into staff_credential (staff_id, casino_id, email, password_hash, must_change_password)
         values ($1, $2, $3, $4, $5)",
        staff_id.0,
        casino_id.0,
        login.email,
        login.password_hash,
        login.must_change_password,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The casino's system staff row (what the server's own work, such as the gaming-day rollover, acts as),
/// inserted with `id` on first use. Answers its id and whether this call inserted it.
pub(super) async fn system_staff(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
) -> sqlx::Result<(StaffId, bool)> {
    // A concurrent first use inserts nothing here and reads the other's row (the unique index decides).
    // language=PostgreSQL
    let inserted = sqlx::query_scalar!(
        r#"insert into staff (id, casino_id, first_name, last_name, role, system)
           values ($1, $2, 'pitboss', 'gaming-day rollover', 'pit_boss', true)
           on conflict (casino_id) where system do nothing
           returning id as "id: StaffId""#,
        id.0,
        casino_id.0,
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = inserted {
        return Ok((id, true));
    }
    // language=PostgreSQL
    let existing =
        sqlx::query_scalar!(r#"select id as "id: StaffId" from staff where casino_id = $1 and system"#, casino_id.0,)
            .fetch_one(conn)
            .await?;
    Ok((existing, false))
}

/// The casino's chip set, smallest first.
pub(super) async fn chip_set(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<Cents>> {
    // language=PostgreSQL
    let set = sqlx::query_scalar!("select chip_denominations from casino_settings where casino_id = $1", casino_id.0)
        .fetch_optional(conn)
        .await?;
    Ok(set.unwrap_or_default().into_iter().map(Cents).collect())
}

/// Replaces the chip set, by `staff`; `None` when the casino has no settings row.
pub(super) async fn set_chip_set(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    denominations: &[i64],
    staff: StaffId,
) -> sqlx::Result<Option<Vec<Cents>>> {
    // language=PostgreSQL
    let set = sqlx::query_scalar!(
        "update casino_settings set chip_denominations = $2, updated_by = $3 where casino_id = $1
         returning chip_denominations",
        casino_id.0,
        denominations,
        staff.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(set.map(|s| s.into_iter().map(Cents).collect()))
}
