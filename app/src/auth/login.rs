//! The sign-in page.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::Login;
use crate::ui::{ErrorBanner, TextField, use_hydrated};

/// Email and password form. The button stays disabled until the page is interactive, so an early tap cannot
/// post a half-loaded form; a refused sign-in shows the server's message above the form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let hydrated = use_hydrated();
    let navigate = use_navigate();

    Effect::new(move || {
        if let Some(Ok(session)) = login.value().get() {
            // The second factor's code comes first, then a temporary password is replaced.
            let next = match (session.second_factor_required, session.password_change_required) {
                (true, _) => "/verify",
                (false, true) => "/password",
                (false, false) => "/",
            };
            navigate(next, Default::default());
        }
    });
    let error = move || login.value().get().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        login.dispatch(Login { email: email.get_untracked(), password: password.get_untracked() });
    };

    view! {
        <main class="min-h-screen flex items-center justify-center p-4">
            <form
                on:submit=submit
                class="w-full max-w-sm bg-white rounded-2xl shadow p-6 space-y-5"
                aria-labelledby="login-title"
            >
                <div>
                    <h1 id="login-title" class="text-2xl font-bold text-slate-900">"Sign in to pitboss"</h1>
                    <p class="text-slate-500 text-sm mt-1">"Use your casino staff email."</p>
                </div>
                <ErrorBanner error=Signal::derive(error)/>
                <TextField label="Email" name="email" kind="email" autocomplete="username" value=email/>
                <TextField
                    label="Password"
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    value=password
                />
                <button
                    type="submit"
                    disabled=move || !hydrated.get() || login.pending().get()
                    class="w-full h-12 rounded-lg bg-emerald-700 text-white text-lg font-semibold disabled:opacity-50"
                >
                    {move || if login.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
