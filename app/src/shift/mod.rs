//! The shift view on the overview page: every table now beside the gaming day so far, with charts.

mod api;
mod chart;
mod view;

pub use api::*;
pub use view::{ShiftResource, ShiftSection, shift_resource};
