//! Request ids in the browser: one per intent on one target, so a resend is recognised and nothing else is.

use leptos::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::error::AppError;
use pitboss::ErrorCode;

/// The request id of one user intent on one target (this slip's pause, this entry): reused by every resend of
/// the same arguments until an answer settles it, never by a request with other arguments.
///
/// The server binds a request id to its arguments (`docs/architecture.md#idempotency`): a stale id sent with
/// other arguments would be refused, and before that rule it replayed another request's answer. So the id is
/// renewed when the arguments change and after any answer but one that leaves the outcome unknown.
#[derive(Debug, Clone, Copy)]
pub struct Intent(RwSignal<Option<(String, Uuid)>>);

impl Intent {
    /// A new intent with no request id yet.
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// The request id for sending `args` (the call's arguments but the id): the last one while the arguments
    /// are the same and unanswered, a new one otherwise.
    pub fn request_id(self, args: &impl Serialize) -> Uuid {
        let fingerprint = serde_json::to_string(args).unwrap_or_default();
        match self.0.get_untracked() {
            Some((sent, id)) if sent == fingerprint => id,
            _ => {
                let id = new_request_id();
                self.0.set(Some((fingerprint, id)));
                id
            }
        }
    }

    /// Forgets the request id: the request it named is now someone else's to settle (the tablet's outbox).
    pub fn forget(self) {
        self.0.set(None);
    }

    /// Forgets the request id whenever `answer` settles the intent (see [`settles`]), so the next submission,
    /// even with the same arguments, is a new request.
    pub fn renew_after<T: Clone + Send + Sync + 'static>(
        self,
        answer: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
    ) {
        Effect::new(move || {
            if answer().as_ref().is_some_and(settles) {
                self.0.set(None);
            }
        });
    }
}

impl Default for Intent {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether an answer ends its intent: a success or a refusal does.
///
/// A network failure or an unavailable database does not, because the request may have been applied, and
/// only a resend with the same id learns which without applying it twice.
pub fn settles<T>(answer: &Result<T, AppError>) -> bool {
    !matches!(answer, Err(error) if matches!(error.code, ErrorCode::Transport | ErrorCode::Unavailable))
}

/// A fresh request id for one user intent; a retry of the same intent must reuse it.
///
/// In the browser it comes from `crypto.getRandomValues`, which, unlike `randomUUID`, also works on plain-HTTP floor networks.
pub fn new_request_id() -> Uuid {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !filled {
            // Uniqueness per staff member is all a request id needs; Math.random suffices for that.
            bytes.iter_mut().for_each(|b| *b = (js_sys::Math::random() * 256.0) as u8);
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Uuid::new_v4()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(code: ErrorCode) -> Result<(), AppError> {
        Err(AppError::new(code))
    }

    #[test]
    fn a_resend_of_the_same_arguments_reuses_the_id_and_other_arguments_get_another() {
        // Signals live in a reactive owner, as they do in the page.
        Owner::new().with(|| {
            let intent = Intent::new();
            let first = intent.request_id(&("slip-a",));
            assert_eq!(intent.request_id(&("slip-a",)), first);
            let other = intent.request_id(&("slip-b",));
            assert_ne!(other, first, "another slip's pause is another request");
            assert_ne!(intent.request_id(&("slip-a",)), first, "back to the first slip after another request");
        });
    }

    #[test]
    fn only_an_unknown_outcome_keeps_the_id() {
        assert!(settles(&Ok(())));
        assert!(settles(&failed(ErrorCode::RatingSlipInvalidState)));
        assert!(settles(&failed(ErrorCode::IdempotencyKeyReused)));
        assert!(!settles(&failed(ErrorCode::Transport)));
        assert!(!settles(&failed(ErrorCode::Unavailable)));
    }
}
