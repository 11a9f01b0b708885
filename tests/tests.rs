//! End-to-end tests of the summit binary.
