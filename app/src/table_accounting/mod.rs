//! Table games accounting: tray counts, fills and credits with the cage, the drop, and the day's win; the pit's
//! tray in the table panel, the cage's page and the printable shift report.

mod api;
mod cage;
mod chips;
mod drops;
mod report;
mod report_shifts;
mod requests;
mod tray;

pub use api::*;
pub use cage::CagePage;
pub use report::{ShiftReportPage, ShiftReportToday};
pub use tray::{Tray, TraySection};
