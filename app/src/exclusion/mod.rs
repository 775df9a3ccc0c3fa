//! Exclusions on the player page: the flags in force and their history, and for compliance and admins the
//! form to set one and the button to lift it.

mod api;
mod section;

pub use api::*;
use pitboss::live::Entity;
pub use section::{ExclusionBadge, PlayerExclusionsSection};

/// The records whose changes the exclusion section re-reads.
pub(crate) const EXCLUSION_ENTITIES: &[Entity] = &[Entity::PlayerExclusion];
