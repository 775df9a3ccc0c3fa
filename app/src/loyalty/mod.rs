//! Loyalty on the floor: rewards issued from the slip panel, the slip's rewards and the player's balance,
//! and the player's ledger.

mod adjust_form;
mod admin;
mod api;
mod comp_api;
mod comp_form;
mod comp_slip;
mod ledger;
mod queue;
mod reward;

pub use adjust_form::{AdjustDraft, PlayerAdjustSection, adjusts};
pub use admin::{LoyaltyDesk, LoyaltySettingsSection};
pub use api::*;
pub use comp_api::*;
pub use comp_form::{PlayerCompSection, comp_catalog_resource};
pub use comp_slip::CompSlipPage;
pub use ledger::PlayerLedgerSection;
use pitboss::live::Entity;
use pitboss::loyalty::request::LoyaltyRequest;
pub use queue::ApprovalsPage;
pub use reward::SlipRewardsPanel;

/// The records whose changes loyalty views re-read (a close writes the accrual and the slip together).
pub(crate) const LOYALTY_ENTITIES: &[Entity] = &[Entity::LoyaltyLedger, Entity::LoyaltyRequest, Entity::RatingSlip];

/// Points as the floor reads them: `1,250`, `-40`.
pub fn points_text(points: i64) -> String {
    let sign = if points < 0 { "-" } else { "" };
    format!("{sign}{}", pitboss::money::group_thousands(points.unsigned_abs()))
}

/// A request in a few words: "2 × Buffet", its note, or its reason.
pub fn describe(request: &LoyaltyRequest) -> String {
    match &request.item {
        Some(item) if request.quantity > 1 => format!("{} × {}", request.quantity, item.name),
        Some(item) => item.name.clone(),
        None if !request.note.is_empty() => request.note.clone(),
        None => request.reason.label().to_owned(),
    }
}
