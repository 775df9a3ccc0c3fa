//! The app shell around every signed-in page: header (casino, gaming day, who, role, sign out) and the
//! role's navigation.

mod header;
mod nav;

use leptos::prelude::*;
use leptos_router::components::Outlet;
use pitboss::live::Entity;

use crate::auth::{SessionView, me};
use crate::error::AppError;
use crate::live::provide_live;
use crate::offline::{OutboxConflicts, provide_outbox};
pub use header::Header;
pub use nav::{NavItem, nav_for};

/// Who is signed in, loaded once by the shell and shared with its pages.
pub type SessionResource = Resource<Result<SessionView, AppError>>;

/// Layout for the signed-in pages: header and navigation above the page.
#[component]
pub fn Shell() -> impl IntoView {
    let live = provide_live();
    // Re-read when a flag changes, so the navigation and flagged pages follow it without a reload (but not on
    // every resync, which would wipe half-filled forms).
    let flags = live.changes_of(&[Entity::FeatureFlag]);
    let session: SessionResource = Resource::new(move || flags.get(), |_| me());
    provide_context(session);
    let staff = Signal::derive(move || session.get().and_then(Result::ok).map(|s| s.staff.id));
    provide_outbox(live, staff);
    view! {
        <Header session/>
        <main class="mx-auto max-w-6xl p-4">
            <OutboxConflicts/>
            <Outlet/>
        </main>
    }
}
