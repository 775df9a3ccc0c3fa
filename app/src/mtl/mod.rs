//! Compliance: the MTL page, and the threshold-proximity badge shown wherever the pit sees a player.

mod alerts;
mod api;
mod badge;
mod cash_cue;
mod compliance;
mod ctr;
mod ctr_api;
mod ctr_page;
mod log;
mod notes;
mod structuring;

pub use api::*;
pub use badge::{PlayerProximity, ProximityBadge};
pub use cash_cue::CashCue;
pub use compliance::CompliancePage;
pub use ctr_api::*;
pub use ctr_page::CtrWorksheetPage;
use pitboss::live::Entity;

/// The records whose changes the compliance views re-read.
pub(crate) const MTL_ENTITIES: &[Entity] = &[
    Entity::PlayerFinancialTransaction,
    Entity::CasinoSettings,
    Entity::MtlAuditNote,
    Entity::MtlThresholdAlert,
    Entity::CtrFiling,
    Entity::PlayerIdentification,
];
