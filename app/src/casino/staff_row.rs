//! One row of the staff roster, with an admin's actions: edit names and role, deactivate or reactivate,
//! give a temporary password, lift a sign-in lock, reset a second factor.

use leptos::prelude::*;
use pitboss::casino::{StaffId, StaffMember, StaffRole, StaffStatus};

use super::staff::{RoleSelect, status_label};
use super::{DeactivateStaff, LiftStaffLock, ReactivateStaff, ResetStaffPassword, ResetStaffSecondFactor, UpdateStaff};
use crate::error::AppError;
use crate::ui::{Intent, LocalTime, TextField};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold border border-slate-300 disabled:opacity-50";

/// The roster's actions, shared by its rows: one row is open for editing at a time.
#[derive(Clone, Copy)]
pub struct StaffActions {
    update: ServerAction<UpdateStaff>,
    deactivate: ServerAction<DeactivateStaff>,
    reactivate: ServerAction<ReactivateStaff>,
    reset: ServerAction<ResetStaffPassword>,
    lift: ServerAction<LiftStaffLock>,
    second_factor: ServerAction<ResetStaffSecondFactor>,
    intent: Intent,
    /// The row open for editing, and what it edits.
    open: RwSignal<Option<(StaffId, Editing)>>,
    /// What the open row's form holds (names, role, a temporary password), kept here so a re-read of the
    /// roster does not wipe it.
    first: RwSignal<String>,
    last: RwSignal<String>,
    role: RwSignal<String>,
    password: RwSignal<String>,
}

/// What an open row edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    Details,
    Password,
}

impl StaffActions {
    /// The actions, created with the page.
    pub fn new() -> Self {
        let actions = Self {
            update: ServerAction::new(),
            deactivate: ServerAction::new(),
            reactivate: ServerAction::new(),
            reset: ServerAction::new(),
            lift: ServerAction::new(),
            second_factor: ServerAction::new(),
            intent: Intent::new(),
            open: RwSignal::new(None),
            first: RwSignal::new(String::new()),
            last: RwSignal::new(String::new()),
            role: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
        };
        let (update, deactivate, reactivate, reset, lift, second_factor) = (
            actions.update,
            actions.deactivate,
            actions.reactivate,
            actions.reset,
            actions.lift,
            actions.second_factor,
        );
        let intent = actions.intent;
        intent.renew_after(move || update.value().get());
        intent.renew_after(move || deactivate.value().get());
        intent.renew_after(move || reactivate.value().get());
        intent.renew_after(move || reset.value().get());
        intent.renew_after(move || lift.value().get());
        intent.renew_after(move || second_factor.value().get());
        Effect::new(move || {
            if matches!(update.value().get(), Some(Ok(_))) || matches!(reset.value().get(), Some(Ok(_))) {
                actions.open.set(None);
            }
        });
        actions
    }

    /// Bumps whenever one of them succeeds, so the roster re-reads even without the live stream.
    pub fn version(self) -> usize {
        self.update.version().get()
            + self.deactivate.version().get()
            + self.reactivate.version().get()
            + self.reset.version().get()
            + self.lift.version().get()
            + self.second_factor.version().get()
    }

    /// The latest refusal, for the banner above the roster and the open row's fields.
    pub fn error(self) -> Signal<Option<AppError>> {
        Signal::derive(move || {
            [
                self.update.value().get(),
                self.deactivate.value().get(),
                self.reactivate.value().get(),
                self.reset.value().get(),
                self.lift.value().get(),
                self.second_factor.value().get(),
            ]
            .into_iter()
            .flatten()
            .find_map(Result::err)
        })
    }

    /// Opens `editing` on `member`'s row with their current details, or closes it if it is open.
    fn toggle(self, member: &StaffMember, editing: Editing) {
        if self.open.get_untracked() == Some((member.id, editing)) {
            self.open.set(None);
            return;
        }
        self.first.set(member.first_name.clone());
        self.last.set(member.last_name.clone());
        self.role.set(member.role.as_str().to_owned());
        self.password.set(String::new());
        self.open.set(Some((member.id, editing)));
    }

    fn busy(self) -> bool {
        self.update.pending().get()
            || self.deactivate.pending().get()
            || self.reactivate.pending().get()
            || self.reset.pending().get()
            || self.lift.pending().get()
            || self.second_factor.pending().get()
    }
}

impl Default for StaffActions {
    fn default() -> Self {
        Self::new()
    }
}

/// A staff member's row; for an admin, their actions and, when open, the form editing them below it.
#[component]
pub fn StaffRow(member: StaffMember, managing: bool, is_me: bool, actions: StaffActions) -> impl IntoView {
    let id = member.id;
    let name = member.full_name();
    let status = status_label(&member);
    let row = view! {
        <tr class="border-t border-slate-100" data-testid="staff-row" data-name=name.clone()>
            <td class="px-4 py-3 font-medium">{name.clone()}</td>
            <td class="px-4 py-3">{member.role.label()}</td>
            <td class="px-4 py-3 hidden sm:table-cell text-slate-600">{member.email.clone().unwrap_or_default()}</td>
            <td class="px-4 py-3" data-testid="staff-status">
                {status}
                {member.locked_until.map(|at| view! {
                    <span class="block text-xs text-slate-500">"until " <LocalTime at/></span>
                })}
                {member.second_factor.then(|| view! {
                    <span class="block text-xs text-emerald-800" data-testid="staff-second-factor">
                        "Two-step sign-in"
                    </span>
                })}
            </td>
            {managing.then(|| view! { <td class="px-4 py-3"><RowButtons member=member.clone() is_me actions/></td> })}
        </tr>
    };
    let editor = move || match actions.open.get() {
        Some((open, editing)) if open == id && managing => Some(view! {
            <tr class="bg-slate-50">
                <td colspan="5" class="px-4 py-3">
                    {match editing {
                        Editing::Details => view! { <DetailsForm member=member.clone() actions/> }.into_any(),
                        Editing::Password => view! { <PasswordForm id name=name.clone() actions/> }.into_any(),
                    }}
                </td>
            </tr>
        }),
        _ => None,
    };
    view! { {row} {editor} }
}

#[component]
fn RowButtons(member: StaffMember, is_me: bool, actions: StaffActions) -> impl IntoView {
    let (id, active, has_login) = (member.id, member.status == StaffStatus::Active, member.role.can_log_in());
    let locked = active && member.locked_until.is_some();
    let second_factor = member.second_factor && !is_me;
    let member = StoredValue::new(member);
    let toggle = move |editing| member.with_value(|member| actions.toggle(member, editing));
    view! {
        <span class="flex flex-wrap gap-2">
            <button type="button" class=BUTTON on:click=move |_| toggle(Editing::Details)>"Edit"</button>
            {has_login.then(|| view! {
                <button type="button" class=BUTTON on:click=move |_| toggle(Editing::Password)>"Reset password"</button>
            })}
            {locked.then(|| view! {
                <button type="button" class=BUTTON disabled=move || actions.busy()
                    on:click=move |_| {
                        let request_id = actions.intent.request_id(&("lift_lock", id));
                        actions.lift.dispatch(LiftStaffLock { request_id, staff_id: id });
                    }>"Lift lock"</button>
            })}
            {second_factor.then(|| view! {
                <button type="button" class=BUTTON disabled=move || actions.busy()
                    title="For a lost or replaced phone: they sign in with their password until they set up a new one"
                    on:click=move |_| {
                        let request_id = actions.intent.request_id(&("reset_second_factor", id));
                        actions.second_factor.dispatch(ResetStaffSecondFactor { request_id, staff_id: id });
                    }>"Reset second factor"</button>
            })}
            {(!is_me && active).then(|| view! {
                <button type="button" class=format!("{BUTTON} text-red-800") disabled=move || actions.busy()
                    on:click=move |_| {
                        let request_id = actions.intent.request_id(&("deactivate", id));
                        actions.deactivate.dispatch(DeactivateStaff { request_id, staff_id: id });
                    }>"Deactivate"</button>
            })}
            {(!active).then(|| view! {
                <button type="button" class=BUTTON disabled=move || actions.busy()
                    on:click=move |_| {
                        let request_id = actions.intent.request_id(&("reactivate", id));
                        actions.reactivate.dispatch(ReactivateStaff { request_id, staff_id: id });
                    }>"Reactivate"</button>
            })}
        </span>
    }
}

#[component]
fn DetailsForm(member: StaffMember, actions: StaffActions) -> impl IntoView {
    let id = member.id;
    let (first, last, role) = (actions.first, actions.last, actions.role);
    let error = actions.error();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let role = StaffRole::parse(&role.get_untracked()).unwrap_or(member.role);
        let (first_name, last_name) = (first.get_untracked(), last.get_untracked());
        let request_id = actions.intent.request_id(&(id, &first_name, &last_name, role));
        actions.update.dispatch(UpdateStaff { request_id, staff_id: id, first_name, last_name, role });
    };
    view! {
        <form class="grid grid-cols-1 sm:grid-cols-4 gap-3 items-end" data-testid="staff-edit" on:submit=submit>
            <TextField label="First name" name="first_name" value=first error/>
            <TextField label="Last name" name="last_name" value=last error/>
            <RoleSelect role/>
            <button type="submit" class="h-12 px-4 rounded-lg bg-slate-900 text-white font-semibold disabled:opacity-50"
                disabled=move || actions.busy()>"Save"</button>
        </form>
    }
}

#[component]
fn PasswordForm(id: StaffId, name: String, actions: StaffActions) -> impl IntoView {
    let password = actions.password;
    let error = actions.error();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let temporary_password = password.get_untracked();
        let request_id = actions.intent.request_id(&("reset", id, &temporary_password));
        actions.reset.dispatch(ResetStaffPassword { request_id, staff_id: id, temporary_password });
    };
    view! {
        <form class="flex flex-wrap items-end gap-3" data-testid="staff-reset" on:submit=submit>
            <p class="w-full text-slate-600">
                {format!("{name} signs in with this password once, then chooses their own; their open sessions end now.")}
            </p>
            <TextField label="Temporary password" name="temporary_password" value=password error/>
            <button type="submit" class="h-12 px-4 rounded-lg bg-slate-900 text-white font-semibold disabled:opacity-50"
                disabled=move || actions.busy()>"Set temporary password"</button>
        </form>
    }
}
