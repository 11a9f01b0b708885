//! Extraction throughput on one core: `cargo run --release -p ingest --example throughput -- DIR`.

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of articles");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if let Ok(text) = std::fs::read_to_string(&path) {
            texts.push(text);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let extractor = ingest::Extractor::new();
    let _ = extractor.extract("warm up the dictionaries", "-");
    let start = std::time::Instant::now();
    let mut items = 0usize;
    for text in &texts {
        let x = extractor.extract(text, "bench").extraction;
        items += x.nodes.len() + x.edges.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.1} MB in {secs:.3} s: {:.1} MB/s, {:.0} articles/s, {items} items",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        texts.len() as f64 / secs
    );
}
