//! The pages loaded on navigation.
//!
//! Each is a lazy route: its WebAssembly is split into a chunk of its own (`cargo leptos build --split`) that
//! the browser fetches the first time the page opens, so the initial module carries only the shell, the
//! sign-in page and the pit dashboard, which a tablet opens first.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::audit::AuditLogPage;
use crate::auth::{PasswordPage, SecondFactorPage, VerifyPage};
use crate::casino::{HomePage, SettingsPage, StaffPage};
use crate::finance::AccountingPage;
use crate::loyalty::{ApprovalsPage, CompSlipPage};
use crate::mtl::{CompliancePage, CtrWorksheetPage};
use crate::player::{ImportPage, PlayerPage, PlayersPage};
use crate::table_accounting::{CagePage, ShiftReportPage, ShiftReportToday};
use crate::table_context::GamesPage;

/// Declares `$route` as the lazy route of the page component `$page`; the page loads its own data.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        #[doc = concat!("The lazily loaded [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                crate::mark_hydrated();
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    Password => PasswordPage,
    Verify => VerifyPage,
    Home => HomePage,
    Players => PlayersPage,
    Import => ImportPage,
    Player => PlayerPage,
    Staff => StaffPage,
    Games => GamesPage,
    Settings => SettingsPage,
    Accounting => AccountingPage,
    Compliance => CompliancePage,
    CtrWorksheet => CtrWorksheetPage,
    AuditLog => AuditLogPage,
    Approvals => ApprovalsPage,
    CompSlip => CompSlipPage,
    SecondFactor => SecondFactorPage,
    Cage => CagePage,
    ShiftReportOfToday => ShiftReportToday,
    ShiftReportOfDay => ShiftReportPage,
}
