//! The player import's benchmark: a file of new members, previewed and then imported as a new casino's admin,
//! through the same services as `/api/player/import_preview` and `/api/player/import`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use sqlx::PgPool;
use uuid::Uuid;

use pitboss::actor::Actor;
use pitboss::casino::{self, CasinoId, NewStaff, SettingsInput, StaffRole};
use pitboss::db::{self, Scope};
use pitboss::player;

/// What one run measured.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// Rows in the file.
    pub rows: usize,
    /// Bytes in the file.
    pub bytes: usize,
    /// Reading, checking and looking for duplicates, writing nothing.
    pub preview: Duration,
    /// The import itself, one transaction.
    pub import: Duration,
    /// Members enrolled.
    pub imported: usize,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Import of {} members ({} KB): preview {:.2} s, import {:.2} s in one transaction ({:.0} members/s); {} enrolled.",
            self.rows,
            self.bytes / 1_024,
            self.preview.as_secs_f64(),
            self.import.as_secs_f64(),
            self.rows as f64 / self.import.as_secs_f64().max(0.001),
            self.imported
        )
    }
}

/// A file of `rows` distinct members, each with a member number.
pub fn file(rows: usize) -> String {
    let mut csv = String::from("first_name,last_name,birth_date,member_number\n");
    let first = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default();
    for n in 0..rows {
        let born = first + chrono::Days::new(u64::try_from(n % 15_000).unwrap_or_default());
        let _ = writeln!(csv, "Member{n},Imported{},{born},IMP-{n:06}", n % 97);
    }
    csv
}

/// Creates a casino with an admin on `owner`, then previews and imports [`file`]`(rows)` on `runtime` as that
/// admin, timing each.
pub async fn run(owner: &PgPool, runtime: &PgPool, rows: usize) -> anyhow::Result<Figures> {
    let casino_id = CasinoId(Uuid::new_v4());
    let settings = SettingsInput {
        gaming_day_start: "06:00".into(),
        timezone: "America/Los_Angeles".into(),
        watchlist_floor_cents: 300_000,
        ctr_threshold_cents: 1_000_000,
        reward_cap_points: 5_000,
        late_action_minutes: casino::DEFAULT_LATE_ACTION_MINUTES,
    };
    let name = format!("Import benchmark {}", &casino_id.0.to_string()[..8]);
    let admin = db::as_casino_admin(owner, casino_id, async |conn| {
        casino::create_casino(conn, casino_id, &name, &settings).await.map_err(|e| anyhow!("create casino: {e}"))?;
        let new =
            NewStaff { first_name: "Bench".into(), last_name: "Admin".into(), role: StaffRole::Admin, login: None };
        casino::add_staff(conn, casino_id, &new).await.map(|m| m.id).map_err(|e| anyhow!("add staff: {e}"))
    })
    .await?;
    let scope =
        Scope { actor: Actor { staff_id: admin, casino_id, role: StaffRole::Admin }, request_id: Uuid::new_v4() };
    let csv = file(rows);

    let started = Instant::now();
    let preview = db::scoped(runtime, &scope, async |conn| player::preview_import(conn, &scope.actor, &csv).await)
        .await
        .map_err(|e| anyhow!("preview: {e}"))?;
    let preview_time = started.elapsed();
    if !preview.problems.is_empty() || preview.ready != rows {
        return Err(anyhow!("the generated file did not preview clean: {preview:?}"));
    }
    let started = Instant::now();
    let result = db::scoped(runtime, &scope, async |conn| player::import_players(conn, &scope.actor, &csv).await)
        .await
        .map_err(|e| anyhow!("import: {e}"))?;
    Ok(Figures { rows, bytes: csv.len(), preview: preview_time, import: started.elapsed(), imported: result.imported })
}
