//! Who is acting, for which casino: resolved from the server session, never taken from a request.

use serde::{Deserialize, Serialize};

use crate::casino::{CasinoId, StaffId, StaffRole};

/// The signed-in staff member on whose behalf a domain call runs. Its casino scopes every query (RLS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The staff member acting.
    pub staff_id: StaffId,
    /// The casino they work for; the only casino whose rows they can see.
    pub casino_id: CasinoId,
    /// Their role, which decides what they may do (`docs/architecture.md#roles`).
    pub role: StaffRole,
}

impl Actor {
    /// Whether this actor's role is one of `roles`.
    pub fn has_role(&self, roles: &[StaffRole]) -> bool {
        roles.contains(&self.role)
    }
}
