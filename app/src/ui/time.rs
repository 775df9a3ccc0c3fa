//! Times as the floor reads them: in the browser's (the casino's) local time zone.

use leptos::prelude::*;

/// A time of day as the floor reads it, in the browser's (the casino's) local time: `14:05`.
pub fn clock_time(at: chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64));
        format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        // Only reached by markup rendered on the server, which shows the zone it uses.
        format!("{} UTC", at.format("%H:%M"))
    }
}

/// A date and time as the floor reads it, `28 Nov 14:05`, in local time once the page is interactive.
///
/// The server renders UTC (and says so), the browser then switches to local time, so hydration sees the
/// same markup the server sent.
#[component]
pub fn LocalTime(at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let hydrated = super::use_hydrated();
    move || if hydrated.get() { local_date_time(at) } else { at.format("%-d %b %H:%M UTC").to_string() }
}

fn local_date_time(at: chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(feature = "hydrate")]
    {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64));
        let month = MONTHS.get(date.get_month() as usize).copied().unwrap_or("");
        format!("{} {month} {:02}:{:02}", date.get_date(), date.get_hours(), date.get_minutes())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        at.format("%-d %b %H:%M UTC").to_string()
    }
}
