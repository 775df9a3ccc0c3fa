//! The pit: the live table dashboard, a table's detail with dealer rotation, and the admin's games and tables.

mod api;
mod card;
mod detail;
mod floor_plan;
mod floor_plan_api;
mod game_catalog;
mod game_fields;
mod games;
mod panel_module;
mod pit;
mod place;

pub use api::*;
pub use card::StatusBadge;
pub use floor_plan_api::*;
pub use games::GamesPage;
pub use pit::PitPage;
use pitboss::live::Entity;

/// The records whose changes the pit's pages re-read.
pub(crate) const TABLE_ENTITIES: &[Entity] = &[Entity::GamingTable, Entity::DealerRotation, Entity::GameSettings];
