//! The slip timer: rated time that ticks every second while the slip runs and stands still while paused.
//!
//! It starts from the server's figure (rated seconds as of the server's clock) and only adds the time the
//! browser has measured since it received that figure: the client clock supplies the offset, never the
//! time itself (`docs/architecture.md#the-live-stream`). Server and browser render the same first value, so hydration never disagrees.

use leptos::prelude::*;

/// `H:MM:SS`.
pub fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    format!("{}:{:02}:{:02}", seconds / 3_600, seconds / 60 % 60, seconds % 60)
}

/// Rated time since `accrued` (seconds, as of the server's clock when it was read); ticking when `running`.
#[component]
pub fn SlipTimer(accrued: i64, running: bool) -> impl IntoView {
    let elapsed = RwSignal::new(accrued);
    #[cfg(feature = "hydrate")]
    if running {
        let received = js_sys::Date::now();
        let tick = move || {
            let since = ((js_sys::Date::now() - received) / 1_000.0).floor();
            elapsed.set(accrued + since as i64);
        };
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(250)) {
            on_cleanup(move || handle.clear());
        }
    }
    view! {
        <span data-testid="slip-timer" data-running=running.to_string() class="font-mono tabular-nums">
            {move || clock(elapsed.get())}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn rated_time_reads_as_hours_minutes_seconds() {
        assert_eq!(clock(0), "0:00:00");
        assert_eq!(clock(59), "0:00:59");
        assert_eq!(clock(3_661), "1:01:01");
        assert_eq!(clock(-5), "0:00:00");
    }
}
