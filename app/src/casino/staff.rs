//! The staff roster.

use leptos::prelude::*;
use pitboss::casino::{StaffMember, StaffStatus};

use super::staff_of_casino;
use crate::ui::loaded;

/// Everyone who works the casino, dealers included; for pit bosses and admins.
#[component]
pub fn StaffPage() -> impl IntoView {
    let roster = Resource::new(|| (), |_| staff_of_casino());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Staff"</h1>
            {loaded(roster, |staff| view! { <StaffTable staff/> })}
        </section>
    }
}

#[component]
fn StaffTable(staff: Vec<StaffMember>) -> impl IntoView {
    view! {
        <div class="bg-white rounded-xl shadow-sm overflow-hidden">
            <table class="w-full text-left">
                <thead class="bg-slate-100 text-sm text-slate-600">
                    <tr>
                        <th class="px-4 py-3">"Name"</th>
                        <th class="px-4 py-3">"Role"</th>
                        <th class="px-4 py-3 hidden sm:table-cell">"Email"</th>
                        <th class="px-4 py-3">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {staff
                        .into_iter()
                        .map(|member| {
                            let status = match member.status {
                                StaffStatus::Active => "Active",
                                StaffStatus::Inactive => "Inactive",
                            };
                            view! {
                                <tr class="border-t border-slate-100">
                                    <td class="px-4 py-3 font-medium">{member.full_name()}</td>
                                    <td class="px-4 py-3">{member.role.label()}</td>
                                    <td class="px-4 py-3 hidden sm:table-cell text-slate-600">
                                        {member.email.clone().unwrap_or_default()}
                                    </td>
                                    <td class="px-4 py-3">{status}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
