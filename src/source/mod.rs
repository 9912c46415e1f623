//! Reading the content folder: files, front matter, YAML with line numbers,
//! and the serde shapes of every source file.

pub mod assets;
pub mod compare_config;
pub mod config;
pub mod data_type;
pub mod files;
pub mod fingerprint;
pub mod frontmatter;
pub mod meta;
pub mod raw;
pub mod yaml;
pub mod yaml_ja;
