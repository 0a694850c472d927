#include "tinyperf/submission/benchmark_report.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::submission {
namespace {

using measure::FeatureRows;

// A 3-class model over 10 features predicting the argmax of the first 3 features; each predict()
// sleeps `sleep` once, whatever the number of rows (a batch costs what one row costs).
class SleepyModel final : public measure::ModelUnderTest {
 public:
  explicit SleepyModel(std::string name, std::chrono::microseconds sleep = {})
      : name_(std::move(name)), sleep_(sleep) {}
  std::string name() const override { return name_; }
  std::size_t input_size() const override { return 10; }
  std::size_t num_classes() const override { return 3; }
  std::uint64_t stored_size_bytes() const override { return 283 * 4; }  // the seed's SimpleMLP
  std::uint64_t parameter_count() const override { return 283; }
  void predict(const FeatureRows& x, std::span<float> scores) override {
    if (sleep_.count() > 0) std::this_thread::sleep_for(sleep_);
    for (std::size_t r = 0; r < x.rows; ++r) {
      for (std::size_t c = 0; c < 3; ++c) scores[r * 3 + c] = nan ? NAN : x.values[r * 10 + c];
    }
  }
  bool nan = false;

 private:
  std::string name_;
  std::chrono::microseconds sleep_;
};

// 50 rows of 10 standard-normal features and labels in [0, 3), as the capstone's test uses.
struct Data {
  std::vector<float> x;
  std::vector<std::int32_t> y;
  Data() {
    std::mt19937 rng(7);
    std::normal_distribution<float> normal;
    for (int i = 0; i < 500; ++i) x.push_back(normal(rng));
    for (int i = 0; i < 50; ++i) y.push_back(static_cast<std::int32_t>(rng() % 3));
  }
  FeatureRows rows() const { return {x, 50, 10}; }
};

BenchmarkReportOptions quick() {
  BenchmarkReportOptions o;
  o.warmup = {.mode = measure::WarmupMode::kCount, .runs = 3};
  o.energy_min_seconds = 0.001;
  return o;
}

TEST(BenchmarkReport, StartsWithNameTimestampAndSystemInfo) {
  const BenchmarkReport report("test_model");
  EXPECT_EQ(report.model_name, "test_model");
  EXPECT_TRUE(std::regex_match(report.timestamp, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << report.timestamp;
  EXPECT_TRUE(report.system_info.contains("platform"));
  EXPECT_TRUE(to_json(report.metrics).empty());
}

// The capstone's test_unit_benchmark_report, plus the exact key set of docs/submission.md.
TEST(BenchmarkReport, MetricsHaveExactlyTheSubmissionKeys) {
  BenchmarkReport report("test_model");
  SleepyModel model("simple_mlp");
  const Data d;
  const nlohmann::json m = to_json(report.benchmark_model(model, d.rows(), d.y, 10, quick()));
  std::set<std::string> keys;
  for (const auto& [k, v] : m.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{
                      "parameter_count", "model_size_mb", "accuracy", "latency_ms_mean",
                      "latency_ms_std", "latency_ms_median", "latency_ms_p90", "latency_ms_p95",
                      "latency_ms_p99", "latency_ms_ci95", "throughput_samples_per_sec",
                      "peak_memory_mb", "energy_j_per_inference", "energy_method"}));
  EXPECT_TRUE(m["parameter_count"].is_number_integer());
  EXPECT_EQ(m["parameter_count"], 283);
  EXPECT_DOUBLE_EQ(m["model_size_mb"].get<double>(), 1132.0 / 1048576.0);
  EXPECT_GE(m["accuracy"].get<double>(), 0.0);
  EXPECT_LE(m["accuracy"].get<double>(), 1.0);
  EXPECT_GT(m["latency_ms_mean"].get<double>(), 0.0);
  EXPECT_GE(m["latency_ms_std"].get<double>(), 0.0);
  EXPECT_GT(m["throughput_samples_per_sec"].get<double>(), 0.0);
  EXPECT_GT(m["peak_memory_mb"].get<double>(), 0.0);
  EXPECT_TRUE(m["latency_ms_ci95"].is_array());
  EXPECT_GE(report.latency_samples_ms.size(), 10u);
}

// Accuracy: argmax of the first three features against the labels, counted here independently.
TEST(BenchmarkReport, AccuracyIsMeasuredOnEveryLabelledRow) {
  BenchmarkReport report;
  SleepyModel model("m");
  const Data d;
  report.benchmark_model(model, d.rows(), d.y, 3, quick());
  int correct = 0;
  for (int r = 0; r < 50; ++r) {
    const float* row = &d.x[r * 10];
    const int predicted = static_cast<int>(std::max_element(row, row + 3) - row);
    correct += predicted == d.y[r];
  }
  EXPECT_EQ(*report.metrics.accuracy, correct / 50.0);
  EXPECT_EQ(report.measurement["accuracy"]["samples"], 50);
}

TEST(BenchmarkReport, LatencyMetricsAreRecomputableFromTheSamples) {
  BenchmarkReport report;
  SleepyModel model("m");
  const Data d;
  report.benchmark_model(model, d.rows(), d.y, 25, quick());
  const stats::Summary s = stats::summarize(report.latency_samples_ms);
  EXPECT_EQ(*report.metrics.latency_ms_mean, s.mean);
  EXPECT_EQ(*report.metrics.latency_ms_std, s.std);
  EXPECT_EQ(*report.metrics.latency_ms_median, s.median);
  EXPECT_EQ(*report.metrics.latency_ms_p99, s.p99);
  EXPECT_EQ((*report.metrics.latency_ms_ci95)->lo, s.ci95_median->lo);
  const nlohmann::json j = report.to_json();
  EXPECT_EQ(j["samples"]["latency_ms"].size(), report.latency_samples_ms.size());
  for (const char* key :
       {"model_name", "metrics", "system_info", "timestamp", "measurement", "warnings"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

// A model that sleeps 1 ms per call: latency >= 0.9 ms; a batch of 50 rows also takes ~1 ms, so
// the measured throughput is far above the 1000 / latency a derived figure would claim.
TEST(BenchmarkReport, SleepingModelLatencyAndBatchThroughputAreMeasured) {
  BenchmarkReport report;
  SleepyModel model("sleepy", std::chrono::microseconds(1000));
  const Data d;
  report.benchmark_model(model, d.rows(), d.y, 5, quick());
  for (const double ms : report.latency_samples_ms) EXPECT_GE(ms, 0.9);
  const double derived = 1000.0 / *report.metrics.latency_ms_median;
  EXPECT_GT(*report.metrics.throughput_samples_per_sec, 10.0 * derived);
  EXPECT_EQ(report.measurement["throughput"]["batch_rows"], 50);
}

TEST(BenchmarkReport, RefusesBadInputsAsTheCapstoneDoes) {
  SleepyModel model("m");
  const Data d;
  BenchmarkReport report;
  EXPECT_THROW(report.benchmark_model(model, {d.x, 0, 10}, {}, 10, quick()), InputError);
  EXPECT_THROW(report.benchmark_model(model, d.rows(), std::span(d.y).first(49), 10, quick()),
               InputError);
  EXPECT_THROW(report.benchmark_model(model, d.rows(), d.y, 0, quick()), InputError);
  std::vector<std::int32_t> bad = d.y;
  bad[3] = 3;
  EXPECT_THROW(report.benchmark_model(model, d.rows(), bad, 10, quick()), InputError);
  model.nan = true;
  EXPECT_THROW(report.benchmark_model(model, d.rows(), d.y, 10, quick()), InputError);
  EXPECT_TRUE(to_json(report.metrics).empty());  // nothing half-filled
}

TEST(BenchmarkReport, EnergyIsLabelledAndCanBeSwitchedOff) {
  SleepyModel model("m");
  const Data d;
  BenchmarkReport with;
  BenchmarkReportOptions o = quick();
  // This machine without RAPL counters: a tree whose /proc is the real one and which has no /sys.
  const auto root = std::filesystem::temp_directory_path() /
                    ("tinyperf-report-no-rapl-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root);
  std::filesystem::create_directory_symlink("/proc", root / "proc");
  const RootedEnv no_rapl(root.string());
  o.env = &no_rapl;
  with.benchmark_model(model, d.rows(), d.y, 3, o);
  EXPECT_EQ(with.metrics.energy_method, "estimate");
  EXPECT_EQ(
      with.measurement["energy"]["note"].get<std::string>().rfind("estimate, not a measurement", 0),
      0u);
  EXPECT_NE(
      std::find(with.warnings.begin(), with.warnings.end(),
                "energy_j_per_inference is an estimate, not a measurement (no RAPL counters)"),
      with.warnings.end());
  BenchmarkReport without;
  o.measure_energy = false;
  without.benchmark_model(model, d.rows(), d.y, 3, o);
  EXPECT_FALSE(without.metrics.energy_j_per_inference);
  EXPECT_FALSE(without.metrics.energy_method);
  std::filesystem::remove_all(root);  // the link, not what it points to
}

TEST(BenchmarkModels, InterleavesModelsAndPairsTheirSamplesByRound) {
  SleepyModel a("same"), b("same");
  const Data d;
  measure::ModelUnderTest* const models[] = {&a, &b};
  const auto reports = benchmark_models(models, d.rows(), d.y, 30, quick());
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].model_name, "same");
  EXPECT_EQ(reports[1].model_name, "same_1");
  ASSERT_EQ(reports[0].latency_samples_ms.size(), reports[1].latency_samples_ms.size());
  EXPECT_EQ(reports[0].measurement["latency"]["order"], "interleaved");
  stats::CompareOptions paired;
  paired.paired = true;
  EXPECT_NO_THROW(
      stats::compare(reports[0].latency_samples_ms, reports[1].latency_samples_ms, paired));
  EXPECT_THROW(benchmark_models({}, d.rows(), d.y, 30, quick()), InputError);
}

}  // namespace
}  // namespace tinyperf::submission
