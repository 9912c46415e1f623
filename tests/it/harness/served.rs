//! A running `bcpgen serve` for the tests of serve (`serve`,
//! `serve_incremental`): started on a free port, read over HTTP, killed
//! when dropped; and the check that what it serves is what a full build of
//! the same sources writes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use super::{run_in, DATE};

/// A running `bcpgen serve`, killed when dropped (also when a test fails).
pub struct Served {
    /// The server process.
    pub child: Child,
    /// `127.0.0.1:PORT`, from the URL the server printed first.
    pub addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// `bcpgen serve --content content --port 0 --date DATE extra…` in `dir`.
    pub fn start(dir: &Path, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bcpgen"))
            .args([
                "serve",
                "--content",
                "content",
                "--port",
                "0",
                "--date",
                DATE,
            ])
            .args(extra)
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run bcpgen serve");
        // stderr is drained all along, so the server never blocks on it.
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let out = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(out).read_line(&mut line);
            let _ = tx.send(line);
        });
        let mut served = Served {
            child,
            addr: String::new(),
            stderr,
        };
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        let addr = line
            .trim()
            .strip_prefix("http://")
            .and_then(|a| a.strip_suffix('/'))
            .map(str::to_string);
        match addr {
            Some(a) => served.addr = a,
            None => panic!(
                "no URL on the first line ({line:?}); stderr:\n{}",
                served.stderr()
            ),
        }
        served
    }

    /// Everything the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The server's stderr once it contains `text` (the page may be served
    /// a moment before the line saying so is read from the pipe).
    pub fn stderr_with(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.stderr();
            if log.contains(text) || start.elapsed() > Duration::from_secs(10) {
                return log;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// GET `path`: the status and the body as text.
    pub fn get(&self, path: &str) -> (u16, String) {
        let (code, body) = self.get_bytes(path);
        (code, String::from_utf8_lossy(&body).into_owned())
    }

    /// GET `path`: the status and the body.
    pub fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read the response");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let code = head
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .expect("a status");
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "{head}"
        );
        (code, raw[split + 4..].to_vec())
    }

    /// GETs `path` until `ok` holds of the body, for at most `limit`;
    /// returns the body and when it first held.
    pub fn until(
        &self,
        path: &str,
        limit: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> (String, Duration) {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if ok(&body) {
                return (body, start.elapsed());
            }
            assert!(
                start.elapsed() < limit,
                "{path} did not change within {limit:?}; last body:\n{body}\nstderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Fails the test when the server has stopped.
    pub fn assert_running(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the server stopped; stderr:\n{}",
            self.stderr()
        );
    }

    /// Every file a full build of `content` writes under `out/html/` and
    /// `out/bcp.html` is served with the same bytes (pages once the reload
    /// script, PDF link and loosened CSP are taken out; sw.js is never served).
    pub fn assert_equals_build(&self, content: &Path) {
        let other = tempfile::tempdir().unwrap();
        let built = run_in(
            other.path(),
            &[
                "build",
                "--content",
                content.to_str().unwrap(),
                "--format",
                "html",
                "--date",
                DATE,
            ],
        );
        assert_eq!(built.code, 0, "{}", built.stderr);
        let out = other.path().join("out");
        let mut compared = 0;
        for e in walkdir::WalkDir::new(&out) {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let url = match rel.as_str() {
                "bcp.html" => "/__bcpgen/bcp.html".to_string(),
                // serve hands out no service worker (checked below).
                "html/sw.js" => continue,
                r if r.starts_with("html/") => format!("/{}", &r[5..]),
                _ => continue,
            };
            if !e.file_type().is_file() {
                continue;
            }
            let want = std::fs::read(e.path()).unwrap();
            let (code, got) = self.get_bytes(&url);
            assert_eq!(code, 200, "{url}");
            if rel.ends_with(".html") {
                let got = unserved(&String::from_utf8_lossy(&got));
                assert!(
                    got == String::from_utf8_lossy(&want),
                    "{url} differs from the built {rel}"
                );
                // Only the served copy carries the reload script.
                assert!(
                    !String::from_utf8_lossy(&want).contains("__bcpgen"),
                    "{rel}"
                );
            } else {
                assert!(got == want, "{url} differs from the built {rel}");
            }
            compared += 1;
        }
        assert!(compared >= 8, "only {compared} files compared");
    }
}

/// The served copy minus what serve adds (reload script, PDF link, the
/// CSP's connect-src and, in bcp.html, script-src 'self'), which must give
/// the built file back.
pub fn unserved(page: &str) -> String {
    let mut out = String::new();
    for line in page.split_inclusive('\n') {
        if line.starts_with("<script src=\"/__bcpgen/reload.js\" data-v=\"") {
            continue;
        }
        out.push_str(line);
    }
    let out = out.replace("; connect-src 'self'", "").replace(
        "script-src 'unsafe-inline' 'self'",
        "script-src 'unsafe-inline'",
    );
    match (
        out.find("<a class=\"bcpgen-pdf\""),
        out.find("PDF（印刷用）</a>"),
    ) {
        (Some(a), Some(b)) => format!("{}{}", &out[..a], &out[b + "PDF（印刷用）</a>".len()..]),
        _ => out,
    }
}
