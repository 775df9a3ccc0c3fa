//! Server functions of patron identification: `/api/player/identification`, `update_identification` and
//! `reveal_identification`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::player::PlayerId;
use pitboss::player::identification::{Identification, IdentificationInput, RevealedNumbers};
use uuid::Uuid;

use crate::error::AppError;

/// The patron's identification at this casino, numbers by their last four. Cashiers, compliance and admins;
/// `NOT_FOUND` for a patron not enrolled here.
#[server(prefix = "/api", endpoint = "player/identification", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn identification_of(player_id: PlayerId) -> Result<Identification, AppError> {
    crate::ssr::scoped(async |conn, actor| {
        pitboss::player::identification::identification(conn, actor, player_id).await
    })
    .await
}

/// Records the patron's identification; the ID number and SSN/TIN are sealed before they are stored (left out:
/// kept; empty: removed). Cashiers, compliance and admins; `VALIDATION_FAILED` with the field's
/// `IDENTIFICATION_INVALID_*` code. Idempotent. Audit `player_identification.updated` (numbers masked).
#[server(prefix = "/api", endpoint = "player/update_identification", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn update_identification(
    request_id: Uuid,
    player_id: PlayerId,
    input: IdentificationInput,
) -> Result<Identification, AppError> {
    let keys = crate::ssr::state()?.data_keys;
    // The request store keeps a digest of the arguments: of numbers only their keyed digests, so a copy of the
    // store cannot be searched for a number by trying them all.
    let blind = |number: &Option<String>| number.as_deref().map(|n| keys.blind(n));
    let args = (
        player_id,
        IdentificationInput { id_number: blind(&input.id_number), tin: blind(&input.tin), ..input.clone() },
    );
    crate::ssr::scoped_idempotent(request_id, "player.update_identification", &args, async |conn, actor| {
        pitboss::player::identification::update_identification(conn, actor, &keys, player_id, &input).await
    })
    .await
}

/// The patron's full ID number and SSN/TIN, to file a report. Compliance officers only; every call audited
/// (`player_identification.revealed`, naming the fields shown). Not idempotent by design: each reveal is a
/// disclosure of its own, and no response holding a number is ever stored.
#[server(prefix = "/api", endpoint = "player/reveal_identification", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn reveal_identification(player_id: PlayerId) -> Result<RevealedNumbers, AppError> {
    let keys = crate::ssr::state()?.data_keys;
    crate::ssr::scoped(async |conn, actor| {
        pitboss::player::identification::reveal_numbers(conn, actor, &keys, player_id).await
    })
    .await
}
