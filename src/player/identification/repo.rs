//! SQL of patron identification. Numbers arrive and leave sealed; nothing here sees them in clear.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::model::{IdType, Identification};
use crate::casino::{CasinoId, StaffId};
use crate::player::PlayerId;

/// A row as stored: the masked view, and the sealed numbers with the key that sealed them.
pub(super) struct Stored {
    pub shown: Identification,
    pub id_number_sealed: Option<Vec<u8>>,
    pub tin_sealed: Option<Vec<u8>>,
    pub key_id: Option<String>,
}

impl Stored {
    /// The ID number on file: its sealed bytes, last four and key.
    pub fn id_number(&self) -> Option<(&[u8], &str, &str)> {
        Some((self.id_number_sealed.as_deref()?, self.shown.id_number_last4.as_deref()?, self.key_id.as_deref()?))
    }

    /// The SSN/TIN on file, likewise.
    pub fn tin(&self) -> Option<(&[u8], &str, &str)> {
        Some((self.tin_sealed.as_deref()?, self.shown.tin_last4.as_deref()?, self.key_id.as_deref()?))
    }
}

/// A row to write: the text fields of `shown`, and each number sealed with its last four (or none).
pub(super) struct Sealed {
    pub id_number: Option<(Vec<u8>, String)>,
    pub tin: Option<(Vec<u8>, String)>,
    pub key_id: Option<String>,
}

struct Row {
    player_id: PlayerId,
    address_line: String,
    city: String,
    region: String,
    postal_code: String,
    country: String,
    occupation: String,
    id_type: Option<String>,
    id_issuer: String,
    id_expires: Option<NaiveDate>,
    id_number_sealed: Option<Vec<u8>>,
    id_number_last4: Option<String>,
    tin_sealed: Option<Vec<u8>>,
    tin_last4: Option<String>,
    key_id: Option<String>,
    updated_by: String,
    updated_at: DateTime<Utc>,
}

impl From<Row> for Stored {
    fn from(r: Row) -> Self {
        Self {
            shown: Identification {
                player_id: r.player_id,
                address_line: r.address_line,
                city: r.city,
                region: r.region,
                postal_code: r.postal_code,
                country: r.country,
                occupation: r.occupation,
                id_type: r.id_type.as_deref().and_then(IdType::from_key),
                id_issuer: r.id_issuer,
                id_expires: r.id_expires,
                id_number_last4: r.id_number_last4,
                tin_last4: r.tin_last4,
                updated_by: Some(r.updated_by),
                updated_at: Some(r.updated_at),
            },
            id_number_sealed: r.id_number_sealed,
            tin_sealed: r.tin_sealed,
            key_id: r.key_id,
        }
    }
}

/// The patron's row at the casino, if there is one.
pub(super) async fn stored(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
) -> sqlx::Result<Option<Stored>> {
    Ok(stored_of(conn, casino_id, &[player_id.0]).await?.pop())
}

/// The rows of `players` at the casino that have one.
pub(super) async fn stored_of(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    players: &[uuid::Uuid],
) -> sqlx::Result<Vec<Stored>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        Row,
        r#"select i.player_id as "player_id: PlayerId", i.address_line, i.city, i.region, i.postal_code, i.country,
                  i.occupation, i.id_type, i.id_issuer, i.id_expires, i.id_number_sealed, i.id_number_last4,
                  i.tin_sealed, i.tin_last4, i.key_id, s.first_name || ' ' || s.last_name as "updated_by!",
                  i.updated_at
           from player_identification i
           join staff s on s.casino_id = i.casino_id and s.id = i.staff_id
           where i.casino_id = $1 and i.player_id = any($2)"#,
        casino_id.0,
        players,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Stored::from).collect())
}

/// Writes the patron's row, as `staff`, whether or not one existed.
pub(super) async fn upsert(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff: StaffId,
    shown: &Identification,
    sealed: &Sealed,
) -> sqlx::Result<()> {
    let (id_sealed, id_last4) = sealed.id_number.clone().unzip();
    let (tin_sealed, tin_last4) = sealed.tin.clone().unzip();
    // language=PostgreSQL
    sqlx::query!(
        "insert into player_identification (casino_id, player_id, address_line, city, region, postal_code, country,
                                            occupation, id_type, id_issuer, id_expires, id_number_sealed,
                                            id_number_last4, tin_sealed, tin_last4, key_id, staff_id, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, app_now())
         on conflict (casino_id, player_id) do update set
             address_line = excluded.address_line, city = excluded.city, region = excluded.region,
             postal_code = excluded.postal_code, country = excluded.country, occupation = excluded.occupation,
             id_type = excluded.id_type, id_issuer = excluded.id_issuer, id_expires = excluded.id_expires,
             id_number_sealed = excluded.id_number_sealed, id_number_last4 = excluded.id_number_last4,
             tin_sealed = excluded.tin_sealed, tin_last4 = excluded.tin_last4, key_id = excluded.key_id,
             staff_id = excluded.staff_id, updated_at = excluded.updated_at",
        casino_id.0,
        shown.player_id.0,
        shown.address_line,
        shown.city,
        shown.region,
        shown.postal_code,
        shown.country,
        shown.occupation,
        shown.id_type.map(IdType::key),
        shown.id_issuer,
        shown.id_expires,
        id_sealed,
        id_last4,
        tin_sealed,
        tin_last4,
        sealed.key_id,
        staff.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}
