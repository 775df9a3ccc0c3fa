//! The pit: the live table dashboard, a table's detail with dealer rotation, and the admin's game settings.

mod api;
mod card;
mod detail;
mod games;
mod pit;
mod place;

pub use api::*;
pub use card::StatusBadge;
pub use games::GamesPage;
pub use pit::PitPage;
use pitboss::live::Entity;

/// The records whose changes the pit's pages re-read.
pub(crate) const TABLE_ENTITIES: &[Entity] = &[Entity::GamingTable, Entity::DealerRotation, Entity::GameSettings];
