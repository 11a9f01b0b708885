//! Integration tests of the store crate: old store fixtures still open.

mod fixture;
mod fixture_data;
