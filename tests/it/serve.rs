//! `bcpgen serve` (issue 16): the site built into memory and served on a
//! free port; an edit is served within a second, rendering only the pages
//! that show it (and the result is what a full build of the edited sources
//! gives); a broken source puts its diagnostics on every page while the
//! server keeps running; `--edition public` serves nothing internal; the
//! folder is left as it was (no `out/`); only the served copies carry the
//! reload script.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{run_in, Fixture, DATE};

/// A running `bcpgen serve`, killed when dropped (also when a test fails).
struct Served {
    child: Child,
    /// `127.0.0.1:PORT`, from the URL the server printed first.
    addr: String,
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
    fn start(dir: &Path, extra: &[&str]) -> Served {
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

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The server's stderr once it contains `text` (the page may be served
    /// a moment before the line saying so is read from the pipe).
    fn stderr_with(&self, text: &str) -> String {
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
    fn get(&self, path: &str) -> (u16, String) {
        let (code, body) = self.get_bytes(path);
        (code, String::from_utf8_lossy(&body).into_owned())
    }

    fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
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
    fn until(&self, path: &str, limit: Duration, ok: impl Fn(&str) -> bool) -> (String, Duration) {
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

    fn assert_running(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the server stopped; stderr:\n{}",
            self.stderr()
        );
    }
}

/// The names in `dir` (not recursive), sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_edit_is_served_within_a_second_and_no_folder_is_written() {
    let site = Fixture::new();
    let before = entries(site.dir.path());
    let served = Served::start(site.dir.path(), &[]);
    let (code, page) = served.get("/old-guide.html");
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("作業の前に二人以上で確認する"), "{page}");

    site.edit(
        "content/guides/old-guide.md",
        "作業の前に二人以上で確認する。",
        "作業の前に三人で読み合わせる。",
    );
    let (page, took) = served.until("/old-guide.html", Duration::from_secs(10), |b| {
        b.contains("三人で読み合わせる")
    });
    assert!(
        took < Duration::from_secs(1),
        "the edit took {took:?} to be served"
    );
    assert!(!page.contains("二人以上で確認する"), "{page}");
    // Search data and the single file follow the edit too.
    assert!(served
        .get("/search-data.js")
        .1
        .contains("三人で読み合わせる"));
    assert!(served
        .get("/__bcpgen/bcp.html")
        .1
        .contains("三人で読み合わせる"));

    // Nothing was written beside the content: no out/, no staging folder.
    assert_eq!(entries(site.dir.path()), before);
    assert!(!site.path("out").exists());
}

/// The served copy minus what serve adds (reload script, PDF link, the
/// CSP's connect-src and, in bcp.html, script-src 'self'), which must give
/// the built file back.
fn unserved(page: &str) -> String {
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

#[test]
fn an_edit_renders_its_page_and_the_pages_that_embed_it_as_a_full_build_would() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &[]);
    let (_, page) = served.get("/quake.html");
    assert!(page.contains("合言葉はヤマカワ"), "{page}");

    // secret-contacts is embedded by quake: two pages, not the site's five.
    site.edit(
        "content/lists/secret-contacts.yaml",
        "合言葉はヤマカワ",
        "合言葉はウミカゼ",
    );
    served.until("/quake.html", Duration::from_secs(10), |b| {
        b.contains("合言葉はウミカゼ")
    });
    served.until("/secret-contacts.html", Duration::from_secs(10), |b| {
        b.contains("合言葉はウミカゼ")
    });
    let log = served.stderr_with("更新しました（文書 2 件のページ");
    assert!(log.contains("更新しました（文書 2 件のページ"), "{log}");
    // A guide nothing embeds or references: its page alone.
    site.edit("content/guides/old-guide.md", "二人以上で", "二人で");
    served.until("/old-guide.html", Duration::from_secs(10), |b| {
        b.contains("二人で確認")
    });
    let log = served.stderr_with("更新しました（文書 1 件のページ");
    assert!(log.contains("更新しました（文書 1 件のページ"), "{log}");

    // What is served is what a full build of the edited sources writes.
    let other = tempfile::tempdir().unwrap();
    let content = site.path("content");
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
        let (code, got) = served.get_bytes(&url);
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
    let (_, page) = served.get("/old-guide.html");
    assert!(
        page.contains("<script src=\"/__bcpgen/reload.js\""),
        "{page}"
    );
    assert!(page.contains("connect-src 'self'"), "{page}");
}

#[test]
fn a_broken_source_shows_its_diagnostics_on_every_page_until_fixed() {
    let site = Fixture::new();
    let mut served = Served::start(site.dir.path(), &[]);
    site.edit(
        "content/guides/old-guide.md",
        "date: 2024-01-10",
        "date: 2024-02-30",
    );
    let (page, _) = served.until("/", Duration::from_secs(10), |b| {
        b.contains("ソースにエラーがあります")
    });
    let message = "content/guides/old-guide.md:7: revisions[0].date";
    assert!(page.contains(message), "{page}");
    assert!(page.contains("2024-02-30"), "{page}");
    for other in [
        "/quake.html",
        "/old-guide.html",
        "/glossary.html",
        "/no-such.html",
    ] {
        let (_, body) = served.get(other);
        assert!(body.contains(message), "{other}: {body}");
    }
    served.assert_running();
    let log = served.stderr();
    assert_eq!(log.matches(message).count(), 1, "printed once:\n{log}");

    site.edit(
        "content/guides/old-guide.md",
        "date: 2024-02-30",
        "date: 2024-02-29",
    );
    let (page, _) = served.until("/old-guide.html", Duration::from_secs(10), |b| {
        b.contains("作業の前に二人以上で確認する")
    });
    assert!(!page.contains("ソースにエラーがあります"), "{page}");
    assert!(!served.get("/").1.contains("ソースにエラーがあります"));
    served.assert_running();
}

#[test]
fn the_public_edition_serves_nothing_internal() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &["--edition", "public"]);
    let (code, index) = served.get("/");
    assert_eq!(code, 200, "{index}");
    for internal in [
        "/secret-contacts.html",
        "/quake.html",
        "/__bcpgen/pdf/secret-contacts.pdf",
    ] {
        assert_eq!(served.get(internal).0, 404, "{internal}");
    }
    for path in ["/", "/search-data.js", "/__bcpgen/bcp.html", "/status.html"] {
        let (_, body) = served.get(path);
        for secret in ["秘匿", "ヤマカワ", "地震編"] {
            assert!(!body.contains(secret), "{path} holds {secret}");
        }
    }
}

#[test]
fn a_page_offers_its_pdf_made_on_request_and_no_service_worker() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &[]);
    let (_, page) = served.get("/old-guide.html");
    assert!(
        page.contains("href=\"/__bcpgen/pdf/old-guide.pdf\""),
        "{page}"
    );
    let (code, pdf) = served.get_bytes("/__bcpgen/pdf/old-guide.pdf");
    assert_eq!(code, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    let file = site.path("old-guide.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("二人以上で確認する"), "{text}");
    assert_eq!(served.get("/sw.js").0, 404);
    let (code, script) = served.get("/__bcpgen/reload.js");
    assert_eq!(code, 200);
    assert!(script.contains("serviceWorker"), "{script}");
}
