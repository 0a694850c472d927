#include "tinyperf/measure/benchmark.h"

#include <gtest/gtest.h>

#include "benchmark_test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

using testing::FakeModel;

// Values 1..5: mean 3, stdev sqrt(2.5), median 3 (python's statistics module); the interval is
// 3 ± t(0.975, 4) sqrt(2.5)/sqrt(5) with t = 2.7764451051977987 (published t table: 2.776445).
TEST(BenchmarkResult, SeedCaseOneToFiveIsExact) {
  const BenchmarkResult r("test_metric", {1.0, 2.0, 3.0, 4.0, 5.0});
  EXPECT_EQ(r.metric_name, "test_metric");
  EXPECT_EQ(r.mean, 3.0);
  EXPECT_EQ(r.std, 1.5811388300841898);
  EXPECT_EQ(r.median, 3.0);
  EXPECT_EQ(r.min, 1.0);
  EXPECT_EQ(r.max, 5.0);
  EXPECT_EQ(r.count, 5u);
  ASSERT_TRUE(r.ci_lower && r.ci_upper);
  EXPECT_NEAR(*r.ci_lower, 1.0367568385224393, 1e-12);
  EXPECT_NEAR(*r.ci_upper, 4.9632431614775605, 1e-12);
  EXPECT_LT(*r.ci_lower, r.mean);
  EXPECT_GT(*r.ci_upper, r.mean);
  const nlohmann::json j = r.to_json();
  EXPECT_EQ(j["metric_name"], "test_metric");
  EXPECT_EQ(j["mean"], 3.0);
  EXPECT_EQ(j["values"].size(), 5u);
  for (const char* key :
       {"std", "median", "min", "max", "count", "ci_lower", "ci_upper", "metadata"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

TEST(BenchmarkResult, SeedAccuracyExample) {
  const BenchmarkResult r("model_accuracy", {0.95, 0.94, 0.96});
  EXPECT_NEAR(r.mean, 0.95, 1e-15);
  EXPECT_NEAR(r.std, 0.010000000000000009, 1e-15);  // statistics.stdev
  EXPECT_EQ(r.to_string(), "model_accuracy: 0.9500 ± 0.0100 (n=3)");
}

TEST(BenchmarkResult, OneValueHasNoIntervalAndZeroSpread) {
  const BenchmarkResult r("one", {7.0});
  EXPECT_EQ(r.std, 0.0);
  EXPECT_FALSE(r.ci_lower.has_value());
  EXPECT_TRUE(r.to_json()["ci_lower"].is_null());
  EXPECT_TRUE(r.to_json()["ci_upper"].is_null());
}

TEST(BenchmarkResult, RefusesEmptyAndNonFiniteSamples) {
  EXPECT_THROW(BenchmarkResult("empty", {}), InputError);
  EXPECT_THROW(BenchmarkResult("nan", {1.0, std::nan("")}), InputError);
}

TEST(UniqueNames, SeedRuleSuffixesRepeatsInOrder) {
  const std::vector<std::string> seed = {"same", "same", "same_1"};
  EXPECT_EQ(unique_names(seed), (std::vector<std::string>{"same", "same_1", "same_1_1"}));
  const std::vector<std::string> three = {"a", "a", "a"};
  EXPECT_EQ(unique_names(three), (std::vector<std::string>{"a", "a_1", "a_2"}));
  const std::vector<std::string> taken_first = {"x_1", "x", "x"};
  EXPECT_EQ(unique_names(taken_first), (std::vector<std::string>{"x_1", "x", "x_2"}));
}

TEST(ResultFor, FindsByNameOrSaysWhichIsMissing) {
  const ModelResults results = {{"a", BenchmarkResult("a_x", {1.0})}};
  EXPECT_EQ(result_for(results, "a").mean, 1.0);
  EXPECT_THROW(result_for(results, "b"), InputError);
}

struct Fixture : testing::TwoModels {
  BenchmarkSettings settings;

  Fixture() {
    settings.latency = {.warmup = {.mode = WarmupMode::kCount, .runs = 2}, .measurement_runs = 6};
    settings.batch_size = 4;
    settings.throughput_runs = 5;
    short_memory_and_energy(settings);
  }
  Benchmark benchmark(ModelUnderTest& a, ModelUnderTest& b) {
    return Benchmark({a, b}, data(), settings, clock);
  }
};

TEST(Benchmark, LatencyIsMeasuredPerCallOnOneRowInterleaved) {
  Fixture f;
  Benchmark b = f.benchmark(f.fast, f.slow);
  const ModelResults r = b.run_latency_benchmark();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].model_name, "fast");
  EXPECT_EQ(r[0].result.metric_name, "fast_latency_ms");
  ASSERT_EQ(r[0].result.values.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_DOUBLE_EQ(r[0].result.values[i], 0.003);  // 2 us + 1 row x 1 us
    EXPECT_DOUBLE_EQ(r[1].result.values[i], 0.011);
  }
  EXPECT_EQ(r[0].result.metadata["order"], "interleaved");
  EXPECT_EQ(r[0].result.metadata["warmup_runs"], 3);  // 2 + 1 call timed to choose the batch
  EXPECT_EQ(r[0].result.metadata["calls_per_sample"], 1);
  EXPECT_EQ(r[0].result.metadata["input"], "row 0 of first");
}

TEST(Benchmark, ModelsWithTheSameNameAreMadeUnique) {
  Fixture f;
  FakeModel twin("fast", 2, 3, &f.clock, 2000, 1000);
  Benchmark b = f.benchmark(f.fast, twin);
  EXPECT_EQ(b.model_names(), (std::vector<std::string>{"fast", "fast_1"}));
  EXPECT_EQ(b.run_latency_benchmark()[1].result.metric_name, "fast_1_latency_ms");
}

TEST(Benchmark, AccuracyComesFromTheLabelsOfEachDataSet) {
  Fixture f;
  const ModelResults r = f.benchmark(f.fast, f.slow).run_accuracy_benchmark();
  EXPECT_EQ(r[0].result.values, (std::vector<double>{0.75, 1.0}));
  EXPECT_EQ(r[0].result.metadata["datasets"][1]["name"], "second");
}

// Batch of 4 rows: fast takes 2 + 4 = 6 us, so 4 / 6e-6 samples/s; 1000 / latency would say
// 1000 / 0.003 ms = 333,333 samples/s instead of 666,667.
TEST(Benchmark, ThroughputIsTimedOnBatchRunsNotDerivedFromLatency) {
  Fixture f;
  const ModelResults r = f.benchmark(f.fast, f.slow).run_throughput_benchmark();
  ASSERT_EQ(r[0].result.values.size(), 5u);
  EXPECT_DOUBLE_EQ(r[0].result.median, 4.0 / 6e-6);
  EXPECT_DOUBLE_EQ(r[1].result.median, 4.0 / 14e-6);
  EXPECT_EQ(r[0].result.metadata["batch_rows"], 4);
}

TEST(Benchmark, MemoryIsThePeakOfEachPhaseWithItsScope) {
  Fixture f;
  const ModelResults r = f.benchmark(f.fast, f.slow).run_memory_benchmark();
  EXPECT_EQ(r[0].result.values, (std::vector<double>{2.0, 2.0}));  // 2048 kB = 2 MiB
  EXPECT_EQ(r[0].result.metadata["scope"], "phase");
  EXPECT_EQ(r[0].result.metadata["model_size_bytes"], 1000);
}

TEST(Benchmark, EnergyWithoutRaplIsLabelledAnEstimate) {
  Fixture f;
  const ModelResults r = f.benchmark(f.fast, f.slow).run_energy_benchmark();
  EXPECT_EQ(r[0].result.metadata["method"], "estimate");
  EXPECT_EQ(r[0].result.metadata["note"].get<std::string>().rfind("estimate, not a measurement", 0),
            0u);
  EXPECT_EQ(r[0].result.count, 2u);
  EXPECT_GE(r[0].result.min, 0.0);
}

TEST(Benchmark, RefusesDataThatDoesNotFitAModel) {
  Fixture f;
  FakeModel wide("wide", 5, 3);
  EXPECT_THROW(Benchmark({wide}, f.data(), f.settings, f.clock), InputError);
  EXPECT_THROW(Benchmark({}, f.data(), f.settings, f.clock), InputError);
  EXPECT_THROW(Benchmark({f.fast}, {}, f.settings, f.clock), InputError);
}

TEST(BenchmarkSuite, RunsEverythingAndFindsTheParetoFrontier) {
  Fixture f;
  // Energy from a fake RAPL tree whose counters never move: 0 J for both, so energy ties.
  f.machine.write("sys/class/powercap/intel-rapl:0/name", "package-0\n");
  f.machine.write("sys/class/powercap/intel-rapl:0/energy_uj", "5\n");
  f.machine.write("sys/class/powercap/intel-rapl:0/max_energy_range_uj", "1000\n");
  f.settings.energy.idle_baseline_max_s = 0.0;
  BenchmarkSuite suite({f.fast, f.slow}, f.data(), f.settings, f.clock);
  const SuiteResults s = suite.run_full_benchmark();
  EXPECT_EQ(s.energy_method, "rapl");
  EXPECT_EQ(s.pareto_frontier, (std::vector<std::string>{"fast"}));  // as accurate, faster
  EXPECT_EQ(s.pareto_objectives[2], "peak_memory_mb_median");
  const nlohmann::json j = s.to_json();
  EXPECT_EQ(j["results"]["latency"]["slow"]["values"].size(), 6u);
  EXPECT_TRUE(j["system_info"].contains("processor"));
}

}  // namespace
}  // namespace tinyperf::measure
