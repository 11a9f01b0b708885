//! Integration tests of `query`: one binary, one module per topic. Graphs are built
//! by hand from `model` types in [`fixture`].

mod exports;
mod fixture;
mod meetings;
mod outline;
mod walks;
