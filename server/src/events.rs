//! The live stream: one PostgreSQL listener for the whole server, fanned out to every signed-in browser of
//! the casino a change belongs to, as server-sent events on `GET /api/events`.
//!
//! Each stream opens with a `resync` event and gets another whenever events may have been missed (the
//! listener reconnected, or the browser fell behind): the page then re-reads everything it shows. Between
//! those, a `change` event names each committed change of the subscriber's own casino; other casinos'
//! events are dropped here, before anything is written to the socket.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::ssr::{AppState, Authenticated};
use axum::extract::{Request, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::{Stream, StreamExt};
use pitboss::auth::{self, SessionToken};
use pitboss::casino::{CasinoId, StaffId};
use pitboss::live::{CHANNEL, Entity, LiveEvent};
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// Events buffered per subscriber before it counts as lagging (and is resynchronised instead).
const BUFFER: usize = 1024;

// A browser drops an event whose data is empty (EventSource spec), so resyncs carry an empty JSON object.

/// One announcement as the database sends it: the browser's part, and the ids only the log needs.
#[derive(Debug, serde::Deserialize)]
struct Committed {
    #[serde(flatten)]
    event: LiveEvent,
    staff_id: Option<uuid::Uuid>,
    request_id: Option<uuid::Uuid>,
    visit_id: Option<uuid::Uuid>,
    rating_slip_id: Option<uuid::Uuid>,
}

/// An optional id for a log field: empty when absent.
fn id(value: Option<uuid::Uuid>) -> String {
    value.map(|id| id.to_string()).unwrap_or_default()
}

/// What the listener passes on.
#[derive(Debug, Clone)]
enum Signal {
    Change(Arc<LiveEvent>),
    /// Notifications may have been lost: every subscriber should re-read.
    Resync,
}

/// The fan-out point between the one database listener and the open streams.
#[derive(Debug, Clone)]
pub struct EventHub {
    sender: broadcast::Sender<Signal>,
    stop: watch::Receiver<bool>,
    listening: watch::Receiver<bool>,
    subscribers: Arc<AtomicUsize>,
}

impl EventHub {
    /// Starts the listener task on `pool` (it keeps one connection for itself); streams end when `stop` turns
    /// true, which lets a graceful shutdown finish while browsers are connected.
    pub fn start(pool: PgPool, stop: watch::Receiver<bool>) -> Self {
        crate::metrics::install();
        let (sender, _) = broadcast::channel(BUFFER);
        let (listening_tx, listening) = watch::channel(false);
        tokio::spawn(listen(pool, sender.clone(), stop.clone(), listening_tx));
        Self { sender, stop, listening, subscribers: Arc::new(AtomicUsize::new(0)) }
    }

    /// Whether the database listener is connected now (changes committed meanwhile reach the streams).
    pub fn is_listening(&self) -> bool {
        *self.listening.borrow()
    }

    /// Waits until the database listener is connected.
    pub async fn listening(&self) {
        let _ = self.listening.clone().wait_for(|listening| *listening).await;
    }

    /// How many streams are open now.
    pub fn subscribers(&self) -> usize {
        self.subscribers.load(Ordering::Relaxed)
    }
}

/// Keeps the listener connected for the life of the server, announcing a resync after every reconnect.
async fn listen(
    pool: PgPool,
    sender: broadcast::Sender<Signal>,
    mut stop: watch::Receiver<bool>,
    listening: watch::Sender<bool>,
) {
    while !*stop.borrow() {
        listening.send_replace(false);
        crate::metrics::listener_up(false);
        let mut listener = match connect(&pool).await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "live events: cannot listen; retrying in 1 s");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(1)) => continue,
                    _ = stop.wait_for(|stopped| *stopped) => return,
                }
            }
        };
        tracing::info!("live events: listening");
        listening.send_replace(true);
        crate::metrics::listener_up(true);
        let _ = sender.send(Signal::Resync);
        loop {
            tokio::select! {
                received = listener.try_recv() => match received {
                    Ok(Some(notification)) => match serde_json::from_str::<Committed>(notification.payload()) {
                        Ok(Committed { event, staff_id, request_id, visit_id, rating_slip_id }) => {
                            tracing::info!(
                                request.id = %id(request_id), casino.id = %event.casino_id, staff.id = %id(staff_id),
                                visit.id = %id(visit_id), rating_slip.id = %id(rating_slip_id),
                                entity.id = %id(event.id), event.kind = %event.kind, "committed"
                            );
                            crate::metrics::committed(&event.kind);
                            // A send error only means that nobody is subscribed.
                            let _ = sender.send(Signal::Change(Arc::new(event)));
                        }
                        Err(error) => tracing::warn!(%error, "live events: unreadable payload"),
                    },
                    // The connection dropped; sqlx reconnects on the next call, but what was sent meanwhile is lost.
                    Ok(None) => {
                        tracing::warn!("live events: connection lost; resynchronising subscribers");
                        let _ = sender.send(Signal::Resync);
                    }
                    Err(error) => {
                        tracing::warn!(%error, "live events: listener failed");
                        break;
                    }
                },
                _ = stop.wait_for(|stopped| *stopped) => return,
            }
        }
    }
}

async fn connect(pool: &PgPool) -> sqlx::Result<PgListener> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// `GET /api/events`: the signed-in staff member's live stream (401 without a session).
pub async fn stream(State((state, hub)): State<(AppState, EventHub)>, request: Request) -> Response {
    let Some(session) = request.extensions().get::<Authenticated>() else {
        return crate::router::error_response(pitboss::ErrorCode::Unauthenticated);
    };
    if let Some(code) = session.refusal() {
        return crate::router::error_response(code);
    }
    let subscriber = Subscriber {
        casino_id: session.actor.casino_id,
        staff_id: session.actor.staff_id,
        token: session.token.clone(),
        state,
    };
    let guard = SubscriberGuard::new(hub.subscribers.clone());
    let receiver = hub.sender.subscribe();
    let mut stop = hub.stop.clone();
    let events = for_subscriber(receiver, subscriber).map(move |event| {
        let _alive = &guard;
        Ok::<_, Infallible>(event)
    });
    let opening =
        futures::stream::once(async { Ok(Event::default().event("resync").retry(Duration::from_secs(1)).data("{}")) });
    let body = opening.chain(events).take_until(async move {
        let _ = stop.wait_for(|stopped| *stopped).await;
    });
    let mut response = Sse::new(body).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // Tell reverse proxies not to buffer the stream.
    response.headers_mut().insert("x-accel-buffering", axum::http::HeaderValue::from_static("no"));
    response
}

/// Who a stream is for, and what it needs to ask whether their session still holds.
struct Subscriber {
    casino_id: CasinoId,
    staff_id: StaffId,
    token: SessionToken,
    state: AppState,
}

impl Subscriber {
    /// Whether `change`, to the subscriber's own staff record, ended this stream's session. The session store
    /// is asked, so every way a session ends (deactivation, a password reset, signing out everywhere) is
    /// covered by the rule that ends it.
    async fn signed_out_by(&self, change: &LiveEvent) -> bool {
        if change.entity != Entity::Staff || change.id != Some(self.staff_id.0) {
            return false;
        }
        let state = &self.state;
        let resolved = auth::resolve_session(&state.pool, &state.session_key, Uuid::new_v4(), &self.token).await;
        matches!(resolved, Err(auth::Error::Unauthenticated))
    }
}

/// The subscriber's events: changes of its own casino, and a resync whenever any may have been missed. When a
/// change to their own record ended their session, a last `signed_out` event sends the browser to the sign-in
/// page and the stream ends.
fn for_subscriber(receiver: broadcast::Receiver<Signal>, subscriber: Subscriber) -> impl Stream<Item = Event> {
    futures::stream::unfold(Some((receiver, subscriber)), |open| async move {
        let (mut receiver, subscriber) = open?;
        loop {
            let event = match receiver.recv().await {
                Ok(Signal::Change(change)) if change.casino_id == subscriber.casino_id => {
                    if subscriber.signed_out_by(&change).await {
                        return Some((Event::default().event("signed_out").data("{}"), None));
                    }
                    Event::default().event("change").json_data(&*change).unwrap_or_default()
                }
                Ok(Signal::Change(_)) => continue,
                Ok(Signal::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    Event::default().event("resync").data("{}")
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            return Some((event, Some((receiver, subscriber))));
        }
    })
}

/// Counts an open stream for as long as it lives.
struct SubscriberGuard(Arc<AtomicUsize>);

impl SubscriberGuard {
    fn new(count: Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Self(count)
    }
}

impl Drop for SubscriberGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::Committed;

    #[test]
    fn an_announcement_carries_the_log_ids_beside_what_browsers_receive() {
        let payload = r#"{"casino_id": "d3000000-0000-4000-8000-000000000001", "entity": "rating_slip",
            "id": "aaaaaaaa-6666-4000-8000-000000000001", "kind": "rating_slip.closed",
            "staff_id": "aaaaaaaa-0000-4000-8000-0000000000a2", "request_id": "aaaaaaaa-9999-4000-8000-000000000001",
            "visit_id": null, "rating_slip_id": "aaaaaaaa-6666-4000-8000-000000000001"}"#;
        let committed: Committed = serde_json::from_str(payload).expect("an announcement");
        assert_eq!(committed.event.kind, "rating_slip.closed");
        assert_eq!(committed.rating_slip_id, committed.event.id);
        assert!(committed.staff_id.is_some() && committed.request_id.is_some() && committed.visit_id.is_none());
        let sent = serde_json::to_value(&committed.event).expect("serializes");
        assert!(sent.get("staff_id").is_none() && sent.get("request_id").is_none(), "browsers get no more: {sent}");
    }
}
