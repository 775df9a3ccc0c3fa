//! The admin's form to add a staff member: names, role, and for everyone but dealers an email and a
//! temporary password they replace at their first sign-in.

use leptos::prelude::*;
use pitboss::casino::{StaffInput, StaffRole};

use super::AddStaff;
use super::staff::RoleSelect;
use crate::ui::{ErrorBanner, Intent, TextField};

/// What the form holds, created with the page: the roster re-reads on every staff change and resync, and
/// that must not wipe what the admin is typing.
#[derive(Clone, Copy)]
pub struct NewStaffForm {
    add: ServerAction<AddStaff>,
    intent: Intent,
    first: RwSignal<String>,
    last: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    role: RwSignal<String>,
}

impl NewStaffForm {
    /// An empty form, a pit boss by default.
    pub fn new() -> Self {
        let form = Self {
            add: ServerAction::new(),
            intent: Intent::new(),
            first: RwSignal::new(String::new()),
            last: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            role: RwSignal::new(StaffRole::PitBoss.as_str().to_owned()),
        };
        let add = form.add;
        form.intent.renew_after(move || add.value().get());
        Effect::new(move || {
            if let Some(Ok(_)) = add.value().get() {
                for field in [form.first, form.last, form.email, form.password] {
                    field.set(String::new());
                }
            }
        });
        form
    }
}

impl Default for NewStaffForm {
    fn default() -> Self {
        Self::new()
    }
}

/// The form; the roster below re-reads through the live stream once the member is added.
#[component]
pub fn AddStaffForm(form: NewStaffForm) -> impl IntoView {
    let NewStaffForm { add, intent, first, last, email, password, role } = form;
    let signs_in = move || StaffRole::parse(&role.get()).is_some_and(StaffRole::can_log_in);
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let role = StaffRole::parse(&role.get_untracked()).unwrap_or(StaffRole::PitBoss);
        let login = |text: RwSignal<String>| role.can_log_in().then(|| text.get_untracked());
        let input = StaffInput {
            first_name: first.get_untracked(),
            last_name: last.get_untracked(),
            role,
            email: login(email),
            temporary_password: login(password),
        };
        let request_id = intent.request_id(&(&input.first_name, &input.last_name, role, &input.email));
        add.dispatch(AddStaff { request_id, input });
    };
    let added = move || {
        add.value().get().and_then(Result::ok).map(|member| {
            view! { <p role="status" class="text-emerald-800" data-testid="staff-added">{format!("{} added as {}.", member.full_name(), member.role.label())}</p> }
        })
    };
    view! {
        <form class="bg-white rounded-xl shadow-sm p-5 grid grid-cols-1 sm:grid-cols-2 gap-3" data-testid="staff-add"
            on:submit=submit>
            <h2 class="text-xl font-semibold sm:col-span-2">"Add staff"</h2>
            <div class="sm:col-span-2"><ErrorBanner error/></div>
            <TextField label="First name" name="first_name" value=first error/>
            <TextField label="Last name" name="last_name" value=last error/>
            <RoleSelect role/>
            <Show when=signs_in>
                <TextField label="Email" name="email" kind="email" value=email error/>
                <TextField label="Temporary password" name="temporary_password" value=password error/>
            </Show>
            <button type="submit" class="h-12 px-4 rounded-lg bg-emerald-700 text-white font-semibold sm:col-span-2 disabled:opacity-50"
                disabled=move || add.pending().get()>"Add staff member"</button>
            <div class="sm:col-span-2">{added}</div>
        </form>
    }
}
