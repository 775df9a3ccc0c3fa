//! Live events: what the database announces when a change commits, as the browser receives it.
//!
//! The database sends one notification per audit row (trigger `audit_log_notify`, channel
//! [`CHANNEL`]); the server relays each to the signed-in browsers of that casino only. An event names the
//! change, never its content: pages re-read the record with their own authorization.

mod entity;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use entity::Entity;

use crate::casino::CasinoId;
use crate::table_context::TableId;

/// The PostgreSQL notification channel.
pub const CHANNEL: &str = "pitboss_events";

/// One committed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// The casino whose data changed; the server delivers the event to that casino's staff only.
    pub casino_id: CasinoId,
    /// The kind of record, e.g. `gaming_table`.
    pub entity: Entity,
    /// The record, when it has an id.
    pub id: Option<Uuid>,
    /// What happened, e.g. `gaming_table.opened`.
    pub kind: String,
    /// For a slip or a visit, the table it is at after the change (none once a visit has left its seat).
    #[serde(default)]
    pub table_id: Option<TableId>,
}

impl LiveEvent {
    /// Whether the event concerns one of `entities`.
    pub fn is_about(&self, entities: &[Entity]) -> bool {
        entities.contains(&self.entity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_payload_parses() {
        let payload = r#"{"casino_id":"d3000000-0000-4000-8000-000000000001","entity":"gaming_table",
                          "id":"aaaaaaaa-2222-4000-8000-000000000001","kind":"gaming_table.opened"}"#;
        let event: LiveEvent = serde_json::from_str(payload).expect("parses");
        assert!(event.is_about(&[Entity::DealerRotation, Entity::GamingTable]));
        assert!(!event.is_about(&[Entity::Player]));
    }
}
