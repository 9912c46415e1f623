//! Runs the built `bcpgen` the way a hostile input must not hurt it: under
//! an address-space cap (`prlimit --as`, util-linux) and a watchdog that
//! kills it when it hangs. A test then sees exit code 137/134 or a timeout
//! as a failure instead of the machine swapping or the suite never ending.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space a build of a small site fits in (jemalloc and the rayon
/// threads reserve some); a 4294967295-unit rack needs gigabytes.
pub const MEMORY: u64 = 512 * 1024 * 1024;

/// Far longer than any input here takes; only a hang reaches it.
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// What one capped run left behind.
pub struct Capped {
    /// The exit code; None when the process was killed by a signal or by
    /// the watchdog.
    pub code: Option<i32>,
    /// Everything the process wrote to stderr.
    pub stderr: String,
    /// Whether the watchdog killed it.
    pub timed_out: bool,
}

/// `bcpgen <args>` in `dir` under `MEMORY` and `WATCHDOG`.
pub fn run(dir: &Path, args: &[&str]) -> Capped {
    let mut child = Command::new("prlimit")
        .arg(format!("--as={MEMORY}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_bcpgen"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bcpgen under prlimit (util-linux)");
    // Read stderr on a thread so a chatty child cannot block on a full pipe.
    let mut err = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut s);
        s
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > WATCHDOG {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
    Capped {
        code: status.code(),
        stderr,
        timed_out,
    }
}
