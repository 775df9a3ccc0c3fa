//! `AppError`: the one error type every server function returns, identical on the server and in the browser.
//!
//! On the wire it is `{"code":"AUTH_THROTTLED","message":"…","fields":[…],"request_id":null,"retryable":true}`
//! with a 4xx/5xx status chosen by the code. Library error text never reaches it: the server maps domain
//! errors by code (see `ssr::boundary`) and logs causes there, once.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use pitboss::{ErrorCode, FieldError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The response header naming a refusal's error code, beside the JSON body; the server's metrics count by it.
pub const ERROR_CODE_HEADER: &str = "x-error-code";

/// An error as the browser sees it: a stable code, a sentence for people, and details for forms and support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppError {
    /// Stable machine code.
    pub code: ErrorCode,
    /// The sentence to show.
    pub message: String,
    /// Invalid form fields, for `VALIDATION_FAILED`.
    #[serde(default)]
    pub fields: Vec<FieldError>,
    /// For `INTERNAL`: the id staff can quote to support.
    #[serde(default)]
    pub request_id: Option<Uuid>,
    /// Whether trying again unchanged may succeed.
    #[serde(default)]
    pub retryable: bool,
}

impl AppError {
    /// The error for a code, with its standard message.
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            message: code.message().to_owned(),
            fields: Vec::new(),
            request_id: None,
            retryable: code.retryable(),
        }
    }

    /// Adds per-field details.
    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Self {
        self.fields = fields;
        self
    }

    /// The message for one form field, if it is invalid.
    pub fn field_message(&self, field: &str) -> Option<String> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.text().to_owned())
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let code = match value {
            ServerFnErrorErr::Request(_) => ErrorCode::Transport,
            // On the server these mean the request body could not be decoded; in the browser, the response.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_)
                if cfg!(feature = "ssr") =>
            {
                ErrorCode::BadRequest
            }
            ServerFnErrorErr::Deserialization(_) => ErrorCode::Transport,
            _ => ErrorCode::Internal,
        };
        #[cfg(feature = "ssr")]
        crate::ssr::boundary::set_status(code);
        Self::new(code)
    }
}
