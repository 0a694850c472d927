#include "measure_variants.h"

#include <dnnl.h>

#include <algorithm>
#include <numeric>
#include <random>

#include <fmt/core.h>

#include "tinyperf/adapters/engine_sut.h"
#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/loadgen.h"
#include "tinyperf/loadgen/settings.h"

namespace tinyperf::workflow {
namespace {

loadgen::LoadgenSettings offline_settings(const RunBudget& budget, std::uint64_t seed) {
  loadgen::LoadgenSettings s = loadgen::default_settings(loadgen::Scenario::kOffline);
  if (budget.offline_quick) loadgen::apply_quick(s);
  s.min_duration_s = budget.offline_min_duration_s;
  s.min_sample_count = budget.offline_min_samples;
  loadgen::apply_seed(s, seed);
  return s;
}

submission::BenchmarkReportOptions harness_options(const RunBudget& budget, std::uint64_t seed) {
  submission::BenchmarkReportOptions o;
  o.warmup.mode = measure::WarmupMode::kUntilStable;
  o.warmup.max_seconds = budget.latency_warmup_max_s;
  o.throughput_batch = budget.batch_rows;
  o.throughput_runs = budget.batch_runs;
  o.energy_min_seconds = budget.energy_min_seconds;
  o.interleaved = true;
  o.seed = seed;
  return o;
}

// A permutation of 0..n-1 from mt19937_64(seed) by a Fisher-Yates shuffle written out (the same
// order with every standard library).
std::vector<std::size_t> shuffled_order(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

void throw_if_stopped(const std::atomic<bool>* stop) {
  if (stop != nullptr && stop->load(std::memory_order_relaxed)) throw Interrupted("interrupted");
}

// The Offline query holds 1.1 × min duration × expected samples/s (LoadGen's rule); a query sized
// from an estimate that is too low ends before the min duration and the run is INVALID. The
// expected rate is therefore the higher of two untimed estimates (the first also warms the SUT
// up) times this margin: a longer run costs a little time, a short one costs the result.
constexpr double kQpsMargin = 1.2;
constexpr const char* kRerunWarning =
    "the first Offline run ended before its min duration; re-run with a query sized from its "
    "measured rate";

// Calibrates here rather than inside run_scenario, so that a stop during calibration ends the run
// before a query is sized from a calibration that skipped the work (a huge trace for nothing).
double expected_qps(loadgen::SystemUnderTest& sut, loadgen::SampleLibrary& library,
                    const loadgen::LoadgenSettings& settings, const std::atomic<bool>* stop) {
  SteadyClock clock;
  double best = 0;
  for (int i = 0; i < 2; ++i) {
    best = std::max(best, loadgen::estimate_throughput(sut, library, settings, clock));
    throw_if_stopped(stop);
  }
  return kQpsMargin * best;
}

}  // namespace

std::string onednn_version() {
  const dnnl_version_t* v = dnnl_version();
  return fmt::format("{}.{}.{}", v->major, v->minor, v->patch);
}

std::unique_ptr<EngineModel> engine_model(const Variant& variant, int threads,
                                          const std::atomic<bool>* stop) {
  adapters::EngineModelOptions o;
  o.session = {engine::Backend::kFast, threads};
  o.stop = stop;
  o.on_stop = [] { throw Interrupted("interrupted"); };
  return std::make_unique<EngineModel>(variant.name, variant.model, std::move(o));
}

std::vector<submission::BenchmarkReport> measure_variants(std::span<EngineModel* const> models,
                                                          const data::Dataset& test,
                                                          const RunBudget& budget,
                                                          std::uint64_t seed) {
  std::vector<measure::ModelUnderTest*> under_test(models.begin(), models.end());
  const measure::FeatureRows x{test.features, test.size(), test.num_features};
  std::vector<submission::BenchmarkReport> reports = submission::benchmark_models(
      under_test, x, test.labels, budget.latency_rounds, harness_options(budget, seed));
  for (auto& r : reports) r.system_info["libraries"]["onednn"] = onednn_version();
  return reports;
}

loadgen::LoadgenResult run_offline(EngineModel& model, const data::Dataset& test,
                                   const RunBudget& budget, std::uint64_t seed,
                                   const std::atomic<bool>* stop) {
  const measure::FeatureRows rows{test.features, test.size(), test.num_features};
  adapters::EngineSut sut(model, rows, budget.offline_batch, adapters::SutThreading::kWorker);
  loadgen::IndexSampleLibrary library(test.name, test.size(), test.size());
  loadgen::LoadgenSettings settings = offline_settings(budget, seed);
  settings.target_qps = expected_qps(sut, library, settings, stop);
  loadgen::LoadgenResult result = loadgen::run_scenario(sut, library, settings);
  throw_if_stopped(stop);
  if (!result.min_duration_met && result.samples_per_second > 0) {
    // The query was sized too small (the machine was faster than calibrated): once more, sized
    // from the rate this run measured. The result says so in its warnings.
    settings.target_qps = kQpsMargin * result.samples_per_second;
    result = loadgen::run_scenario(sut, library, settings);
    throw_if_stopped(stop);
    result.warnings.push_back(kRerunWarning);
  }
  if (auto error = sut.first_error()) std::rethrow_exception(error);
  return result;
}

std::vector<loadgen::LoadgenResult> run_offline_all(std::span<EngineModel* const> models,
                                                    const data::Dataset& test,
                                                    const RunBudget& budget, std::uint64_t seed,
                                                    PhaseTracker& tracker) {
  std::vector<loadgen::LoadgenResult> results(models.size());
  std::uint64_t done = 0;
  for (const std::size_t i : shuffled_order(models.size(), seed)) {
    tracker.check();
    results[i] = run_offline(*models[i], test, budget, seed, tracker.stop_flag());
    if (!results[i].warnings.empty() && results[i].warnings.back() == kRerunWarning) {
      tracker.message(models[i]->name() + ": " + kRerunWarning);
    }
    tracker.advance(++done);
  }
  return results;
}

void put_offline(submission::BenchmarkReport& report, const loadgen::LoadgenResult& offline,
                 std::size_t batch) {
  const double harness = report.metrics.throughput_samples_per_sec.value_or(0.0);
  report.metrics.throughput_samples_per_sec = offline.samples_per_second;
  nlohmann::json& t = report.measurement["throughput"];
  t["harness_batch_samples_per_sec"] = harness;
  t["method"] = "loadgen_offline";
  t["statistic"] = "samples / time to the last completion (LoadGen Offline)";
  t["offline_result_validity"] = offline.valid ? "VALID" : "INVALID";
  t["offline_samples"] = offline.sample_count;
  t["offline_max_batch"] = batch;
  if (!offline.valid) {
    std::string reasons;
    for (const auto& r : offline.invalid_reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    report.warnings.push_back("Offline throughput run INVALID: " + reasons);
  }
}

nlohmann::json compact_scenario_json(const loadgen::LoadgenResult& result,
                                     const std::string& model_name) {
  const nlohmann::json full = loadgen::to_json(result);
  nlohmann::json out = {{"model_name", model_name}};
  for (const char* key :
       {"scenario", "sut_name", "qsl_name", "result_validity", "result_invalid_reasons",
        "result_samples_per_second", "result_sample_count", "result_min_duration_met",
        "result_min_queries_met", "max_completion_ns", "stop_reason", "mlperf_comparable",
        "warnings"}) {
    if (full.contains(key)) out[key] = full[key];
  }
  nlohmann::json settings = nlohmann::json::object();
  for (const char* key : {"min_duration_ms", "min_sample_count", "target_qps",
                          "performance_sample_count", "qsl_rng_seed", "sample_index_rng_seed"}) {
    if (full["settings"].contains(key)) settings[key] = full["settings"][key];
  }
  out["settings"] = settings;
  return out;
}

}  // namespace tinyperf::workflow
