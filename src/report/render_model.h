// What the report renderers show, read from a submission and recomputed with tinyperf::stats from
// its raw samples. HTML, Markdown and terminal renderers all start from one
// ReportView, so the three can never disagree. Private to the report module.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::report::detail {

using Role = submission::SideRole;

// Percentiles of one latency sample, in ms, for a box plot.
struct LatencyBox {
  double p1 = 0.0, p25 = 0.0, median = 0.0, p75 = 0.0, p99 = 0.0;
  double min = 0.0, max = 0.0;
  std::optional<stats::Interval> median_ci95;  // order-statistic interval (null for n < 6)
  std::vector<double> outside;                 // runs below p1 or above p99
};

// One variant compared with the baseline: submission::improvements_of of the two, their latencies
// as the view has them (from the raw samples when there are some).
struct VersusBaseline {
  std::optional<double> speedup;                // latency(base) / latency(this): medians when
                                                // both have one, else means; empty otherwise
  std::optional<stats::Interval> speedup_ci95;  // bootstrap; only with samples on both sides
  std::optional<double> p_value;                // Mann-Whitney U; only with samples
  std::optional<stats::Verdict> verdict;        // the statistics.md rule; only with samples
  std::optional<double> compression_ratio;      // size(base) / size(this)
  std::optional<double> accuracy_delta;         // accuracy(this) - accuracy(base), fraction
  std::optional<double> efficiency_score;       // needs the three above
};

struct VariantView {
  Role role = Role::kBaseline;
  std::string name;                       // model_name as in the file (unescaped)
  std::vector<std::string> techniques;    // techniques_applied
  std::optional<double> accuracy;         // fraction in [0, 1]
  std::optional<double> size_mb;          // model_size_mb, MiB
  std::optional<double> peak_memory_mb;   // MiB
  std::optional<double> throughput;       // samples/s, from a batch run
  std::optional<double> energy_j;         // J per inference
  std::string energy_method;              // "rapl", "estimate" or ""
  std::vector<double> samples_ms;         // raw latency samples; empty when the file has none
  std::optional<stats::Summary> summary;  // of samples_ms
  std::optional<LatencyBox> box;          // of samples_ms
  std::optional<double> latency_ms;       // median of the samples, else the file's median/mean
  std::string latency_source;             // "samples", "latency_ms_median" or "latency_ms_mean"
  std::optional<double> mean_ms;          // mean of the samples, else the file's latency_ms_mean
  std::optional<VersusBaseline> versus;   // empty for the baseline
  // Median latency of each run (worker process) the samples came from; empty when the file does
  // not say. With runs on both sides, versus's interval, p-value and verdict are over runs.
  std::vector<double> run_medians_ms;
};

// How latencies are shown: microseconds when every median is below 1 ms, else milliseconds.
struct LatencyUnit {
  double per_ms = 1.0;  // multiply a value in ms by this
  std::string name;     // "µs" or "ms"
  int decimals = 2;     // shown for every latency: 3 significant digits for the smallest median
};

struct ReportView {
  std::vector<VariantView> variants;  // baseline, optimized (if any), then candidates
  std::vector<std::size_t> frontier;  // indices into variants: the accuracy-latency
                                      // Pareto frontier among variants with both values
  LatencyUnit unit;
  std::string timestamp;
  std::string submitter;
  std::optional<submission::Tool> tool;  // the blocks as in the file; empty when absent (the
                                         // key/value tables show their submission::to_json)
  std::optional<submission::SystemInfo> system_info;
  std::optional<submission::Workload> workload;
  std::optional<submission::RunSettings> settings;
  nlohmann::json scenarios;  // LoadGen results by scenario, as in the file ({} when absent)
  std::vector<std::string> warnings;  // the file's warnings
  std::vector<std::string> notes;     // the report's own remarks (e.g. missing samples)
  bool paired = false;                // comparisons resampled paired rounds
};

// Reads `submission` (normally one validate_submission accepts) and recomputes the statistics.
// Missing optional parts are tolerated: no optimized side, no candidates, a variant without raw
// samples (latency then from latency_ms_median or latency_ms_mean, without intervals or verdict),
// missing accuracy, size, memory or throughput. Values of the wrong type or out of range never
// get here: parse_submission refuses them, naming the JSON path.
ReportView build_report_view(const submission::Submission& submission);
// The same from a document: parse_submission first (its InputError naming the JSON path).
ReportView build_report_view(const nlohmann::json& document);

// The unit for latencies whose medians are `medians_ms`: µs when every one is below 1 ms, else ms,
// with the decimals that give the smallest three significant digits (0 to 4).
LatencyUnit latency_unit(std::span<const double> medians_ms);

// A variant's latency in the view's unit (e.g. 4.52 for 0.00452 ms shown in µs).
double in_unit(const ReportView& view, double ms);

}  // namespace tinyperf::report::detail
