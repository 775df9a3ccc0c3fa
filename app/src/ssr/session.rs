//! The session cookie: its name, its flags, and who the server found behind it.

use axum::http::{HeaderMap, HeaderValue, header};
use pitboss::Actor;
use pitboss::auth::SessionToken;

/// Name of the cookie holding the session token.
pub const SESSION_COOKIE: &str = "pitboss_session";

/// A request whose session cookie resolved to a signed-in staff member.
///
/// The server's session layer puts it in the request's extensions; server functions read it from there and never from the request body.
#[derive(Clone, Debug)]
pub struct Authenticated {
    /// Who is acting.
    pub actor: Actor,
    /// The cookie's token, needed to end this session.
    pub token: SessionToken,
    /// Signed in with a temporary password: every call but choosing a new one, `auth/me` and signing out
    /// answers `PASSWORD_CHANGE_REQUIRED`.
    pub password_change_required: bool,
    /// Past the password, not yet past the second factor: every call but sending the code and signing out
    /// answers `SECOND_FACTOR_REQUIRED`.
    pub second_factor_pending: bool,
}

/// An API call's session cookie, left unresolved by the session layer: the call's own transaction resolves it
/// (`boundary::scoped` and its siblings), so a call costs one transaction, not two.
#[derive(Clone, Debug)]
pub struct SessionCookie(pub SessionToken);

/// The request's tracing span, so the boundary can name the casino and staff member on it once a session
/// resolved inside the call's transaction says who they are.
#[derive(Clone, Debug)]
pub struct RequestSpan(pub tracing::Span);

impl RequestSpan {
    /// Names who is acting on the request's log lines.
    pub fn record(&self, actor: &Actor) {
        self.0.record("casino.id", tracing::field::display(actor.casino_id));
        self.0.record("staff.id", tracing::field::display(actor.staff_id));
    }
}

impl Authenticated {
    /// The session `token` resolved to.
    pub fn new(session: pitboss::auth::Session, token: SessionToken) -> Self {
        Self {
            actor: session.actor,
            token,
            password_change_required: session.password_change_required,
            second_factor_pending: session.second_factor_pending,
        }
    }

    /// The code to refuse an ordinary call with, if this session may make none yet.
    pub fn refusal(&self) -> Option<pitboss::ErrorCode> {
        if self.second_factor_pending {
            Some(pitboss::ErrorCode::SecondFactorRequired)
        } else {
            self.password_change_required.then_some(pitboss::ErrorCode::PasswordChangeRequired)
        }
    }
}

/// The session token a request carries, if its cookie has a token's shape.
pub fn token_from(headers: &HeaderMap) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .and_then(|(_, value)| SessionToken::parse(value))
}

/// `Set-Cookie` for a new session: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
/// POSTs), valid for the session's lifetime.
pub fn set_cookie(token: &SessionToken, max_age_seconds: i64, secure: bool) -> Option<HeaderValue> {
    cookie(token.expose(), max_age_seconds, secure)
}

/// `Set-Cookie` that removes the session cookie from the browser.
pub fn clear_cookie(secure: bool) -> Option<HeaderValue> {
    cookie("", 0, secure)
}

fn cookie(value: &str, max_age_seconds: i64, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    let text = format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}");
    HeaderValue::from_str(&text).ok()
}

/// Appends a `Set-Cookie` header to the response being built for this server function.
pub fn send_cookie(value: Option<HeaderValue>) {
    if let (Some(value), Some(response)) = (value, leptos::prelude::use_context::<leptos_axum::ResponseOptions>()) {
        response.append_header(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let token = SessionToken::generate();
        let mut headers = HeaderMap::new();
        let value = format!("theme=dark; {SESSION_COOKIE}={}; other=1", token.expose());
        headers.insert(header::COOKIE, HeaderValue::from_str(&value).expect("ascii"));
        assert_eq!(token_from(&headers), Some(token));
    }

    #[test]
    fn a_malformed_cookie_is_no_session() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("pitboss_session=forged"));
        assert_eq!(token_from(&headers), None);
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let token = SessionToken::generate();
        let value = set_cookie(&token, 60, true).expect("valid header");
        let text = value.to_str().expect("ascii");
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Max-Age=60"));
        assert!(text.ends_with("; Secure"));
        assert!(clear_cookie(false).expect("valid").to_str().expect("ascii").contains("Max-Age=0"));
    }
}
