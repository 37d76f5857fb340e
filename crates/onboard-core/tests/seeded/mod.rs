//! Property tests run from a fixed, printed seed, so a run on CI draws the same cases as
//! the last run here and never fails by chance. To explore new cases locally:
//! `PROPTEST_SEED=random make test-native`; to replay a run: `PROPTEST_SEED=<n>` with the
//! number it printed. Cases once found failing stay in the `*.proptest-regressions` files
//! and are tried first whatever the seed.
use proptest::test_runner::{Config, RngSeed};

/// The seed CI uses (any fixed number would do; this one is printed with every run).
pub const DEFAULT_SEED: u64 = 20_261_129;

/// The seed of this run: `PROPTEST_SEED` (a number, or `random`), else [`DEFAULT_SEED`].
#[allow(clippy::disallowed_methods)] // the test harness, not the core: `random` reads the clock
pub fn seed() -> u64 {
    match std::env::var("PROPTEST_SEED") {
        Ok(v) if v == "random" => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(DEFAULT_SEED),
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("PROPTEST_SEED must be a number or 'random', not {v:?}")),
        Err(_) => DEFAULT_SEED,
    }
}

/// A proptest configuration with `cases` cases from this run's seed. The line it prints
/// is shown with any failure (cargo shows a failing test's output), so it says how to replay.
pub fn config(cases: u32) -> Config {
    let seed = seed();
    println!("proptest: seed {seed}, {cases} cases; replay with PROPTEST_SEED={seed}");
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    }
}
