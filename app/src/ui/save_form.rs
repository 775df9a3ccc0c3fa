//! A form that saves through one server action, with a refusal found in the browser before anything is sent.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use pitboss::{ErrorCode, FieldError};
use serde::Serialize;
use uuid::Uuid;

use super::Intent;
use crate::error::AppError;

/// The action, the request id of its intent and the browser's own refusal; what the form shows (its error, "saved")
/// derives from these.
pub struct SaveForm<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: 'static,
{
    /// The save.
    pub action: ServerAction<S>,
    local: RwSignal<Option<AppError>>,
    intent: Intent,
}

impl<S> Clone for SaveForm<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for SaveForm<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: 'static,
{
}

impl<S> SaveForm<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    /// Nothing sent yet; a new request id after each answer that settles the intent.
    pub fn new() -> Self {
        let form = Self { action: ServerAction::new(), local: RwSignal::new(None), intent: Intent::new() };
        let action = form.action;
        form.intent.renew_after(move || action.value().get());
        form
    }

    /// Sends the save built from its request id and `args`, the call's arguments but the id.
    pub fn send<A: Serialize>(self, args: A, save: impl FnOnce(Uuid, A) -> S) {
        self.local.set(None);
        let request_id = self.intent.request_id(&args);
        self.action.dispatch(save(request_id, args));
    }

    /// Refuses in the browser, at the fields named, without sending anything.
    pub fn refuse(self, problems: Vec<FieldError>) {
        self.local.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(problems)));
    }

    /// The refusal to show: the browser's, else the server's.
    pub fn error(self) -> Signal<Option<AppError>> {
        Signal::derive(move || self.local.get().or_else(|| self.action.value().get().and_then(Result::err)))
    }

    /// Whether the last submission was saved.
    pub fn saved(self) -> Signal<bool> {
        Signal::derive(move || matches!(self.action.value().get(), Some(Ok(_))) && self.local.get().is_none())
    }
}

impl<S> Default for SaveForm<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}
