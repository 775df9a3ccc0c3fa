//! Compliance: the MTL page, and the threshold-proximity badge shown wherever the pit sees a player.

mod alerts;
mod api;
mod badge;
mod cash_cue;
mod compliance;
mod log;
mod notes;

pub use api::*;
pub use badge::{PlayerProximity, ProximityBadge};
pub use cash_cue::CashCue;
pub use compliance::CompliancePage;
use pitboss::live::Entity;

/// The records whose changes the compliance views re-read.
pub(crate) const MTL_ENTITIES: &[Entity] =
    &[Entity::PlayerFinancialTransaction, Entity::CasinoSettings, Entity::MtlAuditNote, Entity::MtlThresholdAlert];
