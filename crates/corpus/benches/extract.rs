//! Extraction throughput on a generated corpus, for quick before/after comparisons:
//! `cargo bench -p corpus --bench extract`. End-to-end numbers (ingest, store, queries)
//! come from the `bench` binary; see BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The allocator `summit` uses, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn extract(c: &mut Criterion) {
    let corpus: Vec<(String, String)> = corpus::generate(1, 200).collect();
    let n_bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    let extractor = ingest::Extractor::new();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(n_bytes as u64));
    group.sample_size(10);
    group.bench_function("200 generated articles, one core", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|(name, text)| extractor.extract(text, name).extraction.edges.len())
                .sum::<usize>()
        });
    });
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
