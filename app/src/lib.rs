//! pitboss web UI: the routes and pages staff use on the floor, and the server functions behind them.
//!
//! Compiled twice: with `ssr` into the server (rendering plus server-function bodies, which reach the
//! domain core's `db` feature) and with `hydrate` into the browser's WebAssembly. Pages use only the domain
//! core's pure types, so both builds share one set of DTOs and error codes.
// Leptos views are deeply nested types; the default limit is too low for the larger forms.
#![recursion_limit = "256"]

pub mod audit;
pub mod auth;
pub mod casino;
pub mod error;
pub mod exclusion;
pub mod feature;
pub mod finance;
pub mod floor;
pub mod live;
pub mod loyalty;
pub mod mtl;
pub mod offline;
pub mod player;
pub mod shell;
pub mod shift;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod table_accounting;
pub mod table_context;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::audit::AuditLogPage;
use crate::auth::{LoginPage, PasswordPage, SecondFactorPage, VerifyPage};
use crate::casino::{HomePage, SettingsPage, StaffPage};
use crate::finance::AccountingPage;
use crate::loyalty::{ApprovalsPage, CompSlipPage};
use crate::mtl::{CompliancePage, CtrWorksheetPage};
use crate::player::{ImportPage, PlayerPage, PlayersPage};
use crate::shell::Shell;
use crate::table_accounting::{CagePage, ShiftReportPage, ShiftReportToday};
use crate::table_context::{GamesPage, PitPage};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::csp::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                // Installable on a tablet's home screen; `public/sw.js` lets it reload without a connection.
                <link rel="manifest" href="/manifest.webmanifest"/>
                <meta name="theme-color" content="#0f172a"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="bg-slate-100 text-slate-900 min-h-screen">
                <App/>
            </body>
        </html>
    }
}

/// The routes. Signed-in pages sit inside [`Shell`]; the server redirects requests without a session to
/// `/login` before any of this renders.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();
    view! {
        <Stylesheet id="leptos" href="/pkg/pitboss.css"/>
        <Title text="pitboss"/>
        <Router>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/password") view=PasswordPage/>
                <Route path=path!("/verify") view=VerifyPage/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("pit") view=PitPage/>
                    <Route path=path!("players") view=PlayersPage/>
                    <Route path=path!("players/import") view=ImportPage/>
                    <Route path=path!("players/:id") view=PlayerPage/>
                    <Route path=path!("staff") view=StaffPage/>
                    <Route path=path!("games") view=GamesPage/>
                    <Route path=path!("settings") view=SettingsPage/>
                    <Route path=path!("accounting") view=AccountingPage/>
                    <Route path=path!("compliance") view=CompliancePage/>
                    <Route path=path!("compliance/ctr/:day/:player") view=CtrWorksheetPage/>
                    <Route path=path!("audit") view=AuditLogPage/>
                    <Route path=path!("comps") view=ApprovalsPage/>
                    <Route path=path!("comps/:id") view=CompSlipPage/>
                    <Route path=path!("second-factor") view=SecondFactorPage/>
                    <Route path=path!("cage") view=CagePage/>
                    <Route path=path!("reports/shift") view=ShiftReportToday/>
                    <Route path=path!("reports/shift/:day") view=ShiftReportPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <main class="p-8 space-y-2">
            <h1 class="text-2xl font-bold">"Page not found"</h1>
            <a href="/" class="inline-flex items-center min-h-12 underline">"Back to the overview"</a>
        </main>
    }
}

/// Sets `data-hydrated="true"` on `<body>` once the page is interactive, for tests and diagnostics.
fn mark_hydrated() {
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// The browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
