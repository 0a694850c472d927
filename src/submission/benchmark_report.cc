#include "tinyperf/submission/benchmark_report.h"

#include <time.h>

#include <fmt/format.h>
#include <algorithm>
#include <functional>
#include <memory>

#include "tinyperf/core/error.h"
#include "tinyperf/measure/benchmark.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/measure_models.h"
#include "tinyperf/measure/memory.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::submission {
namespace {

using measure::FeatureRows;
using measure::InterleavedMeasurement;
using measure::ModelUnderTest;
using Models = std::span<ModelUnderTest* const>;

constexpr double kMiB = 1024.0 * 1024.0;

// One model's figures that are not latency or throughput.
struct PerModel {
  double accuracy = 0.0;
  measure::PeakMemory memory;
  std::optional<measure::EnergyResult> energy;
};

void validate(std::size_t num_runs, const BenchmarkReportOptions& o) {
  if (num_runs == 0) throw InputError("num_runs must be positive");
  if (num_runs > o.max_runs) {
    throw InputError(fmt::format("num_runs ({}) is above max_runs ({})", num_runs, o.max_runs));
  }
}

measure::MeasureSettings measure_settings(std::size_t num_runs, const BenchmarkReportOptions& o) {
  measure::MeasureSettings s;
  s.phases.energy = o.measure_energy;
  s.latency.warmup = o.warmup;
  s.latency.rounds = num_runs;
  s.latency.min_duration_s = o.min_duration_s;
  s.latency.max_rounds = o.max_runs;
  s.latency.calls_per_round = o.calls_per_sample;
  s.latency.seed = o.seed;
  s.latency.order =
      o.interleaved ? measure::RunOrder::kInterleaved : measure::RunOrder::kSequential;
  s.batch_rows = o.throughput_batch;
  s.throughput_runs = o.throughput_runs == 0 ? num_runs : o.throughput_runs;
  s.throughput_seed = o.seed + 1;
  s.energy_min_seconds = o.energy_min_seconds;
  s.energy = o.energy;
  s.env = o.env;
  return s;
}

// Model i's figures that are not latency or throughput (one memory phase, one energy window).
PerModel per_model(const measure::ModelsMeasurement& m, std::size_t i) {
  PerModel p;
  p.accuracy = m.accuracy[i].front();
  p.memory = m.memory[i].front();
  if (!m.energy.empty()) p.energy = m.energy[i].front();
  return p;
}

nlohmann::json latency_measurement(const InterleavedMeasurement& m, std::size_t i) {
  return {{"protocol", "one predict() call on row 0 of X per run"},
          {"order", measure::to_string(m.order)},
          {"rounds", m.rounds},
          {"calls_per_sample", m.calls_per_round},
          {"warm_calls_per_round", m.warm_calls_per_round},
          {"warmup_policy", m.warmup_policy},
          {"warmup_runs", m.warmup_runs[i]},
          {"warmup_settled", static_cast<bool>(m.warmup_settled[i])},
          {"timer_overhead_ns", m.timer.median_ns},
          {"timer_resolution_ns", m.timer.resolution_ns},
          {"seed", m.seed},
          {"measured_seconds", m.measured_seconds},
          {"ci95", "95% order-statistic interval of the median"}};
}

nlohmann::json energy_measurement(const measure::EnergyResult& e) {
  return {{"method", e.method},         {"note", e.note},
          {"domains", e.domains},       {"window_s", e.window_s},
          {"idle_watts", e.idle_watts}, {"cpu_s", e.cpu_s},
          {"inferences", e.inferences}};
}

// The warnings computed from the system_info JSON, so that what the report says and what it warns
// about cannot disagree.
std::vector<std::string> environment_warnings(const nlohmann::json& info) {
  measure::SystemInfo s;
  s.build_type = info.value("build_type", "");
  s.flags = info.value("flags", "");
  s.cpu_governor = info.value("cpu_governor", "unknown");
  return measure::environment_warnings(s);
}

void put_warnings(BenchmarkReport& r, const PerModel& p, const BenchmarkReportOptions& o) {
  r.warnings = environment_warnings(r.system_info);
  for (auto& w : stats::sample_warnings(r.latency_samples_ms, "latency", o.warnings)) {
    r.warnings.push_back(std::move(w));
  }
  if (!r.measurement["latency"]["warmup_settled"].get<bool>()) {
    r.warnings.push_back("latency warmup stopped at its cap before the median settled");
  }
  if (p.memory.scope == measure::MemoryScope::kProcess) {
    r.warnings.push_back(
        "peak_memory_mb is the whole process's peak (the kernel refused to reset it)");
  }
  if (p.energy && p.energy->method == "estimate") {
    r.warnings.push_back(
        "energy_j_per_inference is an estimate, not a measurement (no RAPL counters)");
  }
}

// What every report of one measurement shares.
struct Shared {
  const InterleavedMeasurement& latency;
  const InterleavedMeasurement& throughput;
  FeatureRows batch;
  std::size_t accuracy_samples;
  const BenchmarkReportOptions& options;
};

void put_measurement(BenchmarkReport& r, const PerModel& p, const Shared& sh, std::size_t i) {
  const double start_mb = static_cast<double>(p.memory.start_rss_bytes) / kMiB;
  r.measurement = {{"latency", latency_measurement(sh.latency, i)},
                   {"throughput",
                    {{"batch_rows", sh.batch.rows},
                     {"runs", sh.throughput.rounds},
                     {"warmup_runs", sh.throughput.warmup_runs[i]},
                     {"statistic", "batch_rows / median batch time"}}},
                   {"memory",
                    {{"scope", measure::to_string(p.memory.scope)},
                     {"batch_rows", sh.batch.rows},
                     {"start_rss_mb", start_mb}}},
                   {"accuracy", {{"samples", sh.accuracy_samples}}}};
  if (p.energy) r.measurement["energy"] = energy_measurement(*p.energy);
}

void put_metrics(BenchmarkReport& r, ModelUnderTest& model, const PerModel& p, const Shared& sh,
                 std::size_t i) {
  Metrics& m = r.metrics = Metrics{};
  m.parameter_count = model.parameter_count();
  m.model_size_mb = static_cast<double>(model.stored_size_bytes()) / kMiB;
  m.accuracy = p.accuracy;
  put_latency_metrics(m, r.latency_samples_ms);
  const double batch_s = stats::median(sh.throughput.samples_ns[i]) * 1e-9;
  m.throughput_samples_per_sec = static_cast<double>(sh.batch.rows) / std::max(batch_s, 1e-12);
  m.peak_memory_mb = static_cast<double>(p.memory.peak_rss_bytes) / kMiB;
  if (p.energy) {
    m.energy_j_per_inference = p.energy->joules_per_inference;
    m.energy_method = p.energy->method;
  }
}

void fill(BenchmarkReport& r, ModelUnderTest& model, const PerModel& p, const Shared& sh,
          std::size_t i) {
  r.latency_samples_ms.clear();
  for (const double ns : sh.latency.samples_ns[i]) r.latency_samples_ms.push_back(ns * 1e-6);
  put_metrics(r, model, p, sh, i);
  put_measurement(r, p, sh, i);
  put_warnings(r, p, sh.options);
}

void measure_into(std::span<BenchmarkReport* const> reports, Models models, const FeatureRows& X,
                  std::span<const std::int32_t> y, std::size_t num_runs,
                  const BenchmarkReportOptions& o) {
  validate(num_runs, o);
  const measure::LabelledData data[] = {{"X", X, y}};
  const measure::ModelsMeasurement m =
      measure::measure_models(models, data, measure_settings(num_runs, o));
  const Shared shared{m.latency, m.throughput, X.slice(0, m.batch_rows), X.rows, o};
  for (std::size_t i = 0; i < models.size(); ++i)
    fill(*reports[i], *models[i], per_model(m, i), shared, i);
}

}  // namespace

void put_latency_metrics(Metrics& m, std::span<const double> samples_ms) {
  const stats::Summary s = stats::summarize(samples_ms);
  m.latency_ms_mean = s.mean;
  m.latency_ms_std = s.std;
  m.latency_ms_median = s.median;
  m.latency_ms_p90 = s.p90;
  m.latency_ms_p95 = s.p95;
  m.latency_ms_p99 = s.p99;
  m.latency_ms_ci95 = s.ci95_median;
}

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

BenchmarkReport::BenchmarkReport(std::string name)
    : BenchmarkReport(std::move(name), measure::collect_system_info()) {}

BenchmarkReport::BenchmarkReport(std::string name, const measure::SystemInfo& info)
    : model_name(std::move(name)),
      system_info(measure::to_json(info)),
      timestamp(utc_timestamp()) {}

const Metrics& BenchmarkReport::benchmark_model(ModelUnderTest& model, const FeatureRows& X,
                                                std::span<const std::int32_t> y,
                                                std::size_t num_runs,
                                                const BenchmarkReportOptions& options) {
  ModelUnderTest* const models[] = {&model};
  BenchmarkReport* const reports[] = {this};
  measure_into(reports, models, X, y, num_runs, options);
  return metrics;
}

nlohmann::json BenchmarkReport::to_json() const {
  return {{"model_name", model_name},
          {"metrics", submission::to_json(metrics)},
          {"samples", {{"latency_ms", latency_samples_ms}}},
          {"system_info", system_info},
          {"timestamp", timestamp},
          {"measurement", measurement},
          {"warnings", warnings}};
}

std::vector<BenchmarkReport> benchmark_models(Models models, const FeatureRows& X,
                                              std::span<const std::int32_t> y, std::size_t num_runs,
                                              const BenchmarkReportOptions& options) {
  std::vector<std::string> names;
  for (ModelUnderTest* m : models) names.push_back(m->name());
  const measure::SystemInfo info = measure::collect_system_info();
  std::vector<BenchmarkReport> reports;
  for (auto& name : measure::unique_names(names)) reports.emplace_back(std::move(name), info);
  std::vector<BenchmarkReport*> pointers;
  for (auto& r : reports) pointers.push_back(&r);
  measure_into(pointers, models, X, y, num_runs, options);
  return reports;
}

}  // namespace tinyperf::submission
