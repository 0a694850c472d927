// Cost of the stats module on samples of 100, 1,000 and 10,000 values per side: summarize(),
// compare() (10,000 bootstrap resamples, Mann-Whitney, Welch, Hodges-Lehmann, ...), the bootstrap
// interval alone, and, as the side-by-side baseline for the bootstrap, the textbook resampler
// (gather each resample, std::nth_element for its median) that the library's counting resampler
// replaces.
#include <algorithm>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"

namespace {

using Sample = std::vector<double>;

Sample latencies(std::size_t n, double scale, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> dist(0.0, 0.1);
  Sample v(n);
  for (double& x : v) x = scale * dist(rng);
  return v;
}

void BM_Summarize(benchmark::State& state) {
  const Sample a = latencies(static_cast<std::size_t>(state.range(0)), 10.0, 1);
  for (auto _ : state) benchmark::DoNotOptimize(tinyperf::stats::summarize(a));
}
BENCHMARK(BM_Summarize)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMicrosecond);

void BM_Compare(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Sample a = latencies(n, 10.0, 1);
  const Sample b = latencies(n, 9.7, 2);
  for (auto _ : state) benchmark::DoNotOptimize(tinyperf::stats::compare(a, b));
}
BENCHMARK(BM_Compare)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_BootstrapCounting(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Sample a = latencies(n, 10.0, 1);
  const Sample b = latencies(n, 9.7, 2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(tinyperf::stats::bootstrap_speedup_interval(a, b, 10'000, 7, false));
  }
}
BENCHMARK(BM_BootstrapCounting)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

// The textbook way, for comparison only: per resample, gather n values per side with
// std::uniform_int_distribution and take each median with std::nth_element (buffers reused).
double nth_median(Sample& v) {
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return (*std::max_element(v.begin(), mid) + *mid) / 2.0;
}

void BM_BootstrapNthElement(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Sample a = latencies(n, 10.0, 1);
  const Sample b = latencies(n, 9.7, 2);
  for (auto _ : state) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    Sample ra(n), rb(n), ratios(10'000);
    for (double& ratio : ratios) {
      for (double& x : ra) x = a[pick(rng)];
      for (double& x : rb) x = b[pick(rng)];
      ratio = nth_median(ra) / nth_median(rb);
    }
    std::sort(ratios.begin(), ratios.end());
    benchmark::DoNotOptimize(ratios[250]);
  }
}
BENCHMARK(BM_BootstrapNthElement)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
