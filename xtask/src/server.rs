//! A tiny static file server over `std::net`, enough for `cargo xtask serve` and the browser
//! suite: GET and HEAD, a URL prefix (so the site can be tested under a sub-path, as on GitHub
//! Pages), `index.html` for directories, correct MIME types (WebAssembly streaming compilation
//! needs `application/wasm`), and nothing outside the served folder. One thread per connection;
//! every response closes its connection.
//!
//! A prefix can also be registered as *broken*: it serves the same files but answers 404 for
//! `.wasm`, so the browser suite can check the page's message when the wasm fails to load.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// What a server serves.
#[derive(Clone, Debug)]
pub struct Config {
    /// The folder served.
    pub root: PathBuf,
    /// URL prefixes that serve `root`, each starting and ending with `/` (`/`, `/entente/`).
    pub prefixes: Vec<String>,
    /// URL prefixes that serve `root` with every `.wasm` file missing.
    pub broken_prefixes: Vec<String>,
}

/// A running server; dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `addr` (use port 0 for any free port) and serves in a background thread.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub fn start(addr: &str, config: Config) -> io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let config = Arc::new(config);
        let thread = {
            let stop = Arc::clone(&stop);
            let requests = Arc::clone(&requests);
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let config = Arc::clone(&config);
                    let requests = Arc::clone(&requests);
                    thread::spawn(move || {
                        // A client that hangs up early is not the server's problem.
                        let _ = handle(stream, &config, &requests);
                    });
                }
            })
        };
        Ok(Server {
            addr,
            stop,
            requests,
            thread: Some(thread),
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request lines received so far (`GET /entente/ HTTP/1.1`).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Blocks the calling thread while the server runs (for `cargo xtask serve`).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn handle(stream: TcpStream, config: &Config, requests: &Mutex<Vec<String>>) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let request_line = request_line.trim_end().to_string();
    if let Ok(mut r) = requests.lock() {
        r.push(request_line.clone());
    }
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            405,
            "text/plain",
            b"method not allowed",
            method == "HEAD",
        );
    }
    match resolve(config, target) {
        Resolved::File(path) => match std::fs::read(&path) {
            Ok(body) => respond(&mut out, 200, mime_type(&path), &body, method == "HEAD"),
            Err(_) => respond(&mut out, 404, "text/plain", b"not found", method == "HEAD"),
        },
        Resolved::Redirect(location) => {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            out.write_all(head.as_bytes())
        }
        Resolved::NotFound => respond(&mut out, 404, "text/plain", b"not found", method == "HEAD"),
    }
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// Maps a request target to a file under the root, refusing anything that would leave it.
fn resolve(config: &Config, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Some(path) = percent_decode(path) else {
        return Resolved::NotFound;
    };
    let prefixes = config
        .prefixes
        .iter()
        .map(|p| (p, false))
        .chain(config.broken_prefixes.iter().map(|p| (p, true)));
    // The longest matching prefix wins (`/entente/` over `/`).
    let mut best: Option<(&String, bool)> = None;
    for (prefix, broken) in prefixes {
        if path.len() + 1 == prefix.len()
            && prefix.starts_with(path.as_str())
            && prefix.ends_with('/')
        {
            return Resolved::Redirect(prefix.clone());
        }
        if path.starts_with(prefix.as_str()) && best.is_none_or(|(b, _)| prefix.len() > b.len()) {
            best = Some((prefix, broken));
        }
    }
    let Some((prefix, broken)) = best else {
        return Resolved::NotFound;
    };
    let relative = &path[prefix.len()..];
    let mut file = config.root.clone();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(c) => file.push(c),
            Component::CurDir => {}
            _ => return Resolved::NotFound,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    if broken && file.extension().is_some_and(|e| e == "wasm") {
        return Resolved::NotFound;
    }
    if file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::NotFound
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

/// The MIME type for a file name.
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(server: &Server, target: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    #[test]
    fn serves_files_under_prefixes_and_nothing_outside() {
        let root = std::env::temp_dir().join(format!("xtask-server-test-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("app.wasm"), "wasm").unwrap();
        std::fs::write(root.join("sub/a b.txt"), "spaced").unwrap();
        let server = Server::start(
            "127.0.0.1:0",
            Config {
                root: root.clone(),
                prefixes: vec!["/entente/".into()],
                broken_prefixes: vec!["/broken/".into()],
            },
        )
        .unwrap();
        let cases = [
            ("/entente/", 200, "home"),
            ("/entente/?q=1#x", 200, "home"),
            ("/entente/index.html", 200, "home"),
            ("/entente/app.wasm", 200, "wasm"),
            ("/entente/sub/a%20b.txt", 200, "spaced"),
            ("/entente", 301, ""),
            ("/entente/../Cargo.toml", 404, "not found"),
            ("/entente/%2e%2e/x", 404, "not found"),
            ("/other/", 404, "not found"),
            ("/broken/", 200, "home"),
            ("/broken/app.wasm", 404, "not found"),
        ];
        for (target, status, body) in cases {
            assert_eq!(
                get(&server, target),
                (status, body.to_string()),
                "GET {target}"
            );
        }
        assert_eq!(server.requests().len(), cases.len());
        drop(server);
        let _ = std::fs::remove_dir_all(root);
    }
}
