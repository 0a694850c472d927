#include "tinyperf/submission/bench.h"

#include <fmt/core.h>

#include "document_reader.h"
#include "tinyperf/core/error.h"

namespace tinyperf::submission {
namespace {

using detail::ObjectReader;

nlohmann::json interval_json(const stats::Interval& i) {
  return nlohmann::json::array({i.lo, i.hi});
}

nlohmann::json figure_json(const RunFigure& f) {
  return {
      {"median", f.median}, {"min", f.min}, {"max", f.max}, {"between_run_cv", f.between_run_cv}};
}

nlohmann::json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json run_json(const BenchRun& r, bool samples) {
  nlohmann::json j = {{"run", r.run},
                      {"position", r.position},
                      {"load_ms", r.load_ms},
                      {"first_inference_ms", r.first_inference_ms},
                      {"accuracy", optional_number(r.accuracy)},
                      {"test_rows", r.test_rows},
                      {"calls_per_sample", r.calls_per_sample},
                      {"warmup_calls", r.warmup_calls},
                      {"warmup_settled", r.warmup_settled},
                      {"batch_rows", r.batch_rows},
                      {"base_rss_bytes", r.base_rss_bytes},
                      {"peak_rss_bytes", r.peak_rss_bytes},
                      {"memory_scope", r.memory_scope},
                      {"huge_pages", r.huge_pages},
                      {"pid", r.pid},
                      {"worker_seconds", r.worker_seconds}};
  if (samples) {
    j["latency_ns"] = r.latency_ns;
    j["batch_ns"] = r.batch_ns;
  }
  return j;
}

std::size_t required_count(const ObjectReader& r, std::string_view key, detail::Range range) {
  const std::optional<std::uint64_t> v = r.count(key, range);
  if (!v) r.fail(key, "required field is missing");
  return static_cast<std::size_t>(*v);
}

double required_number(const ObjectReader& r, std::string_view key, detail::Range range) {
  const std::optional<double> v = r.number(key, range);
  if (!v) r.fail(key, "required field is missing");
  return *v;
}

std::vector<double> required_samples(const ObjectReader& r, std::string_view key) {
  std::optional<std::vector<double>> v = r.numbers(key, detail::Range::kPositive);
  if (!v) r.fail(key, "required field is missing");
  if (v->empty()) r.fail(key, "needs at least one sample");
  return std::move(*v);
}

}  // namespace

nlohmann::json to_json(const BenchRun& run) { return run_json(run, true); }

BenchRun parse_bench_run(const nlohmann::json& doc, const std::string& source) {
  try {
    const ObjectReader r(doc, "$");
    BenchRun run;
    run.run = required_count(r, "run", detail::Range::kNonNegative);
    run.position = required_count(r, "position", detail::Range::kNonNegative);
    run.load_ms = required_number(r, "load_ms", detail::Range::kNonNegative);
    run.first_inference_ms = required_number(r, "first_inference_ms", detail::Range::kNonNegative);
    run.accuracy = r.number("accuracy", detail::Range::kFraction);
    run.test_rows = required_count(r, "test_rows", detail::Range::kNonNegative);
    run.latency_ns = required_samples(r, "latency_ns");
    run.calls_per_sample = required_count(r, "calls_per_sample", detail::Range::kPositive);
    run.warmup_calls = required_count(r, "warmup_calls", detail::Range::kNonNegative);
    run.warmup_settled = r.boolean("warmup_settled").value_or(false);
    run.batch_ns = required_samples(r, "batch_ns");
    run.batch_rows = required_count(r, "batch_rows", detail::Range::kPositive);
    run.base_rss_bytes =
        static_cast<std::int64_t>(required_count(r, "base_rss_bytes", detail::Range::kNonNegative));
    run.peak_rss_bytes =
        static_cast<std::int64_t>(required_count(r, "peak_rss_bytes", detail::Range::kNonNegative));
    if (const std::optional<std::size_t> scope = r.one_of("memory_scope", {"phase", "process"})) {
      run.memory_scope = *scope == 0 ? "phase" : "process";
    } else {
      r.fail("memory_scope", "required field is missing");
    }
    run.huge_pages = r.string("huge_pages").value_or("unknown");
    run.pid = static_cast<int>(r.count("pid", detail::Range::kNonNegative).value_or(0));
    run.worker_seconds = r.number("worker_seconds", detail::Range::kNonNegative).value_or(0.0);
    return run;
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", source, e.what()));
  }
}

nlohmann::json to_json(const BenchDocument& doc, bool samples) {
  nlohmann::json models = nlohmann::json::array();
  for (const BenchModel& m : doc.models) {
    nlohmann::json runs = nlohmann::json::array();
    for (const BenchRun& r : m.runs) runs.push_back(run_json(r, samples));
    models.push_back({{"name", m.name},
                      {"file", m.file},
                      {"sha256", m.sha256},
                      {"size_bytes", m.size_bytes},
                      {"parameters", m.parameters},
                      {"precision", m.precision},
                      {"input_features", m.input_features},
                      {"num_classes", m.num_classes},
                      {"accuracy", optional_number(m.accuracy)},
                      {"latency_ms", figure_json(m.latency_ms)},
                      {"within_run_cv", m.within_run_cv},
                      {"throughput_rows_per_s", figure_json(m.throughput_rows_per_s)},
                      {"peak_memory_mb", figure_json(m.peak_memory_mb)},
                      {"load_ms", figure_json(m.load_ms)},
                      {"first_inference_ms", figure_json(m.first_inference_ms)},
                      {"runs", runs}});
  }
  nlohmann::json comparisons = nlohmann::json::array();
  for (const BenchComparison& c : doc.comparisons) {
    comparisons.push_back(
        {{"baseline", c.baseline},
         {"candidate", c.candidate},
         {"runs", {{"baseline", c.baseline_runs}, {"candidate", c.candidate_runs}}},
         {"verdict", c.verdict},
         {"speedup", c.speedup},
         {"speedup_ci95", interval_json(c.speedup_ci95)},
         {"p_value", c.p_value},
         {"test", "t_test_log_run_medians"},
         {"between_run_cv", c.between_run_cv},
         {"detectable_change_80", c.detectable_change},
         {"throughput",
          {{"ratio", c.throughput_ratio},
           {"ratio_ci95", interval_json(c.throughput_ratio_ci95)},
           {"verdict", c.throughput_verdict}}},
         {"accuracy_delta", optional_number(c.accuracy_delta)},
         {"compression_ratio", c.compression_ratio},
         {"memory_ratio", c.memory_ratio}});
  }
  const BenchSettings& s = doc.settings;
  return {{"format", kBenchFormat},
          {"created", doc.created},
          {"tool_version", doc.tool_version},
          {"settings",
           {{"runs", s.runs},
            {"quick", s.quick},
            {"seed", s.seed},
            {"threads", s.threads},
            {"data", s.data},
            {"data_name", s.data_name},
            {"data_sha256", s.data_sha256},
            {"latency_samples", s.latency_samples},
            {"warmup_max_s", s.warmup_max_s},
            {"batch_rows", s.batch_rows},
            {"batch_calls", s.batch_calls},
            {"alpha", s.alpha},
            {"noise", s.noise},
            {"method", s.method},
            {"schedule", s.schedule}}},
          {"system_info", doc.system_info},
          {"models", models},
          {"comparisons", comparisons},
          {"warnings", doc.warnings},
          {"wall_seconds", doc.wall_seconds}};
}

}  // namespace tinyperf::submission
