//! Crash safety: `summit ingest` killed with SIGKILL at random moments never loses or
//! damages what it committed. After every kill the store opens and answers `stats`;
//! finishing the ingest then gives byte for byte the export of a clean ingest.

use std::{
    fs,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::util::{summit_bin, Sandbox};

/// Generated articles (about 3 KB each).
const ARTICLES: usize = 2_000;
/// Kills that must land while `ingest` is running.
const KILLS: usize = 20;

/// splitmix64: a fixed sequence of kill moments, the same on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[test]
fn killing_ingest_at_random_moments_loses_nothing() {
    let sandbox = Sandbox::empty();
    let corpus = sandbox.path("corpus");
    fs::create_dir(&corpus).unwrap();
    for (name, text) in corpus::generate(2026, ARTICLES) {
        fs::write(corpus.join(name), text).unwrap();
    }

    let started = Instant::now();
    sandbox.ok_on("clean", &["ingest", "corpus", "--quiet"]);
    let clean_time = started.elapsed();
    let clean = sandbox.ok_on("clean", &["export", "json"]);

    // Each kill lands somewhere in the first part of a run; a run resumes where the
    // last one stopped, so the store keeps growing between kills.
    let mut state = 7;
    let mut kills = 0;
    let mut runs = 0;
    let mut stored: Vec<u64> = Vec::new();
    // On a loaded machine a run can be killed before it writes anything new: then the
    // next one waits half as long again (up to 4×), so that kills keep landing while
    // articles are being written.
    let mut stretch = 1.0f64;
    while kills < KILLS {
        runs += 1;
        assert!(
            runs <= KILLS * 3,
            "only {kills} of {runs} runs were still going when killed"
        );
        let fraction = 0.02 + 0.08 * (next(&mut state) % 1000) as f64 / 1000.0;
        let delay = clean_time
            .mul_f64(fraction * stretch)
            .max(Duration::from_millis(50));
        let mut child = Command::new(summit_bin())
            .current_dir(sandbox.dir.path())
            .env_remove("SUMMIT_STORE")
            .args(["--store", "killed", "ingest", "corpus", "--quiet"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        let stats = sandbox.ok_on("killed", &["stats", "--json"]);
        let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
        let now = stats["articles"].as_u64().unwrap();
        stretch = if stored.last() == Some(&now) {
            (stretch * 1.5).min(4.0)
        } else {
            1.0
        };
        stored.push(now);
    }
    eprintln!("articles stored after each kill: {stored:?}");
    // The kills landed while articles were being written, not only before the first.
    assert!(
        stored.windows(2).filter(|w| w[1] > w[0]).count() >= KILLS / 4,
        "{stored:?}"
    );
    assert!(
        stored.windows(2).all(|w| w[1] >= w[0]),
        "a kill lost committed articles: {stored:?}"
    );

    sandbox.ok_on("killed", &["check"]);
    sandbox.ok_on("killed", &["ingest", "corpus", "--quiet"]);
    let after = sandbox.ok_on("killed", &["export", "json"]);
    assert!(
        clean == after,
        "the export after {kills} kills differs from a clean ingest's ({} vs {} bytes)",
        after.len(),
        clean.len()
    );
}
