// tinyperf analyze FILE: descriptive statistics of one sample file (docs/cli.md, statistics.md).
// Also defines the sample-reading flags and the analyze keys that `tinyperf compare` reuses.
#include "cmd_analyze.h"

#include <algorithm>
#include <iostream>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/text.h"
#include "tinyperf/stats/mlperf.h"
#include "tinyperf/stats/quality.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

// analyze's sample-quality warnings: high variance above cv 0.1, outliers, few samples below 10
// (no advice on runs needed: compare gives it for two samples).
constexpr stats::SampleWarningOptions kAnalyzeWarnings{
    .max_cv = 0.1, .detect_change = 0.0, .min_count = 10, .outliers = true};
constexpr double kEarlyStoppingP90 = 0.90;
constexpr double kEarlyStoppingP99 = 0.99;

struct AnalyzeFlags {
  std::string file;
  SampleInputFlags input;
  bool json = false;
};

json interval_json(const std::optional<stats::Interval>& interval) {
  return interval ? json::array({interval->lo, interval->hi}) : json(nullptr);
}

std::string early_stopping_text(const std::optional<double>& estimate, double p, std::size_t count,
                                const char* unit) {
  if (estimate) return fmt::format("{} {}", number_text(*estimate), unit);
  return fmt::format("needs {} samples (have {})", stats::early_stopping_min_queries(p), count);
}

void print_analysis(const AnalyzedSample& a) {
  const stats::Summary& s = a.summary;
  const char* unit = samples::to_string(a.set.unit);
  const auto row = [](const char* label, const std::string& value) {
    std::cout << fmt::format("  {:<18}{}\n", label, value);
  };
  std::cout << terminal_safe(a.set.source) << "\n";
  row("count", std::to_string(s.count));
  row("mean ± std", fmt::format("{} ± {} {}", number_text(s.mean), number_text(s.std), unit));
  row("cv", fmt::format("{} ({:.2f} %)", number_text(s.cv), 100.0 * s.cv));
  row("median", fmt::format("{} {}, 95% CI {}", number_text(s.median), unit,
                            interval_text(s.ci95_median, "needs n >= 6")));
  row("min / max", fmt::format("{} / {} {}", number_text(s.min), number_text(s.max), unit));
  row("p50 / p90", fmt::format("{} / {} {}", number_text(s.p50), number_text(s.p90), unit));
  row("p95 / p99", fmt::format("{} / {} {}", number_text(s.p95), number_text(s.p99), unit));
  row("mean 95% CI",
      interval_text(s.ci95_mean, "needs n >= 2") + (s.ci95_mean ? fmt::format(" {}", unit) : ""));
  row("outliers",
      fmt::format("{} low severe, {} low mild, {} high mild, {} high severe", s.outliers.low_severe,
                  s.outliers.low_mild, s.outliers.high_mild, s.outliers.high_severe));
  row("early stop p90",
      early_stopping_text(a.early_stopping_p90, kEarlyStoppingP90, s.count, unit));
  row("early stop p99",
      early_stopping_text(a.early_stopping_p99, kEarlyStoppingP99, s.count, unit));
  std::cout << (a.warnings.empty() ? "warnings: none\n" : "warnings:\n");
  for (const auto& warning : a.warnings) std::cout << "  " << warning << "\n";
}

int run_analyze(const AnalyzeFlags& flags) {
  const AnalyzedSample sample = analyze_sample(flags.file, to_options(flags.input));
  if (flags.json) {
    print_json(analysis_json(sample));
  } else {
    print_analysis(sample);
  }
  return kExitOk;
}

}  // namespace

void add_sample_input_flags(CLI::App& command, SampleInputFlags& flags) {
  command.add_option("--format", flags.format, "input format (auto: detected from the content)")
      ->check(CLI::IsMember({"auto", "text", "csv", "submission", "google-benchmark", "hyperfine"}))
      ->capture_default_str();
  command.add_option("--column", flags.column,
                     "CSV column name (default: the first numeric column)");
  command.add_option("--side", flags.side, "submission side whose raw latency_ms samples are read")
      ->check(CLI::IsMember({"baseline", "optimized"}))
      ->capture_default_str();
  command.add_option(
      "--benchmark", flags.benchmark,
      "Google Benchmark run name, or hyperfine command (default: the only / first one)");
  command.add_option("--unit", flags.unit, "unit of plain and CSV values, and of the output")
      ->check(CLI::IsMember({"ns", "us", "ms", "s"}))
      ->capture_default_str();
}

samples::SampleFileOptions to_options(const SampleInputFlags& flags) {
  samples::SampleFileOptions options;
  options.format = samples::parse_sample_format(flags.format);
  options.unit = samples::parse_time_unit(flags.unit);
  options.column = flags.column;
  options.side = flags.side;
  options.benchmark = flags.benchmark;
  return options;
}

AnalyzedSample analyze_sample(const std::string& path, const samples::SampleFileOptions& options) {
  AnalyzedSample a{samples::load_samples(path, options), {}, {}, {}, {}};
  a.summary = stats::summarize(a.set.values);
  std::vector<double> sorted = a.set.values;
  std::sort(sorted.begin(), sorted.end());
  a.early_stopping_p90 = stats::early_stopping_estimate_sorted(sorted, kEarlyStoppingP90);
  a.early_stopping_p99 = stats::early_stopping_estimate_sorted(sorted, kEarlyStoppingP99);
  a.warnings = stats::sample_warnings(a.set.values, "", kAnalyzeWarnings);
  return a;
}

json analysis_json(const AnalyzedSample& a) {
  const stats::Summary& s = a.summary;
  return json{{"count", s.count},
              {"mean", s.mean},
              {"std", s.std},
              {"cv", s.cv},
              {"median", s.median},
              {"min", s.min},
              {"max", s.max},
              {"p50", s.p50},
              {"p90", s.p90},
              {"p95", s.p95},
              {"p99", s.p99},
              {"ci95_mean", interval_json(s.ci95_mean)},
              {"ci95_median", interval_json(s.ci95_median)},
              {"outliers",
               {{"low_severe", s.outliers.low_severe},
                {"low_mild", s.outliers.low_mild},
                {"high_mild", s.outliers.high_mild},
                {"high_severe", s.outliers.high_severe}}},
              {"early_stopping",
               {{"p90", optional_json(a.early_stopping_p90)},
                {"p99", optional_json(a.early_stopping_p99)}}},
              {"unit", samples::to_string(a.set.unit)},
              {"source", a.set.source},
              {"format", samples::to_string(a.set.format)},
              {"warnings", a.warnings}};
}

std::string number_text(double value) { return fmt::format("{:.6g}", value); }

std::string interval_text(const std::optional<stats::Interval>& interval, const char* why_missing) {
  if (!interval) return fmt::format("n/a ({})", why_missing);
  return fmt::format("[{}, {}]", number_text(interval->lo), number_text(interval->hi));
}

namespace {

void add_flags(CLI::App& cmd, AnalyzeFlags& f) {
  cmd.add_option("FILE", f.file, "the sample file")->required();
  add_sample_input_flags(cmd, f.input);
  cmd.add_flag("--json", f.json, "print one JSON document on stdout instead of the summary");
}

}  // namespace

const AddCommand add_analyze_command = &bound_command<AnalyzeFlags, add_flags, run_analyze>;

}  // namespace tinyperf::cli
