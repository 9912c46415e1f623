//! `bcpgen serve`: a live preview for the people who edit the sources.
//!
//! The site is built into memory ([`live`]), never into `out/` or any other
//! folder, and served over HTTP ([`http`], tiny_http) on 127.0.0.1 unless
//! `--bind` names another address. A watcher ([`watch`], notify) reports
//! each saved file; the site is loaded again whole (cheap) and only the
//! pages whose model changed are rendered again ([`plan`]). The pages served
//! carry a small reload script ([`inject`]); a source error replaces every
//! page by the diagnostics ([`report`]) until it is fixed.

mod http;
mod inject;
mod live;
mod plan;
mod report;
mod watch;

use std::io::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Date, Edition};

/// Threads answering requests. A PDF rendered on request holds one for a
/// second or two; reload scripts waiting for a change hold none (see
/// [`live::Live::wait`]).
const WORKERS: usize = 4;

/// What `bcpgen serve` was asked for.
pub struct ServeOptions {
    /// The content folder (`--content`).
    pub content: PathBuf,
    /// The theme folder (`--theme`); None: `./themes/default` or the built-in theme.
    pub theme: Option<PathBuf>,
    /// The day treated as today (`--date`).
    pub today: Date,
    /// The edition served (`--edition`).
    pub edition: Edition,
    /// The address listened on (`--bind`, 127.0.0.1 by default).
    pub bind: IpAddr,
    /// The port (`--port`; 0 takes a free one).
    pub port: u16,
}

/// Builds the site, prints its URL as the first line on stdout, and serves
/// it, rebuilding on every change, until the process is stopped. Returns
/// only when the address cannot be listened on or the folders cannot be
/// watched (the message says which, in Japanese).
pub fn serve(opts: ServeOptions) -> Result<(), crate::diag::Diagnostic> {
    let server = tiny_http::Server::http((opts.bind, opts.port)).map_err(|e| {
        crate::diag::Diagnostic::usage(format!(
            "{} のポート {} で待ち受けできません: {e}",
            opts.bind, opts.port
        ))
    })?;
    let url = match server.server_addr().to_ip() {
        Some(addr) => format!("http://{addr}/"),
        None => format!("http://{}:{}/", opts.bind, opts.port),
    };
    if !opts.bind.is_loopback() {
        eprintln!(
            "警告: {} で待ち受けます。ネットワーク上の他の端末からも、庁内限り・機密の文書を含むこの版（{}）が見えます",
            opts.bind,
            opts.edition.label()
        );
    }
    // Watching starts before the first build, so an edit saved while it
    // runs is not missed.
    let (tx, rx) = std::sync::mpsc::channel();
    let theme_dir = crate::theme_dir(opts.theme.as_deref()).map(PathBuf::from);
    let _watcher = watch::start(&opts.content, theme_dir.as_deref(), tx)
        .map_err(crate::diag::Diagnostic::usage)?;

    let live = Arc::new(live::Live::new());
    let mut plan = plan::Plan::new(&opts);
    plan.rebuild(&live, watch::Change::Theme);

    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let (server, live) = (server.clone(), live.clone());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                http::answer(request, &live);
            }
        });
    }
    {
        let live = live.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
            live.expire_waiters();
        });
    }
    println!("{url}");
    let _ = std::io::stdout().flush();
    eprintln!("{url} でプレビューを表示しています（終了は Ctrl+C）");

    while let Ok(first) = rx.recv() {
        // A save is often several events (write, rename, chmod): take every
        // change already waiting and rebuild once.
        let change = rx.try_iter().fold(first, watch::Change::max);
        plan.rebuild(&live, change);
    }
    Err(crate::diag::Diagnostic::failure(
        "ファイルの変更の監視が止まりました",
    ))
}
