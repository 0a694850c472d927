// What `tinyperf analyze` and `tinyperf compare` share (both defined in cmd_analyze.cc): the flags
// that say how to read a sample file, and the analyze keys of one sample (docs/cli.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tinyperf/samples/sample_file.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::cli {

// How to read a sample file; every field is a flag of the same name (strings are checked by CLI11).
struct SampleInputFlags {
  std::string format = "auto";    // --format auto|text|csv|submission|google-benchmark|hyperfine
  std::string column;             // --column NAME (CSV; empty: the first numeric column)
  std::string side = "baseline";  // --side baseline|optimized (submission)
  std::string benchmark;          // --benchmark NAME (Google Benchmark run name; hyperfine command)
  std::string unit = "ms";        // --unit ns|us|ms|s
};

// Adds --format, --column, --side, --benchmark and --unit to `command`, bound to `flags` (which
// must outlive the parse).
void add_sample_input_flags(CLI::App& command, SampleInputFlags& flags);

// The reader options the flags stand for.
samples::SampleFileOptions to_options(const SampleInputFlags& flags);

// One sample file read and summarized. Throws what load_samples and summarize throw (InputError,
// IoError), messages naming the file.
struct AnalyzedSample {
  samples::SampleSet set;
  stats::Summary summary;
  std::optional<double>
      early_stopping_p90;  // MLPerf early-stopping estimate; empty: too few values
  std::optional<double> early_stopping_p99;
  std::vector<std::string> warnings;  // "high variance: ...", "outliers: ...", "few samples: ..."
};
AnalyzedSample analyze_sample(const std::string& path, const samples::SampleFileOptions& options);

// The analyze keys (count, mean, ..., early_stopping) plus unit, source, format and warnings.
nlohmann::json analysis_json(const AnalyzedSample& sample);

// "1.2346" style: six significant digits, no exponent for ordinary magnitudes.
std::string number_text(double value);
// "[lo, hi]" or "n/a (<why>)".
std::string interval_text(const std::optional<stats::Interval>& interval, const char* why_missing);

}  // namespace tinyperf::cli
