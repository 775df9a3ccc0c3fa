//! The benchmark's HTTP side: a keep-alive HTTP/1.1 connection per simulated tablet, sending server-function
//! calls one at a time as a browser tab does, and a live-stream subscriber that timestamps every event.

use std::net::SocketAddr;
use std::time::Instant;

use anyhow::{Context, bail};
use http::{Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::sync::mpsc;

/// One signed-in browser's connection.
pub struct Client {
    addr: SocketAddr,
    sender: SendRequest<Full<Bytes>>,
    cookie: Option<String>,
}

async fn handshake(addr: SocketAddr) -> anyhow::Result<SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect(addr).await.with_context(|| format!("connecting to {addr}"))?;
    stream.set_nodelay(true)?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

impl Client {
    /// Opens a connection, not yet signed in.
    pub async fn connect(addr: SocketAddr) -> anyhow::Result<Self> {
        Ok(Self { addr, sender: handshake(addr).await?, cookie: None })
    }

    /// Signs in; the session cookie is sent with every later call.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> anyhow::Result<()> {
        let body = serde_json::json!({ "email": email, "password": password });
        let (status, answer) = self.post("/api/auth/login", &body).await?;
        if status != StatusCode::OK || self.cookie.is_none() {
            bail!("signing in as {email}: {status} {answer}");
        }
        Ok(())
    }

    /// The session cookie, once signed in.
    pub fn cookie(&self) -> Option<&str> {
        self.cookie.as_deref()
    }

    /// Sends one JSON POST and reads the whole answer.
    pub async fn post(&mut self, path: &str, body: &Value) -> anyhow::Result<(StatusCode, Value)> {
        let request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        self.send(request, Bytes::from(body.to_string())).await
    }

    /// Sends one GET and reads the whole answer.
    pub async fn get(&mut self, path: &str) -> anyhow::Result<(StatusCode, Value)> {
        self.send(Request::get(path), Bytes::new()).await
    }

    async fn send(&mut self, request: http::request::Builder, body: Bytes) -> anyhow::Result<(StatusCode, Value)> {
        if self.sender.is_closed() {
            self.sender = handshake(self.addr).await?;
        }
        let mut request = request.header(header::HOST, self.addr.to_string());
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let request = request.body(Full::new(body))?;
        self.sender.ready().await?;
        let response = self.sender.send_request(request).await?;
        let status = response.status();
        if let Some(cookie) = response.headers().get(header::SET_COOKIE).and_then(|v| v.to_str().ok())
            && let Some(pair) = cookie.split(';').next()
        {
            self.cookie = Some(pair.to_owned());
        }
        let bytes = response.into_body().collect().await?.to_bytes();
        Ok((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
    }
}

/// One live-stream event as received: when, and its `data` (entity, id, kind).
#[derive(Debug, Clone)]
pub struct Received {
    /// When its last byte arrived.
    pub at: Instant,
    /// The event's name (`change`, `resync`).
    pub event: String,
    /// Its JSON data.
    pub data: Value,
}

/// Opens `GET /api/events` with `cookie` and forwards every event, timestamped, until the stream ends.
pub async fn subscribe(addr: SocketAddr, cookie: &str) -> anyhow::Result<mpsc::UnboundedReceiver<Received>> {
    let mut sender = handshake(addr).await?;
    let request = Request::get("/api/events")
        .header(header::HOST, addr.to_string())
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT, "text/event-stream")
        .body(Full::new(Bytes::new()))?;
    let response = sender.send_request(request).await?;
    if response.status() != StatusCode::OK {
        bail!("the live stream answered {}", response.status());
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let mut body = response.into_body();
    tokio::spawn(async move {
        let _keep = sender;
        let mut text = String::new();
        while let Some(Ok(frame)) = body.frame().await {
            let at = Instant::now();
            let Ok(chunk) = frame.into_data() else { continue };
            text.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = text.find("\n\n") {
                let block: String = text.drain(..end + 2).collect();
                let field =
                    |name: &str| block.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).map(str::to_owned);
                if let Some(event) = field("event:") {
                    let data = field("data:").and_then(|d| serde_json::from_str(&d).ok()).unwrap_or(Value::Null);
                    if tx.send(Received { at, event, data }).is_err() {
                        return;
                    }
                }
            }
        }
    });
    Ok(rx)
}
