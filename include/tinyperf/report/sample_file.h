// Reading samples (one measurement per value) that any tool produced, for `tinyperf analyze` and
// `tinyperf compare` (spec/cli.md). Formats: plain text, CSV with a header, a tinyperf submission,
// Google Benchmark JSON (per-repetition results) and hyperfine JSON.
#pragma once

#include <string>
#include <vector>

namespace tinyperf::report {

enum class SampleFormat { kAuto, kText, kCsv, kSubmission, kGoogleBenchmark, kHyperfine };

// "auto", "text", "csv", "submission", "google-benchmark", "hyperfine".
const char* to_string(SampleFormat format);

// Time units accepted by --unit; every reader converts to the requested unit when the source states
// its own (Google Benchmark's time_unit, hyperfine's seconds, a submission's milliseconds).
enum class TimeUnit { kNs, kUs, kMs, kS };
const char* to_string(TimeUnit unit);
// Parses "ns", "us", "ms", "s" (InputError otherwise, naming the flag value).
TimeUnit parse_time_unit(const std::string& text);

struct SampleFileOptions {
  SampleFormat format = SampleFormat::kAuto;  // kAuto: decided from the content (see load_samples)
  TimeUnit unit = TimeUnit::kMs;              // the unit of plain/CSV values, and the output unit
  std::string column;                         // CSV: column name; empty = first numeric column
  std::string side = "baseline";              // submission: "baseline" or "optimized"
  std::string benchmark;                      // Google Benchmark: run name; empty = the only one
};

struct SampleSet {
  std::vector<double> values;  // in `unit`, in file order
  TimeUnit unit = TimeUnit::kMs;
  SampleFormat format = SampleFormat::kText;  // the format actually read
  std::string source;          // human description, e.g. "bench.json: BM_Foo (10 repetitions)"
};

// Reads the samples of `path`. Detection for kAuto: a JSON object with "benchmarks" is Google
// Benchmark, with "results" is hyperfine, with "schema_version" or "submission_type" a submission;
// other JSON is refused; text whose first non-comment line has a non-numeric cell is CSV; else plain
// text (one number per line, blank lines and '#' comments skipped).
// Throws IoError (unreadable) or InputError (empty, non-numeric, NaN/inf, unknown format, missing
// column/benchmark/side), each message naming the file and, where it applies, the line or key.
SampleSet load_samples(const std::string& path, const SampleFileOptions& options = {});

}  // namespace tinyperf::report
