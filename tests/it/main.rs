//! The integration tests, one binary: one module per area, all on the one
//! `harness`. Linking a single binary instead of one per file keeps
//! `cargo test` builds short.

mod harness;

mod audit;
mod binder;
mod cli_approve;
mod cli_edition;
mod cli_errors;
mod cli_init;
mod cli_status;
mod compare;
mod contacts_roles;
mod diagram_print;
mod errors;
mod fingerprint_holes;
mod fingerprint_props;
mod history;
mod load_passes;
mod loader_props;
mod loose_ends;
mod pagination;
mod pdf_archive;
mod pdf_output;
mod safety_assets;
mod safety_limits;
mod safety_messages;
mod safety_output;
mod serve;
mod serve_incremental;
mod typeset;
