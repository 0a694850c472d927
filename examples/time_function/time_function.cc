// Times a function of your own with tinyperf's harness, then compares two versions of it.
//
// sum_of_squares_v1 adds into one accumulator, so every addition waits for the previous one;
// v2 keeps eight independent accumulators, which the CPU (and the vectorizer) can run in
// parallel. The question a benchmark should answer: is v2 really faster, and by how much?
//
//   1. measure::measure times v1 alone: warmup until the median settles, then timed samples
//      (very short calls are timed in batches; the result says how many calls per sample).
//   2. measure::measure_interleaved times v1 and v2 in shuffled rounds, so drift of the machine
//      hits both alike and sample r of v1 is paired with sample r of v2.
//   3. stats::compare turns the paired samples into a speedup with a bootstrap 95 % interval, a
//      Mann-Whitney p-value and a verdict (docs/statistics.md).
//
// Usage: time_function [ROUNDS]   (default 500 rounds; exit 0 unless something fails)
#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/core/error.h"
#include "tinyperf/measure/clock.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/runner.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"

namespace {

namespace measure = tinyperf::measure;
namespace stats = tinyperf::stats;

// Version 1: one dependency chain through `sum`.
float sum_of_squares_v1(std::span<const float> x) {
  float sum = 0.0f;
  for (float v : x) sum += v * v;
  return sum;
}

// Version 2: eight independent partial sums (the tail, x.size() % 8 values, goes into the first).
float sum_of_squares_v2(std::span<const float> x) {
  std::array<float, 8> partial{};
  const std::size_t whole = x.size() - x.size() % partial.size();
  for (std::size_t i = 0; i < whole; i += partial.size()) {
    for (std::size_t k = 0; k < partial.size(); ++k) partial[k] += x[i + k] * x[i + k];
  }
  for (std::size_t i = whole; i < x.size(); ++i) partial[0] += x[i] * x[i];
  float sum = 0.0f;
  for (float p : partial) sum += p;
  return sum;
}

std::vector<float> make_input(std::size_t n) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(i % 17) * 0.25f - 2.0f;
  return x;
}

// The harness calls a std::function<void()>; do_not_optimize keeps the result (and so the work)
// from being optimized away.
std::function<void()> timed(float (*fn)(std::span<const float>), std::span<const float> x) {
  return [fn, x] { measure::do_not_optimize(fn(x)); };
}

void print_sample(const char* name, const std::vector<double>& samples_ns) {
  const stats::Summary s = stats::summarize(samples_ns);
  std::printf("  %-3s median %8.1f ns", name, s.median);
  if (s.ci95_median) std::printf("  (95%% CI %.1f-%.1f)", s.ci95_median->lo, s.ci95_median->hi);
  std::printf("  cv %.3f  n %zu\n", s.cv, s.count);
}

void time_one(std::span<const float> x) {
  measure::RunSettings settings;
  settings.measurement_runs = 200;
  const measure::Measurement m = measure::measure(timed(sum_of_squares_v1, x), settings);
  std::printf("v1 alone: %zu samples of %zu call(s) each after %zu warmup calls (%s, %s)\n",
              m.samples_ns.size(), m.calls_per_sample, m.warmup_runs, m.warmup_policy.c_str(),
              m.warmup_settled ? "settled" : "stopped at its cap");
  std::printf("  timer: %.1f ns per read, resolution %.1f ns\n", m.timer.median_ns,
              m.timer.resolution_ns);
  print_sample("v1", m.samples_ns);
}

void compare_versions(std::span<const float> x, std::size_t rounds) {
  const std::vector<std::function<void()>> variants = {timed(sum_of_squares_v1, x),
                                                       timed(sum_of_squares_v2, x)};
  measure::InterleaveSettings settings;
  settings.rounds = rounds;
  const measure::InterleavedMeasurement m = measure::measure_interleaved(variants, settings);
  std::printf("\nv1 and v2 interleaved: %zu rounds of %zu call(s) per variant, seed %llu\n",
              m.rounds, m.calls_per_round, static_cast<unsigned long long>(m.seed));
  print_sample("v1", m.samples_ns[0]);
  print_sample("v2", m.samples_ns[1]);

  stats::CompareOptions options;
  options.paired = true;  // sample r of both versions comes from the same round r
  const stats::Comparison c = stats::compare(m.samples_ns[0], m.samples_ns[1], options);
  std::printf("speedup of v2 over v1: %.2fx (95%% CI %.2fx-%.2fx), Mann-Whitney p = %.2g\n",
              c.speedup, c.speedup_ci95.lo, c.speedup_ci95.hi, c.p_value);
  std::printf("verdict: v2 is %s (alpha %.2f, noise band +-%.0f %%)\n",
              std::string(stats::to_string(c.verdict)).c_str(), options.alpha, options.noise * 100);
  std::printf("runs per side to detect a %.0f %% change at this noise: %zu\n",
              options.required_runs_delta * 100, c.required_runs);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::size_t rounds = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500;
    const std::vector<float> x = make_input(4096);
    std::printf("sum of squares of %zu floats: v1 %.1f, v2 %.1f\n\n", x.size(),
                sum_of_squares_v1(x), sum_of_squares_v2(x));
    time_one(x);
    compare_versions(x, rounds);
    return 0;
  } catch (const tinyperf::Error& e) {  // bad settings or samples: the message names the field
    std::fprintf(stderr, "time_function: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "time_function: internal error: %s\n", e.what());
    return 3;
  }
}
