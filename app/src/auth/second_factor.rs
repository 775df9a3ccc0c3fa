//! `/second-factor`: an admin or compliance officer adds an authenticator app to their sign-in. Scan the QR
//! code (or type the secret), enter the code the app shows, keep the ten recovery codes shown once.

use leptos::prelude::*;
use pitboss::casino::StaffRole;

use super::{BeginSecondFactor, ConfirmSecondFactor};
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, TextField, loaded};

/// The page: whether two-step sign-in is on, and the set-up when it is not.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! {
        <section class="max-w-xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Two-step sign-in"</h1>
            {loaded(session, |session| view! {
                <SecondFactorState role=session.staff.role enrolled=session.staff.second_factor/>
            })}
        </section>
    }
}

#[component]
fn SecondFactorState(role: StaffRole, enrolled: bool) -> impl IntoView {
    if !role.uses_second_factor() {
        return view! {
            <p class="text-slate-700">"Two-step sign-in is for admins and compliance staff."</p>
        }
        .into_any();
    }
    if enrolled {
        return view! {
            <div class="bg-white rounded-xl shadow-sm p-4 space-y-2" data-testid="second-factor-on">
                <p class="font-semibold text-emerald-800">"Two-step sign-in is on."</p>
                <p class="text-slate-700">
                    "Signing in asks for the code your authenticator app shows. Lost your phone? Sign in with one of \
                     your recovery codes, then ask another admin to reset your second factor on the staff page."
                </p>
            </div>
        }
        .into_any();
    }
    view! { <SetUp/> }.into_any()
}

/// Begin, scan, confirm, then the recovery codes.
#[component]
fn SetUp() -> impl IntoView {
    let begin = ServerAction::<BeginSecondFactor>::new();
    let confirm = ServerAction::<ConfirmSecondFactor>::new();
    let code = RwSignal::new(String::new());
    let error = Signal::derive(move || {
        confirm.value().get().and_then(Result::err).or_else(|| begin.value().get().and_then(Result::err))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirm.dispatch(ConfirmSecondFactor { code: code.get_untracked() });
    };
    view! {
        <div class="bg-white rounded-xl shadow-sm p-4 space-y-4">
            <ErrorBanner error/>
            {move || match (begin.value().get(), confirm.value().get()) {
                (_, Some(Ok(codes))) => view! { <RecoveryCodes codes/> }.into_any(),
                (Some(Ok(setup)), _) => view! {
                    <form on:submit=submit class="space-y-4" data-testid="second-factor-setup">
                        <p class="text-slate-700">
                            "Scan this code with an authenticator app (Google Authenticator, Microsoft \
                             Authenticator, 1Password…), then enter the six-digit code it shows."
                        </p>
                        <div class="w-56 h-56" data-testid="second-factor-qr" inner_html=setup.qr_svg.clone()></div>
                        <p class="text-sm text-slate-600">
                            "Cannot scan? Type this key into the app: "
                            <code class="font-mono break-all" data-testid="second-factor-secret">
                                {setup.secret_base32.clone()}
                            </code>
                        </p>
                        <TextField label="Code from the app" name="code" autocomplete="one-time-code" value=code
                            error/>
                        <button type="submit" disabled=move || confirm.pending().get()
                            class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                            "Turn on two-step sign-in"
                        </button>
                    </form>
                }
                .into_any(),
                _ => view! {
                    <p class="text-slate-700">
                        "Add an authenticator app to your sign-in: after your password, pitboss will ask for the code \
                         the app shows, so a stolen password alone no longer opens your account."
                    </p>
                    <button type="button" disabled=move || begin.pending().get()
                        class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50"
                        on:click=move |_| { begin.dispatch(BeginSecondFactor {}); }>
                        "Set up an authenticator app"
                    </button>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The recovery codes, shown this once.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div class="space-y-3" data-testid="recovery-codes">
            <p class="font-semibold text-emerald-800">"Two-step sign-in is on."</p>
            <p class="text-slate-700">
                "Write down or print these recovery codes and keep them somewhere safe. Each signs you in once \
                 without your phone. They are shown only now."
            </p>
            <ul class="grid grid-cols-2 gap-2 font-mono text-lg">
                {codes.into_iter().map(|code| view! { <li data-testid="recovery-code">{code}</li> }).collect_view()}
            </ul>
            <a href="/second-factor" rel="external" class="inline-flex items-center h-12 px-6 rounded-lg border border-slate-300 font-semibold">
                "I have saved them"
            </a>
        </div>
    }
}
