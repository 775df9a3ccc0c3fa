//! Loyalty on the floor: rewards issued from the slip panel, the slip's rewards and the player's balance,
//! and the player's ledger.

mod api;
mod comp_api;
mod ledger;
mod reward;

pub use api::*;
pub use comp_api::*;
pub use ledger::PlayerLedgerSection;
use pitboss::live::Entity;
pub use reward::SlipRewardsPanel;

/// The records whose changes loyalty views re-read (a close writes the accrual and the slip together).
pub(crate) const LOYALTY_ENTITIES: &[Entity] = &[Entity::LoyaltyLedger, Entity::RatingSlip];

/// Points as the floor reads them: `1,250`, `-40`.
pub fn points_text(points: i64) -> String {
    let sign = if points < 0 { "-" } else { "" };
    format!("{sign}{}", pitboss::money::group_thousands(points.unsigned_abs()))
}
