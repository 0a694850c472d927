#include "tinyperf/measure/measure_models.h"

#include <gtest/gtest.h>

#include "benchmark_test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

using testing::FakeModel;

struct Fixture : testing::TwoModels {
  MeasureSettings settings;
  std::vector<ModelUnderTest*> models = {&fast, &slow};

  Fixture() {
    settings.latency.warmup = {.mode = WarmupMode::kCount, .runs = 2};
    settings.latency.rounds = 6;
    settings.latency.calls_per_round = 1;
    settings.batch_rows = 4;
    settings.throughput_runs = 3;
    settings.throughput_seed = 99;
    settings.accuracy_batch = 3;
    short_memory_and_energy(settings);
  }
  ModelsMeasurement run() { return measure_models(models, data(), settings, clock); }
};

TEST(MeasureModels, MeasuresEveryPhaseOfEveryModel) {
  Fixture f;
  const ModelsMeasurement m = f.run();
  EXPECT_EQ(m.batch_rows, 4u);
  EXPECT_EQ(m.accuracy, (std::vector<std::vector<double>>{{0.75, 1.0}, {0.75, 1.0}}));
  ASSERT_EQ(m.memory.size(), 2u);
  ASSERT_EQ(m.memory[1].size(), 2u);
  EXPECT_EQ(m.memory[1][0].peak_rss_bytes, 2048 * 1024);
  EXPECT_EQ(m.memory[1][0].scope, MemoryScope::kPhase);
  ASSERT_EQ(m.energy.size(), 2u);
  ASSERT_EQ(m.energy[0].size(), 2u);
  EXPECT_EQ(m.energy[0][0].method, "estimate");
  EXPECT_EQ(m.energy[0][0].inferences, 4u);  // one batch of 4 rows (min_seconds 0)
  // Latency: one row per call; throughput: a batch of 4 rows per call.
  ASSERT_EQ(m.latency.samples_ns.size(), 2u);
  EXPECT_EQ(m.latency.samples_ns[0], std::vector<double>(6, 3000.0));
  EXPECT_EQ(m.latency.samples_ns[1], std::vector<double>(6, 11'000.0));
  EXPECT_EQ(m.throughput.samples_ns[0], std::vector<double>(3, 6000.0));
  EXPECT_EQ(m.throughput.samples_ns[1], std::vector<double>(3, 14'000.0));
}

// Every call the orchestrator makes, counted: accuracy ceil(8/3) + ceil(2/3) = 4; memory 2;
// energy 2 (one batch per window); latency 2 warmup + 6 rounds × (1 warm + 1 timed) = 14;
// throughput min(5, 3) = 3 warmup + 3 runs × (1 warm + 1 timed) = 9. Nothing is measured twice.
TEST(MeasureModels, CallsEachModelExactlyAsOftenAsThePhasesNeed) {
  Fixture f;
  f.run();
  EXPECT_EQ(f.fast.calls, 4u + 2 + 2 + 14 + 9);
  EXPECT_EQ(f.slow.calls, f.fast.calls);
}

TEST(MeasureModels, RunsOnlyThePhasesAsked) {
  Fixture f;
  f.settings.phases = Phases::none();
  f.settings.phases.throughput = true;
  const ModelsMeasurement m = f.run();
  EXPECT_TRUE(m.accuracy.empty());
  EXPECT_TRUE(m.memory.empty());
  EXPECT_TRUE(m.energy.empty());
  EXPECT_TRUE(m.latency.samples_ns.empty());
  EXPECT_EQ(m.throughput.samples_ns.size(), 2u);
  EXPECT_EQ(f.fast.calls, 9u);
}

TEST(MeasureModels, ThroughputFollowsTheLatencyOrderWithItsOwnSeed) {
  Fixture f;
  f.settings.latency.order = RunOrder::kSequential;
  const ModelsMeasurement m = f.run();
  EXPECT_EQ(m.latency.order, RunOrder::kSequential);
  EXPECT_EQ(m.throughput.order, RunOrder::kSequential);
  EXPECT_EQ(m.throughput.seed, 99u);
  EXPECT_EQ(m.throughput.warmup_runs, (std::vector<std::size_t>{3, 3}));
  EXPECT_EQ(m.throughput.calls_per_round, 1u);
}

TEST(MeasureModels, BatchIsEveryRowWhenZeroOrTooMany) {
  Fixture f;
  f.settings.batch_rows = 0;
  EXPECT_EQ(f.run().batch_rows, 8u);
  f.settings.batch_rows = 100;
  EXPECT_EQ(f.run().batch_rows, 8u);
}

void expect_refusal(Fixture& f, const std::string& field) {
  try {
    f.run();
    ADD_FAILURE() << "no InputError for " << field;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

TEST(MeasureModels, RefusesBadSettingsNamingTheField) {
  for (const std::string field :
       {"throughput_runs", "memory_runs", "energy_runs", "accuracy_batch", "energy_min_seconds"}) {
    Fixture f;
    if (field == "throughput_runs") f.settings.throughput_runs = 0;
    if (field == "memory_runs") f.settings.memory_runs = 0;
    if (field == "energy_runs") f.settings.energy_runs = 0;
    if (field == "accuracy_batch") f.settings.accuracy_batch = 0;
    if (field == "energy_min_seconds") f.settings.energy_min_seconds = -1.0;
    expect_refusal(f, field);
  }
  Fixture f;
  f.settings.latency.rounds = 0;
  expect_refusal(f, "rounds");
}

TEST(MeasureModels, RefusesMissingModelsOrDataAndDataThatDoesNotFit) {
  Fixture f;
  FakeModel wide("wide", 5, 3);
  std::vector<ModelUnderTest*> none, with_wide = {&f.fast, &wide};
  EXPECT_THROW(measure_models(none, f.data(), f.settings, f.clock), InputError);
  EXPECT_THROW(measure_models(f.models, {}, f.settings, f.clock), InputError);
  EXPECT_THROW(measure_models(with_wide, f.data(), f.settings, f.clock), InputError);
  EXPECT_EQ(f.fast.calls, 0u);  // refused before anything was measured
}

TEST(RowsPerSecond, DividesRowsByTheBatchTime) {
  EXPECT_DOUBLE_EQ(rows_per_second(4, 6000.0), 4.0 / 6e-6);
  EXPECT_DOUBLE_EQ(rows_per_second(4, 0.0), 4e12);
}

}  // namespace
}  // namespace tinyperf::measure
