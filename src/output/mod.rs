//! Writing the result: the manifest, an output folder that is checked
//! before anything is written and replaced whole or not at all, and the
//! in-place replacement of one source file.

pub mod manifest;
pub mod place;
pub mod replace;
pub mod swap;
