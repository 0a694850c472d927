// Simulation behind tinyperf's run-level verdicts (docs/methodology.md, "Verdicts over runs").
// Latency is simulated with a known spread between runs (a log-normal effect per run: what one
// process's memory layout, page grants and neighbours add) and within runs (log-normal samples
// around the run's level, with 1 % stalls of 1-6x). For each spread and number of runs K per side
// it measures, over many trials:
//   - the A/A false-verdict rate (both sides the same model): faster or slower calls;
//   - the coverage of the speedup's 95 % interval, under A/A and under a true 10 % speedup;
//   - the rate at which the naive test, pooling every sample of every run (Mann-Whitney U),
//     reports p < 0.05 under A/A: what a verdict from one process per side would do;
//   - the power curve: the smallest true speedup found "faster" in 80 % of trials, against the
//     t-test's own prediction (stats::smallest_detectable_change).
// Deterministic for a given --seed. Exit 1 when, for the method tinyperf uses, a false-verdict
// rate is above alpha plus 3 binomial standard errors or a coverage below 93 %: `--quick` is a
// ctest (bench.run_level_sim_quick).
//
//   build/release/bench/run_level_sim --trials 2000 --seed 1     # the tables in methodology.md
//   build/release/bench/run_level_sim --quick
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tinyperf/core/random.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/hypothesis.h"
#include "tinyperf/stats/run_power.h"
#include "tinyperf/stats/runs.h"
#include "tinyperf/stats/summary.h"

namespace {

using tinyperf::SeededRng;
namespace stats = tinyperf::stats;

constexpr double kAlpha = 0.05;
constexpr double kNoise = 0.01;
constexpr double kWithinCv = 0.03;
constexpr std::size_t kSamplesPerRun = 101;

struct Side {
  std::vector<double> medians;
  std::vector<double> pooled;
};

// K runs of a model whose true latency is `level`: run effect ~ N(0, between_sd) on the log scale.
Side simulate_side(SeededRng& rng, double level, double between_sd, std::size_t runs,
                   bool keep_samples) {
  Side side;
  std::vector<double> samples(kSamplesPerRun);
  const double within_sd = stats::log_sd_of_cv(kWithinCv);
  for (std::size_t r = 0; r < runs; ++r) {
    const double run_level = level * std::exp(between_sd * rng.standard_normal());
    for (double& x : samples) {
      x = run_level * std::exp(within_sd * rng.standard_normal());
      if (rng.uniform01() < 0.01) x *= 1.0 + 5.0 * rng.uniform01();  // a stall
    }
    if (keep_samples) side.pooled.insert(side.pooled.end(), samples.begin(), samples.end());
    std::nth_element(samples.begin(), samples.begin() + kSamplesPerRun / 2, samples.end());
    side.medians.push_back(samples[kSamplesPerRun / 2]);
  }
  return side;
}

struct Rates {
  double false_verdicts = 0;  // A/A: faster or slower
  double coverage_aa = 0;     // A/A: interval holds 1
  double coverage_ab = 0;     // true speedup 1.1: interval holds 1.1
  double naive_false = 0;     // A/A: pooled-sample Mann-Whitney p < alpha
};

Rates measure(SeededRng& rng, double between_cv, std::size_t runs, std::size_t trials, bool naive) {
  const double sd = stats::log_sd_of_cv(between_cv);
  Rates r;
  for (std::size_t t = 0; t < trials; ++t) {
    const Side a = simulate_side(rng, 1.0, sd, runs, naive);
    const Side b = simulate_side(rng, 1.0, sd, runs, naive);
    const stats::RunComparison c = stats::compare_runs(a.medians, b.medians, kAlpha, kNoise);
    r.false_verdicts +=
        c.verdict == stats::Verdict::kFaster || c.verdict == stats::Verdict::kSlower;
    r.coverage_aa += c.speedup_ci95.lo <= 1.0 && 1.0 <= c.speedup_ci95.hi;
    if (naive) r.naive_false += stats::mann_whitney_u(a.pooled, b.pooled).p_value < kAlpha;
    const Side fast = simulate_side(rng, 1.0 / 1.1, sd, runs, false);
    const stats::RunComparison d = stats::compare_runs(a.medians, fast.medians, kAlpha, kNoise);
    r.coverage_ab += d.speedup_ci95.lo <= 1.1 && 1.1 <= d.speedup_ci95.hi;
  }
  const double n = static_cast<double>(trials);
  r.false_verdicts /= n;
  r.coverage_aa /= n;
  r.coverage_ab /= n;
  r.naive_false /= n;
  return r;
}

double faster_rate(SeededRng& rng, double between_cv, std::size_t runs, double speedup,
                   std::size_t trials) {
  const double sd = stats::log_sd_of_cv(between_cv);
  std::size_t found = 0;
  for (std::size_t t = 0; t < trials; ++t) {
    const Side a = simulate_side(rng, 1.0, sd, runs, false);
    const Side b = simulate_side(rng, 1.0 / speedup, sd, runs, false);
    found += stats::compare_runs(a.medians, b.medians, kAlpha, kNoise).verdict ==
             stats::Verdict::kFaster;
  }
  return static_cast<double>(found) / static_cast<double>(trials);
}

// The smallest change (on a 0.25 % grid, up to 400 %) found faster in >= 80 % of trials.
double smallest_found(SeededRng& rng, double between_cv, std::size_t runs, std::size_t trials) {
  // Start a little below the t-test's prediction and walk up.
  const double predicted = stats::smallest_detectable_change(between_cv, runs, runs);
  double change = std::max(0.0025, std::floor(predicted * 0.7 / 0.0025) * 0.0025);
  while (change < 4.0 && faster_rate(rng, between_cv, runs, 1.0 + change, trials) < 0.8) {
    change += 0.0025;
  }
  return change;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t trials = 2000;
  std::uint64_t seed = 1;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--trials" && i + 1 < argc) {
      trials = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--quick") {
      quick = true;
    } else {
      std::fprintf(stderr, "usage: run_level_sim [--trials N] [--seed S] [--quick]\n");
      return 2;
    }
  }
  if (quick) trials = std::min<std::size_t>(trials, 1000);
  if (trials < 100) {
    std::fprintf(stderr, "run_level_sim: --trials must be at least 100\n");
    return 2;
  }
  const std::vector<double> cvs =
      quick ? std::vector<double>{0.05} : std::vector<double>{0.01, 0.05, 0.10, 0.20};
  const std::vector<std::size_t> ks =
      quick ? std::vector<std::size_t>{3, 10} : std::vector<std::size_t>{2, 3, 5, 10, 20};
  SeededRng rng(seed);
  // A false-verdict rate is a binomial proportion: allow alpha + 3 standard errors.
  const double false_limit =
      kAlpha + 3.0 * std::sqrt(kAlpha * (1 - kAlpha) / static_cast<double>(trials));
  bool ok = true;

  std::printf(
      "Simulated: %zu samples per run, within-run cv %.0f %% plus 1 %% stalls of 1-6x; "
      "%zu trials per row; seed %llu.\n\n",
      kSamplesPerRun, 100 * kWithinCv, trials, static_cast<unsigned long long>(seed));
  std::printf(
      "| between-run cv | runs per side | A/A faster or slower | CI covers 1 (A/A) | "
      "CI covers 1.10 (10 %% faster) | pooled samples, A/A p < 0.05 |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const double cv : cvs) {
    for (const std::size_t k : ks) {
      const bool naive = k == ks.back() || quick;
      const Rates r = measure(rng, cv, k, trials, naive);
      std::printf(
          "| %.0f %% | %zu | %.1f %% | %.1f %% | %.1f %% | %s |\n", 100 * cv, k,
          100 * r.false_verdicts, 100 * r.coverage_aa, 100 * r.coverage_ab,
          naive
              ? (std::to_string(static_cast<int>(std::lround(100 * r.naive_false))) + " %").c_str()
              : "");
      if (r.false_verdicts > false_limit || r.coverage_aa < 0.93 || r.coverage_ab < 0.93) {
        ok = false;
        std::printf("  ^ FAILS: false verdicts above %.1f %% or coverage below 93 %%\n",
                    100 * false_limit);
      }
    }
  }

  std::printf(
      "\nSmallest speedup found \"faster\" in 80 %% of trials (simulated, %zu trials per "
      "step of 0.25 %%) and as the t-test's power predicts "
      "(stats::smallest_detectable_change):\n\n",
      trials / 4);
  std::printf("| between-run cv |");
  for (const std::size_t k : ks) std::printf(" K=%zu |", k);
  std::printf("\n|---|");
  for (std::size_t i = 0; i < ks.size(); ++i) std::printf("---|");
  std::printf("\n");
  for (const double cv : cvs) {
    std::printf("| %.0f %% |", 100 * cv);
    for (const std::size_t k : ks) {
      const double found = smallest_found(rng, cv, k, trials / 4);
      const double predicted = stats::smallest_detectable_change(cv, k, k);
      std::printf(" %.1f %% (%.1f %%) |", 100 * found, 100 * predicted);
    }
    std::printf("\n");
  }
  std::printf("\n%s\n", ok ? "all rows within the limits" : "SOME ROWS FAIL THE LIMITS");
  return ok ? 0 : 1;
}
