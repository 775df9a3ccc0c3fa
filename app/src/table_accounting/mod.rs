//! Table games accounting: tray counts, fills and credits with the cage, the drop, and the day's win.

mod api;

pub use api::*;
