//! An audit entry as domain code describes it.

use serde_json::Value;
use uuid::Uuid;

use crate::live::Entity;

/// One state change: what happened (`entity.verb`), to what, and the state before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// `entity.verb` in snake case, e.g. `casino_settings.updated`.
    pub action: &'static str,
    /// The kind of thing changed, e.g. `casino_settings`.
    pub entity: Entity,
    /// Its id, when it has one.
    pub entity_id: Option<Uuid>,
    /// Its state before the change, if it existed.
    pub before: Option<Value>,
    /// Its state after the change, if it still exists.
    pub after: Option<Value>,
}

impl AuditEntry {
    /// An entry with no before or after state.
    pub fn new(action: &'static str, entity: Entity, entity_id: Uuid) -> Self {
        Self { action, entity, entity_id: Some(entity_id), before: None, after: None }
    }

    /// An entry about something without an id of its own (e.g. a casino's settings for one game).
    pub fn without_id(action: &'static str, entity: Entity) -> Self {
        Self { action, entity, entity_id: None, before: None, after: None }
    }

    /// Adds the state before the change.
    pub fn before(mut self, state: Value) -> Self {
        self.before = Some(state);
        self
    }

    /// Adds the state after the change.
    pub fn after(mut self, state: Value) -> Self {
        self.after = Some(state);
        self
    }
}
