//! The `summit` command line. Not a library.
fn main() {}
