//! The staff roster; for admins, the staff lifecycle: add, edit names and role, deactivate and reactivate,
//! reset a password, lift a sign-in lock. The roster re-reads when anyone's record changes.

use leptos::prelude::*;
use pitboss::casino::{StaffMember, StaffRole, StaffStatus, staff_rules};
use pitboss::live::Entity;

use super::staff_add::{AddStaffForm, NewStaffForm};
use super::staff_of_casino;
use super::staff_row::{StaffActions, StaffRow};
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, loaded2};

/// Everyone who works the casino, dealers included; for pit bosses and admins, who also manage them.
#[component]
pub fn StaffPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    // Created before any boundary, so the server and the browser number them alike.
    let version = use_live().version_of(&[Entity::Staff]);
    let actions = StaffActions::new();
    let form = NewStaffForm::new();
    let roster = Resource::new(move || (version.get(), actions.version()), |_| staff_of_casino());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Staff"</h1>
            <ErrorBanner error=actions.error()/>
            {loaded2(session, roster, move |session, staff| {
                let managing = staff_rules::may_manage_staff(session.staff.role);
                let me = session.staff.id;
                view! {
                    {managing.then(|| view! { <AddStaffForm form/> })}
                    <StaffTable staff managing me actions/>
                }
            })}
        </section>
    }
}

/// The words for a staff member's state, most urgent first.
pub(super) fn status_label(member: &StaffMember) -> &'static str {
    match (member.status, member.locked_until.is_some(), member.must_change_password) {
        (StaffStatus::Inactive, _, _) => "Deactivated",
        (StaffStatus::Active, true, _) => "Locked out: too many failed sign-ins",
        (StaffStatus::Active, false, true) => "Must choose a new password",
        (StaffStatus::Active, false, false) => "Active",
    }
}

#[component]
fn StaffTable(
    staff: Vec<StaffMember>,
    managing: bool,
    me: pitboss::casino::StaffId,
    actions: StaffActions,
) -> impl IntoView {
    view! {
        <div class="bg-white rounded-xl shadow-sm overflow-hidden">
            <table class="w-full text-left" data-testid="staff-table">
                <thead class="bg-slate-100 text-sm text-slate-600">
                    <tr>
                        <th class="px-4 py-3">"Name"</th>
                        <th class="px-4 py-3">"Role"</th>
                        <th class="px-4 py-3 hidden sm:table-cell">"Email"</th>
                        <th class="px-4 py-3">"Status"</th>
                        {managing.then(|| view! { <th class="px-4 py-3"><span class="sr-only">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {staff
                        .into_iter()
                        .map(|member| {
                            let is_me = member.id == me;
                            view! { <StaffRow member managing is_me actions/> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The role box of the staff forms: `role` holds the stored name (`pit_boss`).
#[component]
pub(super) fn RoleSelect(role: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="block">
            <span class="block text-sm font-medium text-slate-700">"Role"</span>
            <select name="role" class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 bg-white"
                prop:value=move || role.get() on:change=move |ev| role.set(event_target_value(&ev))>
                {StaffRole::ALL.map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
            </select>
        </label>
    }
}
