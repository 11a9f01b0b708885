//! The command line as clap sees it. `main` turns these structs into work once; nothing
//! else reads clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use model::NodeKind;

/// Builds a knowledge graph of persons, countries, meetings and topics from news articles,
/// keeps it in a local store, answers questions about it and exports it.
#[derive(Debug, Parser)]
#[command(name = "summit", version, max_term_width = 100)]
pub(crate) struct Cli {
    /// The store directory (created by `ingest`, `load` and `import`).
    #[arg(
        long,
        global = true,
        env = "SUMMIT_STORE",
        default_value = "summit.db",
        value_name = "DIR"
    )]
    pub(crate) store: PathBuf,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Reads articles (files, folders, `-` for standard input) into the store.
    Ingest {
        /// Files or folders (read recursively, hidden entries skipped); `-` reads standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print only warnings, errors and the summary: no line per article, no notes.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Counts the articles, nodes and edges in the store.
    Stats {
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Shows one node: aliases, properties, and every edge with the sentences it came from.
    Show {
        /// A name, alias or node id.
        name: String,
        /// Only consider nodes of this kind.
        #[arg(long, value_parser = parse_node_kind)]
        kind: Option<NodeKind>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Explains how two nodes are related, with the sentences behind each edge.
    Why {
        /// The first name.
        a: String,
        /// The second name.
        b: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Lists the nodes near one node.
    Neighbors {
        /// A name, alias or node id.
        name: String,
        /// How many edges away to look.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Only list nodes of this kind (repeatable).
        #[arg(long, value_parser = parse_node_kind)]
        kind: Vec<NodeKind>,
        /// List at most this many nodes.
        #[arg(long)]
        limit: Option<usize>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Finds a shortest chain of edges between two nodes.
    Path {
        /// Where the path starts.
        a: String,
        /// Where the path ends.
        b: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Lists meetings, visits, talks and phone calls.
    Meetings {
        #[command(flatten)]
        filter: MeetingArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Writes the graph, or part of it, in another format.
    ///
    /// `svg` and `png` run Graphviz's `dot` program. `neo4j` writes CSV files for
    /// `neo4j-admin import` into a directory.
    Export(ExportArgs),
    /// Reads a graph written by `export json` into the store.
    Import {
        /// The format of the file.
        format: ImportFormat,
        /// The file; `-` reads standard input.
        file: PathBuf,
    },
    /// Removes one article, and what only it supported, from the store.
    Forget {
        /// The article id (16 hex digits) or the source path it was ingested from.
        article: String,
    },
    /// Checks that every record of the store decodes and every index agrees with the facts.
    Check,
    /// Rewrites the store into new files that hold only its live records, giving back
    /// the space that sled's log keeps after long ingests and forgets.
    Compact,
    /// Extracts articles without a store: one JSON line per article (the map step).
    Extract {
        /// Files or folders (read recursively, hidden entries skipped); `-` reads standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print only warnings, errors and the summary: no line per article, no notes.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Merges extraction lines written by `extract` into the store (the reduce step).
    Load {
        /// Files of JSON lines; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print only warnings, errors and the summary: no line per article, no notes.
        #[arg(short, long)]
        quiet: bool,
    },
}

/// How a query prints its answer.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct MeetingArgs {
    /// Only meetings this person attended.
    #[arg(long)]
    pub(crate) person: Option<String>,
    /// Only meetings this country attended, hosted or discussed.
    #[arg(long)]
    pub(crate) country: Option<String>,
    /// Only meetings about this topic.
    #[arg(long)]
    pub(crate) topic: Option<String>,
    /// Only meetings on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub(crate) since: Option<String>,
    /// Only meetings on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub(crate) until: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The output format.
    pub(crate) format: ExportFormat,
    /// For `neo4j`: the directory to write the CSV files into.
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// Only the part of the graph around this node.
    #[arg(long, value_name = "NAME")]
    pub(crate) focus: Option<String>,
    /// With `--focus`: how many edges away from it to go.
    #[arg(long, default_value_t = 2)]
    pub(crate) depth: usize,
    /// Only nodes of this kind (repeatable).
    #[arg(long, value_parser = parse_node_kind)]
    pub(crate) kind: Vec<NodeKind>,
    /// Only meetings on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub(crate) since: Option<String>,
    /// Only meetings on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub(crate) until: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Dot,
    Json,
    Jsonl,
    Graphml,
    Gexf,
    Ntriples,
    Svg,
    Png,
    Neo4j,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFormat {
    Json,
}

fn parse_node_kind(s: &str) -> Result<NodeKind, String> {
    s.parse::<NodeKind>().map_err(|_| {
        let names: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// Accepts a civil date written `YYYY-MM-DD` and returns it unchanged.
fn parse_date(s: &str) -> Result<String, String> {
    let bad = || format!("{s:?} is not a date: write YYYY-MM-DD");
    let parts: Vec<&str> = s.split('-').collect();
    let [year, month, day] = parts[..] else {
        return Err(bad());
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(bad());
    }
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year) && digits(month) && digits(day)) {
        return Err(bad());
    }
    let (year, month, day): (u32, u32, u32) = (
        year.parse().map_err(|_| bad())?,
        month.parse().map_err(|_| bad())?,
        day.parse().map_err(|_| bad())?,
    );
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day == 0 || day > days_in_month {
        return Err(bad());
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2023-03-29").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2023-3-29").is_err());
        assert!(parse_date("yesterday").is_err());
    }
}
