//! `/password`: choosing a new password. Where someone signed in with a temporary password lands, and is
//! kept (the server redirects every other page here) until they have chosen one; anyone may come to change
//! theirs.

use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::casino::staff_rules::MIN_PASSWORD_LEN;

use super::{ChangePassword, Logout};
use crate::error::AppError;
use crate::ui::{ErrorBanner, TextField, load_page, use_hydrated};

/// The current password, the new one twice; on success, on to the overview with a fresh page load (so the
/// shell starts over as a session free to act).
#[component]
pub fn PasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let logout = ServerAction::<Logout>::new();
    let (current, new, again) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let typed = RwSignal::new(None::<AppError>);
    let hydrated = use_hydrated();
    let error = Signal::derive(move || typed.get().or_else(|| change.value().get().and_then(Result::err)));
    Effect::new(move || {
        let done = matches!(change.value().get(), Some(Ok(()))) || matches!(logout.value().get(), Some(Ok(())));
        if done {
            load_page(if logout.value().get_untracked().is_some() { "/login" } else { "/" });
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new.get_untracked() != again.get_untracked() {
            let mismatch = pitboss::FieldError::new("again", ErrorCode::PasswordsDiffer);
            typed.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(vec![mismatch])));
            return;
        }
        typed.set(None);
        change
            .dispatch(ChangePassword { current_password: current.get_untracked(), new_password: new.get_untracked() });
    };
    view! {
        <main class="min-h-screen flex items-center justify-center p-4">
            <form on:submit=submit class="w-full max-w-sm bg-white rounded-2xl shadow p-6 space-y-5"
                aria-labelledby="password-title" data-testid="password-form">
                <div>
                    <h1 id="password-title" class="text-2xl font-bold text-slate-900">"Choose a new password"</h1>
                    <p class="text-slate-500 text-sm mt-1">
                        {format!("At least {MIN_PASSWORD_LEN} characters, not your email and not a common password.")}
                    </p>
                </div>
                <ErrorBanner error/>
                <TextField label="Current password" name="current_password" kind="password"
                    autocomplete="current-password" value=current error/>
                <TextField label="New password" name="new_password" kind="password" autocomplete="new-password"
                    value=new error/>
                <TextField label="New password again" name="again" kind="password" autocomplete="new-password"
                    value=again error/>
                <button type="submit" disabled=move || !hydrated.get() || change.pending().get()
                    class="w-full h-12 rounded-lg bg-emerald-700 text-white text-lg font-semibold disabled:opacity-50">
                    "Save new password"
                </button>
                <button type="button" class="w-full h-12 rounded-lg border border-slate-300 font-semibold"
                    on:click=move |_| { logout.dispatch(Logout {}); }>
                    "Sign out"
                </button>
            </form>
        </main>
    }
}
