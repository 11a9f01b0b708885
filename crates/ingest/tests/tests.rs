//! Extraction tests, data driven: each `articles/*.txt` comes with an `.expect` file
//! of the facts it must yield (format in `articles/README.md`).

mod articles;
mod seeds;
