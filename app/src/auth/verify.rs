//! `/verify`: the second step of signing in for staff with a second factor. The server sends a session that
//! is past its password but not yet past its code here, and nowhere else.

use leptos::prelude::*;

use super::{Logout, VerifyCode};
use crate::ui::{ErrorBanner, TextField, load_page, use_hydrated};

/// One field for the authenticator's code (or a recovery code); on success a full page load on to the
/// overview, or to choosing a new password first.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let verify = ServerAction::<VerifyCode>::new();
    let logout = ServerAction::<Logout>::new();
    let code = RwSignal::new(String::new());
    let hydrated = use_hydrated();
    let error = Signal::derive(move || verify.value().get().and_then(Result::err));
    Effect::new(move || {
        let next = match (verify.value().get(), logout.value().get()) {
            (Some(Ok(session)), _) if session.password_change_required => "/password",
            (Some(Ok(_)), _) => "/",
            (_, Some(Ok(()))) => "/login",
            _ => return,
        };
        load_page(next);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        verify.dispatch(VerifyCode { code: code.get_untracked() });
    };
    view! {
        <main class="min-h-screen flex items-center justify-center p-4">
            <form on:submit=submit class="w-full max-w-sm bg-white rounded-2xl shadow p-6 space-y-5"
                aria-labelledby="verify-title" data-testid="verify-form">
                <div>
                    <h1 id="verify-title" class="text-2xl font-bold text-slate-900">"Enter your code"</h1>
                    <p class="text-slate-500 text-sm mt-1">
                        "Open your authenticator app and enter the six-digit code it shows for pitboss. Lost your \
                         phone? Enter one of your recovery codes instead."
                    </p>
                </div>
                <ErrorBanner error/>
                <TextField label="Code" name="code" kind="text" autocomplete="one-time-code" value=code error/>
                <button type="submit" disabled=move || !hydrated.get() || verify.pending().get()
                    class="w-full h-12 rounded-lg bg-emerald-700 text-white text-lg font-semibold disabled:opacity-50">
                    {move || if verify.pending().get() { "Checking…" } else { "Continue" }}
                </button>
                <button type="button" class="w-full h-12 rounded-lg border border-slate-300 font-semibold"
                    on:click=move |_| { logout.dispatch(Logout {}); }>
                    "Cancel and sign out"
                </button>
            </form>
        </main>
    }
}
