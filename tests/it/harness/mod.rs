//! The one harness every integration test uses: a runner for the built
//! `bcpgen` binary (plain or capped), the day every test treats as today,
//! file helpers, and the two kinds of temporary site (a small generated one,
//! and a copy of a fixture folder under `tests/fixtures/`).
//!
//! All tests run as threads of one process, so nothing here changes the
//! current directory or the environment of the test process: each child
//! gets its own `current_dir` and environment instead.

pub mod capped;
pub mod default_build;
pub mod fixture;
pub mod run;
pub mod served;
pub mod site;

pub use default_build::default_build;
pub use fixture::Fixture;
pub use run::{assert_no_leftovers, copy_dir, fixtures, run_in, snapshot, Output, DATE};
pub use site::{Site, SITE};
