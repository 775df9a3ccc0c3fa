//! The seat map: who sits where at a table, their running rating slips with live timers, and the one-tap
//! actions on a seat (seat and rate a player, pause, resume, change the bet, close, check out).

mod api;
mod live_seats;
mod move_form;
mod seat_actions;
mod seat_form;
mod seat_map;
mod unrated;
mod visit_api;

pub use api::*;
pub use live_seats::LiveSeats;
use pitboss::live::Entity;
pub use seat_map::{SeatMap, SeatStrip};
pub use visit_api::*;

/// The records whose changes move seats but not tables: what the pit dashboard's [`LiveSeats`] follows, since
/// a change to a table or its game reloads the dashboard's whole grid anyway.
pub(crate) const SEAT_ENTITIES: &[Entity] = &[
    Entity::Visit,
    Entity::RatingSlip,
    Entity::Player,
    Entity::LoyaltyLedger,
    Entity::PlayerFinancialTransaction,
    Entity::PlayerExclusion,
];

#[cfg(test)]
mod tests {
    use super::SEAT_ENTITIES;
    use crate::table_context::TABLE_ENTITIES;
    use pitboss::live::Entity;

    /// What a seat shows comes from these records.
    const SHOWN_ON_A_SEAT: &[Entity] = &[
        Entity::Visit,
        Entity::RatingSlip,
        Entity::GamingTable,
        Entity::Player,
        Entity::GameSettings,
        Entity::LoyaltyLedger,
        Entity::PlayerFinancialTransaction,
        Entity::PlayerExclusion,
    ];

    #[test]
    fn the_dashboard_follows_every_seat_change_either_way() {
        for entity in SHOWN_ON_A_SEAT {
            assert!(SEAT_ENTITIES.contains(entity) ^ TABLE_ENTITIES.contains(entity), "{entity}");
        }
        assert!(SEAT_ENTITIES.iter().all(|e| SHOWN_ON_A_SEAT.contains(e)));
    }
}
