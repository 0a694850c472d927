// Judging the variants against the baseline (docs/statistics.md) and choosing the one to submit.
// Private to the workflow module.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/stats/compare.h"
#include "tinyperf/submission/bench.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/workflow/run.h"
#include "variants.h"

namespace tinyperf::workflow {

// One summary per variant (reports[i] measured variants[i]; index 0 is the baseline, role
// "baseline", the others "candidate"): metrics from the report, and for the others the comparison
// of their latency samples with the baseline's (stats::compare with `options`; set paired when the
// rounds were interleaved), compression ratio, accuracy delta and efficiency score, and whether
// each lies on the Pareto frontier of (accuracy: higher, median latency: lower), the frontier the
// HTML report draws. With `runs` (runs[i - 1] compares variants[i] with the baseline over worker
// runs, measure_latency_runs) the interval, p-value and verdict are those of the runs; the speedup
// stays the ratio of the reports' median latencies. Throws InputError when the sizes differ or a
// report lacks a metric.
std::vector<VariantSummary> judge(std::span<const Variant> variants,
                                  std::span<const submission::BenchmarkReport> reports,
                                  const stats::CompareOptions& options,
                                  std::span<const submission::BenchComparison> runs = {});

// The index of the variant to submit: the best efficiency_score among the optimized variants on the
// frontier (the first of equals). When no optimized variant is on it (the baseline dominates them
// all), the best efficiency_score of all optimized variants, with a warning appended saying so.
// Throws InputError when there is no optimized variant. Sets the chosen one's role to "optimized".
std::size_t choose_submitted(std::vector<VariantSummary>& summaries,
                             std::vector<std::string>& warnings);

}  // namespace tinyperf::workflow
