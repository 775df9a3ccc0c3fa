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
pub mod pages;
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
use leptos_router::{Lazy, path};

use crate::auth::LoginPage;
use crate::pages::{
    Accounting, Approvals, AuditLog, Cage, CompSlip, Compliance, CtrWorksheet, Games, Home, Import, Password, Player,
    Players, SecondFactor, Settings, ShiftReportOfDay, ShiftReportOfToday, Staff, Verify,
};
use crate::shell::Shell;
use crate::table_context::PitPage;

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
    view! {
        <Stylesheet id="leptos" href="/pkg/pitboss.css"/>
        <Title text="pitboss"/>
        <Router>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=|| { mark_hydrated(); view! { <LoginPage/> } }/>
                <Route path=path!("/password") view={Lazy::<Password>::new()}/>
                <Route path=path!("/verify") view={Lazy::<Verify>::new()}/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view={Lazy::<Home>::new()}/>
                    <Route path=path!("pit") view=|| { mark_hydrated(); view! { <PitPage/> } }/>
                    <Route path=path!("players") view={Lazy::<Players>::new()}/>
                    <Route path=path!("players/import") view={Lazy::<Import>::new()}/>
                    <Route path=path!("players/:id") view={Lazy::<Player>::new()}/>
                    <Route path=path!("staff") view={Lazy::<Staff>::new()}/>
                    <Route path=path!("games") view={Lazy::<Games>::new()}/>
                    <Route path=path!("settings") view={Lazy::<Settings>::new()}/>
                    <Route path=path!("accounting") view={Lazy::<Accounting>::new()}/>
                    <Route path=path!("compliance") view={Lazy::<Compliance>::new()}/>
                    <Route path=path!("compliance/ctr/:day/:player") view={Lazy::<CtrWorksheet>::new()}/>
                    <Route path=path!("audit") view={Lazy::<AuditLog>::new()}/>
                    <Route path=path!("comps") view={Lazy::<Approvals>::new()}/>
                    <Route path=path!("comps/:id") view={Lazy::<CompSlip>::new()}/>
                    <Route path=path!("second-factor") view={Lazy::<SecondFactor>::new()}/>
                    <Route path=path!("cage") view={Lazy::<Cage>::new()}/>
                    <Route path=path!("reports/shift") view={Lazy::<ShiftReportOfToday>::new()}/>
                    <Route path=path!("reports/shift/:day") view={Lazy::<ShiftReportOfDay>::new()}/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    mark_hydrated();
    view! {
        <main class="p-8 space-y-2">
            <h1 class="text-2xl font-bold">"Page not found"</h1>
            <a href="/" class="inline-flex items-center min-h-12 underline">"Back to the overview"</a>
        </main>
    }
}

/// Sets `data-hydrated="true"` on `<body>` once the page is interactive, for tests and diagnostics. Each
/// route's view calls it, so a lazily loaded page marks the body only once its own chunk has hydrated.
pub(crate) fn mark_hydrated() {
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// The browser entry point: hydrates the server-rendered page, first loading the chunk of a lazy page if the
/// page is one ([`pages`]).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(App);
}
