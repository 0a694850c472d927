// Reading samples (one measurement per value) that any tool produced, for `tinyperf analyze` and
// `tinyperf compare` (docs/cli.md). Formats: plain text, CSV with a header, a tinyperf submission,
// Google Benchmark JSON (per-repetition results) and hyperfine JSON.
//
// Every input is untrusted: files are read with core's size limit (read_text_file) and JSON with
// its depth and duplicate-key guards (parse_json); numbers are parsed strictly (the whole cell, no
// trailing junk, no NaN or infinity). Every failure is an exception with a one-line message that
// names the file and, where it applies, the line, column or JSON path; text quoted from the file is
// shortened and its control bytes escaped so that the message stays one printable line.
#pragma once

#include <string>
#include <vector>

namespace tinyperf::samples {

enum class SampleFormat { kAuto, kText, kCsv, kSubmission, kGoogleBenchmark, kHyperfine };

// "auto", "text", "csv", "submission", "google-benchmark", "hyperfine".
const char* to_string(SampleFormat format);
// The inverse of to_string. Throws InputError for any other text, listing the accepted names.
SampleFormat parse_sample_format(const std::string& text);

// Time units accepted by --unit; every reader converts to the requested unit when the source states
// its own (Google Benchmark's time_unit, hyperfine's seconds, a submission's milliseconds).
enum class TimeUnit { kNs, kUs, kMs, kS };
// "ns", "us", "ms", "s".
const char* to_string(TimeUnit unit);
// Parses "ns", "us", "ms", "s" (InputError otherwise, naming the flag value).
TimeUnit parse_time_unit(const std::string& text);
// `value` expressed in `from`, converted to `to` (multiplies or divides by an exact power of ten).
double convert_time(double value, TimeUnit from, TimeUnit to);

struct SampleFileOptions {
  SampleFormat format = SampleFormat::kAuto;  // kAuto: decided from the content (see load_samples)
  TimeUnit unit = TimeUnit::kMs;              // the unit of plain/CSV values, and the output unit
  std::string column;                         // CSV: column name; empty = first numeric column
  std::string side = "baseline";              // submission: "baseline" or "optimized"
  std::string benchmark;                      // Google Benchmark: run_name (else name); empty = the
                                              // only one. hyperfine: a result's "command"; empty =
                                              // the first result.
};

struct SampleSet {
  std::vector<double> values;  // in `unit`, in file order
  TimeUnit unit = TimeUnit::kMs;
  SampleFormat format = SampleFormat::kText;  // the format actually read (never kAuto)
  std::string source;  // human description, e.g. "bench.json: BM_Foo (10 repetitions)"
};

// Reads the samples of `path`.
// Detection for kAuto: a JSON document (first non-blank byte '{' or '[') must be an object; with
// "benchmarks" it is Google Benchmark, with "results" hyperfine, with a submission's format
// markers (submission::detect_submission_format) a submission; other JSON is refused. Text whose
// first line that is neither blank nor a '#' comment holds a non-numeric cell is CSV (that line is
// its header); else plain text (one number per line, blank lines and '#' comment lines skipped). A
// leading UTF-8 byte-order mark is ignored. Per format:
//  - text: every other line is one number (surrounding spaces and tabs allowed).
//  - CSV (RFC 4180: quoted fields, "" escapes, CRLF or LF): blank lines and '#' lines before the
//    header are skipped, blank lines after it too; the column is `column`, else the first column
//    whose cell in the first data row is a number; every data row must have a number there.
//  - submission: tinyperf v1 `$.<side>.samples.latency_ms` (milliseconds), read with
//    submission::parse_submission (its errors name the JSON path). A TinyTorch capstone
//    submission has summary metrics only and is refused (InputError saying so).
//  - Google Benchmark: real_time of the entries with run_type "iteration" (aggregates and
//    complexity rows skipped) whose run_name (else name) is `benchmark`, from their time_unit.
//    An entry with error_occurred is refused with its error_message.
//  - hyperfine: `times` (seconds) of the chosen result.
// Throws IoError (unreadable, a directory) or InputError (too large, empty, non-numeric, NaN/inf,
// out of double range, malformed JSON or CSV, unknown format, missing column/benchmark/side,
// several benchmarks and none chosen -- the message lists them), each message naming the file and,
// where it applies, the line or key.
SampleSet load_samples(const std::string& path, const SampleFileOptions& options = {});

}  // namespace tinyperf::samples
