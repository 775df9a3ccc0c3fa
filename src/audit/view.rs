//! The audit log as its viewer shows it, shared by the server and the browser.
//!
//! A filtered page of rows, newest first, each change as a diff of its fields, and whether the casino's hash
//! chain still verifies.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::casino::{StaffId, StaffRole};
use crate::error::{ErrorCode, FieldError};
use crate::live::Entity;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;
/// The longest action (or start of one) a filter may name.
pub const MAX_ACTION_LENGTH: usize = 64;

/// Who reads the audit log: admins and compliance officers.
pub fn may_read_log(role: StaffRole) -> bool {
    matches!(role, StaffRole::Admin | StaffRole::Compliance)
}

/// Which rows to show: every part optional, and every part given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Rows written during this gaming day of the casino.
    #[serde(default)]
    pub gaming_day: Option<NaiveDate>,
    /// Rows about this kind of record.
    #[serde(default)]
    pub entity: Option<Entity>,
    /// Rows about this one record: its history.
    #[serde(default)]
    pub entity_id: Option<Uuid>,
    /// Rows whose action is this, or starts with it (`staff.` for every staff change).
    #[serde(default)]
    pub action: Option<String>,
    /// Rows written by this staff member.
    #[serde(default)]
    pub staff_id: Option<StaffId>,
}

impl AuditFilter {
    /// The action to match, trimmed; none when blank.
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref().map(str::trim).filter(|action| !action.is_empty())
    }

    /// What is wrong with the filter, per field: an action must be lowercase letters, dots and underscores, at
    /// most [`MAX_ACTION_LENGTH`] (`AUDIT_INVALID_ACTION`).
    pub fn problems(&self) -> Vec<FieldError> {
        let valid = |action: &str| {
            action.len() <= MAX_ACTION_LENGTH && action.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
        };
        match self.action() {
            Some(action) if !valid(action) => vec![FieldError::new("action", ErrorCode::AuditInvalidAction)],
            _ => Vec::new(),
        }
    }
}

/// Where the next page starts: after this row, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditCursor {
    /// The last row's time.
    pub occurred_at: DateTime<Utc>,
    /// The last row's id, which orders rows written at the same instant.
    pub id: Uuid,
}

/// One audit row as the viewer shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// The row.
    pub id: Uuid,
    /// Its link in the casino's hash chain.
    pub link: Option<i64>,
    /// When the change was made.
    pub occurred_at: DateTime<Utc>,
    /// Who made it; none for the platform.
    pub actor_staff_id: Option<StaffId>,
    /// Their name, "First Last".
    pub actor_name: Option<String>,
    /// The request that made it.
    pub request_id: Option<Uuid>,
    /// `entity.verb`.
    pub action: String,
    /// The kind of record changed.
    pub entity: String,
    /// The record changed, when it has an id.
    pub entity_id: Option<Uuid>,
    /// Its state before.
    pub before: Option<Value>,
    /// Its state after.
    pub after: Option<Value>,
}

impl AuditRow {
    /// Where the page after this row starts.
    pub fn cursor(&self) -> AuditCursor {
        AuditCursor { occurred_at: self.occurred_at, id: self.id }
    }

    /// The fields that differ between before and after, by name.
    pub fn changes(&self) -> Vec<FieldChange> {
        diff(self.before.as_ref(), self.after.as_ref())
    }
}

/// A page of rows, newest first, and where the next (older) one starts: none when this is the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    /// At most [`PAGE_SIZE`] rows.
    pub rows: Vec<AuditRow>,
    /// The cursor of the next page.
    pub next: Option<AuditCursor>,
}

/// One field's change within a row, its values as text (strings unquoted, `none` for an absent value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name; empty for a state that is a single value.
    pub field: String,
    /// Its value before, if it had one.
    pub before: Option<String>,
    /// Its value after, if it has one.
    pub after: Option<String>,
}

/// The fields whose values differ between two states (objects compared field by field, anything else as one
/// field named ""), by name. A field only before or only after is a change too.
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let (before, after) = (fields(before), fields(after));
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (was, is) = (before.get(name).copied(), after.get(name).copied());
            (was != is).then(|| FieldChange { field: name.clone(), before: was.map(shown), after: is.map(shown) })
        })
        .collect()
}

fn fields(state: Option<&Value>) -> BTreeMap<String, &Value> {
    match state {
        Some(Value::Object(map)) => map.iter().map(|(name, value)| (name.clone(), value)).collect(),
        Some(Value::Null) | None => BTreeMap::new(),
        Some(value) => BTreeMap::from([(String::new(), value)]),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "none".to_owned(),
        other => other.to_string(),
    }
}

/// Whether the casino's hash chain still verifies, and how far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainStatus {
    /// Links (audit rows) in the chain.
    pub links: i64,
    /// Links verified from the first: every one while the chain holds, those before the break otherwise.
    pub verified_through: i64,
    /// Where it breaks, if it does.
    pub broken: Option<ChainFault>,
    /// Entries written but not linked yet (the background linker adds them within a moment).
    pub pending: i64,
    /// When the oldest of them was written.
    pub pending_since: Option<DateTime<Utc>>,
}

/// The first place a chain fails to verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainFault {
    /// The first link that fails; none for an audit row missing from the chain.
    pub link: Option<i64>,
    /// The audit row concerned, when known.
    pub audit_id: Option<Uuid>,
    /// What is wrong, in words.
    pub problem: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(field: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange { field: field.into(), before: before.map(Into::into), after: after.map(Into::into) }
    }

    #[test]
    fn a_diff_lists_the_fields_that_changed_by_name() {
        let before = json!({ "status": "active", "role": "pit_boss" });
        let after = json!({ "status": "inactive", "role": "pit_boss", "sessions_ended": 2 });
        assert_eq!(
            diff(Some(&before), Some(&after)),
            [change("sessions_ended", None, Some("2")), change("status", Some("active"), Some("inactive"))]
        );
    }

    #[test]
    fn a_creation_shows_every_field_and_a_plain_value_is_one_field() {
        assert_eq!(
            diff(None, Some(&json!({ "limits": [500, 50000], "note": null }))),
            [change("limits", None, Some("[500,50000]")), change("note", None, Some("none"))]
        );
        assert_eq!(diff(Some(&json!(3)), Some(&json!(4))), [change("", Some("3"), Some("4"))]);
        assert_eq!(diff(None, None), []);
    }

    #[test]
    fn an_action_filter_is_an_action_or_its_start() {
        let filter = |action: &str| AuditFilter { action: Some(action.into()), ..AuditFilter::default() };
        assert!(filter("staff.").problems().is_empty());
        assert!(filter(" staff.deactivated ").problems().is_empty());
        assert_eq!(filter("   ").action(), None);
        for bad in ["Staff", "staff; drop", &"a".repeat(MAX_ACTION_LENGTH + 1)] {
            assert_eq!(filter(bad).problems(), [FieldError::new("action", ErrorCode::AuditInvalidAction)], "{bad}");
        }
    }
}
