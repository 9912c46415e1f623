//! Writing the result: the manifest, and an output folder that is replaced
//! whole or not at all.

pub mod manifest;
pub mod swap;
