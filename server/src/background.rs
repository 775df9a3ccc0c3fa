//! The loop the server's background tasks share (the gaming-day rollover, the audit chain's linker): run one
//! step, sleep as long as it asks, and end as soon as the server stops.

use std::time::Duration;

use tokio::sync::watch;

/// Runs `step` until `stop` turns true; each step returns how long to sleep before the next.
pub async fn repeat<F>(mut stop: watch::Receiver<bool>, mut step: impl FnMut() -> F)
where
    F: Future<Output = Duration>,
{
    while !*stop.borrow() {
        let wait = step().await;
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}
