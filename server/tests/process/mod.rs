//! The real `pitboss` binary as a separate process, on its embedded database, driven over TCP: for tests
//! that kill the server or restart its database. A minimal HTTP/1.1 client is enough here (one request
//! per connection, JSON in and out) and keeps the test free of a client library.
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use database::EmbeddedCluster;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A `pitboss serve` process and its data directory; dropping it kills the server and stops the cluster.
pub struct Server {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    child: Option<Child>,
    /// The first node stops the cluster and removes the directory when dropped; another node only stops.
    first: bool,
}

impl Server {
    /// Starts a server on a new data directory (a new cluster, migrated and seeded with the demo casinos).
    pub async fn start(name: &str) -> Self {
        let data_dir = std::env::temp_dir().join(format!("pitboss-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let mut server = Self { addr: SocketAddr::from(([127, 0, 0, 1], port)), data_dir, child: None, first: true };
        server.spawn().await;
        server
    }

    /// Starts another node of the same system: a second `pitboss serve` on the same database (and session
    /// secret), listening on a port of its own.
    pub async fn another_node(&self) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let mut node = Self { addr, data_dir: self.data_dir.clone(), child: None, first: false };
        node.spawn().await;
        node
    }

    /// Starts the binary again on the same data directory and waits until it is ready.
    pub async fn spawn(&mut self) {
        let child = Command::new(env!("CARGO_BIN_EXE_pitboss"))
            .arg("serve")
            .env_remove("DATABASE_URL")
            .env_remove("DATABASE_OWNER_URL")
            .env("PITBOSS_DATA_DIR", &self.data_dir)
            .env("PITBOSS_ADDR", self.addr.to_string())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pitboss");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if get(self.addr, "/readyz").await.is_ok_and(|reply| reply.status == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("pitboss never became ready on {}", self.addr);
    }

    /// `kill -9`: no shutdown, no flushing, connections cut mid-request. The cluster keeps running.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
        }
    }

    /// The embedded cluster under the running server.
    pub fn cluster(&self) -> EmbeddedCluster {
        EmbeddedCluster::ensure_running(&self.data_dir).expect("the cluster")
    }

    /// Runs a one-shot `pitboss` command on the same data directory; its exit code and output.
    pub fn command(&self, args: &[&str]) -> (i32, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_pitboss"))
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("DATABASE_OWNER_URL")
            .env("PITBOSS_DATA_DIR", &self.data_dir)
            .output()
            .expect("run pitboss");
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        (output.status.code().unwrap_or(-1), text)
    }

    /// Like [`Server::command`], with `input` on standard input (a password for `--password-stdin`).
    pub fn command_with_input(&self, args: &[&str], input: &str) -> (i32, String) {
        use std::io::Write as _;
        let mut child = Command::new(env!("CARGO_BIN_EXE_pitboss"))
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("DATABASE_OWNER_URL")
            .env("PITBOSS_DATA_DIR", &self.data_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run pitboss");
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write the input");
        let output = child.wait_with_output().expect("pitboss ends");
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        (output.status.code().unwrap_or(-1), text)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        if !self.first {
            return;
        }
        if let Ok(cluster) = EmbeddedCluster::ensure_running(&self.data_dir) {
            let _ = cluster.stop();
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A response: status, headers (lower-case names) and the body as JSON (or a JSON string of the text).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Reply {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `name=value` of the session cookie this reply set.
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie").and_then(|c| c.split(';').next()).map(str::to_owned)
    }
}

/// Sends a same-origin JSON POST and reads the whole answer; an error if the connection fails or is cut.
pub async fn post(addr: SocketAddr, path: &str, body: &Value, cookie: Option<&str>) -> std::io::Result<Reply> {
    let body = body.to_string();
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{cookie}\
         Connection: close\r\n\r\n",
        body.len()
    );
    exchange(addr, format!("{head}{body}")).await
}

/// A GET, read to the end.
pub async fn get(addr: SocketAddr, path: &str) -> std::io::Result<Reply> {
    exchange(addr, format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")).await
}

async fn exchange(addr: SocketAddr, request: String) -> std::io::Result<Reply> {
    let mut stream = tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(addr)).await??;
    stream.write_all(request.as_bytes()).await?;
    let mut bytes = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut bytes)).await??;
    parse(&bytes).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "a cut or malformed answer"))
}

fn parse(bytes: &[u8]) -> Option<Reply> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body)?;
    } else if let Some(length) = headers.iter().find(|(n, _)| n == "content-length")
        && body.len() != length.1.parse::<usize>().ok()?
    {
        return None;
    }
    let body = serde_json::from_slice(&body).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into()));
    Some(Reply { status, headers, body })
}

fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
        let size = usize::from_str_radix(std::str::from_utf8(&bytes[..line_end]).ok()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        let start = line_end + 2;
        out.extend_from_slice(bytes.get(start..start + size)?);
        bytes = bytes.get(start + size + 2..)?;
    }
}

/// An open `GET /api/events`, read as raw text: enough to see which events arrive.
pub struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Opens the stream with a session cookie; the answer must be 200.
    pub async fn open(addr: SocketAddr, cookie: &str) -> Self {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        let request = format!(
            "GET /api/events HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.expect("send");
        let mut events = Self { stream, seen: String::new() };
        assert!(events.wait_for("HTTP/1.1 200", Duration::from_secs(5)).await, "the stream opens");
        events
    }

    /// Reads until `needle` has arrived after everything consumed so far; false on timeout or end of stream.
    /// What was read up to and including the needle is consumed.
    pub async fn wait_for(&mut self, needle: &str, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(at) = self.seen.find(needle) {
                self.seen.drain(..at + needle.len());
                return true;
            }
            let mut buffer = [0u8; 4096];
            match tokio::time::timeout_at(deadline, self.stream.read(&mut buffer)).await {
                Ok(Ok(n)) if n > 0 => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                _ => return false,
            }
        }
    }
}
