//! Players: find them, enroll them, read their record.

mod api;
mod detail;
mod enroll;
mod history;
mod identification;
mod identification_api;
mod import;
mod picker;
mod search;

pub use api::*;
pub use detail::PlayerPage;
pub use history::PlayerHistorySection;
pub use identification::{PlayerIdentificationSection, identification_resource};
pub use identification_api::*;
pub use import::ImportPage;
pub use picker::PlayerPicker;
use pitboss::live::Entity;
pub use search::PlayersPage;

/// The records whose changes the player pages re-read.
pub(crate) const PLAYER_ENTITIES: &[Entity] = &[Entity::Player, Entity::LoyaltyLedger, Entity::LoyaltyRequest];
