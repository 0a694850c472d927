// Interleaved A/B(/C...) measurement: every round runs each variant once (a block of
// calls_per_round calls) in a freshly shuffled order, so slow drift (thermal, frequency, background
// load, a model whose cost creeps up) hits every variant alike, and samples_ns[v][r] of different
// variants come from the same round r: they are paired (stats::CompareOptions::paired).
// The sequential order (all rounds of A, then all of B) is offered for comparison: it is what most
// tools do, and it is biased under drift (see docs/methodology.md and interleave_test.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/measure/clock.h"
#include "tinyperf/measure/runner.h"

namespace tinyperf::measure {

enum class RunOrder {
  kInterleaved,  // rounds; each round runs every variant once, in a seeded random order
  kSequential,   // variant 0 for all rounds, then variant 1, ... (biased under drift)
};

// "interleaved" or "sequential".
const char* to_string(RunOrder order);

struct InterleaveSettings {
  WarmupPolicy warmup;                 // applied to each variant in turn before the first round
  std::size_t rounds = 100;            // at least this many rounds (samples per variant), >= 1
  double min_duration_s = 0.0;         // interleaved: keep going until this much time has passed...
  std::size_t max_rounds = 1'000'000;  // ...but never more rounds than this
  // Calls of one variant per round, timed as one block: 1 times each call; 0 = auto (the batch
  // runner.h would choose for the shortest variant, shared by all variants so blocks compare).
  std::size_t calls_per_round = 0;
  std::uint64_t seed = 0x1D1E'5EEDu;  // seeds the round orders; recorded in the result
  RunOrder order = RunOrder::kInterleaved;
  // Interleaved: untimed calls of a variant right before its timed block in every round. A
  // variant that runs right after another finds the caches holding the other's data (two
  // 784-256-128-10 models do not fit one 2 MiB L2 together); without these calls its first call
  // pays the refill and the comparison measures the cross-variant eviction, not the variants
  // (bench/aa_check.sh SESSIONS=2 shows it). 1 measures each variant in its own warm state, as
  // it runs when deployed alone; 0 times the cold hand-over. Ignored in sequential order.
  std::size_t warm_calls_per_round = 1;
};

struct InterleavedMeasurement {
  // samples_ns[v][r]: variant v's per-call time in round r (block time / calls_per_round).
  std::vector<std::vector<double>> samples_ns;
  std::size_t rounds = 0;
  std::size_t calls_per_round = 1;
  std::size_t warm_calls_per_round = 0;  // untimed calls before each timed block (0 in sequential)
  RunOrder order = RunOrder::kInterleaved;
  std::uint64_t seed = 0;
  std::string warmup_policy;
  std::vector<std::size_t> warmup_runs;  // per variant
  std::vector<bool> warmup_settled;      // per variant
  // first_in_round[v]: rounds in which variant v ran first (a check that the order is balanced).
  std::vector<std::size_t> first_in_round;
  TimerOverhead timer;
  double measured_seconds = 0.0;  // from the first block's start to the last block's end
};

// Checks `settings` (InputError naming the field): rounds >= 1, max_rounds >= rounds, finite
// non-negative durations, a valid warmup policy.
void validate(const InterleaveSettings& settings);

// Measures every variant (at least one; InputError when empty). Deterministic order for a given
// seed: round orders come from std::mt19937_64 and a Fisher-Yates shuffle written here (not
// std::shuffle, whose result differs between standard libraries). Exceptions from a variant
// propagate. In sequential order min_duration_s is ignored: each variant runs exactly `rounds`.
InterleavedMeasurement measure_interleaved(std::span<const std::function<void()>> variants,
                                           const InterleaveSettings& settings, Clock& clock);

// The same with a SteadyClock.
InterleavedMeasurement measure_interleaved(std::span<const std::function<void()>> variants,
                                           const InterleaveSettings& settings = {});

// The order in which separate runs (worker processes) of `variants` variants are started when each
// is run `runs` times: `runs` rounds, each a fresh seeded permutation of 0 .. variants-1 (the
// Fisher-Yates shuffle of SeededRng), so every variant's runs spread over the whole session and
// slow drift of the machine hits every variant alike. Returns variants × runs indices. Throws
// InputError when either count is 0.
std::vector<std::size_t> run_schedule(std::size_t variants, std::size_t runs, std::uint64_t seed);

}  // namespace tinyperf::measure
