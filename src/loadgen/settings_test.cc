#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/settings.h"

namespace tinyperf::loadgen {
namespace {

// Expects validate_settings to throw an InputError whose message contains `needle`.
// Expects validate_settings to throw an InputError whose message holds `needle` and, when `field`
// is given, that names that settings field.
void expect_rejected(const LoadgenSettings& s, const SampleLibrary& qsl, const std::string& needle,
                     const std::string& field = "") {
  try {
    validate_settings(s, qsl);
    ADD_FAILURE() << "accepted settings that should fail with: " << needle;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    if (!field.empty()) {
      EXPECT_EQ(e.field(), field) << e.what();
    }
  }
}

LoadgenSettings server_settings() {
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = 100;
  return s;
}

const IndexSampleLibrary kQsl("qsl", 1000, 100);

TEST(Settings, DefaultsFollowLoadGen) {
  EXPECT_EQ(default_settings(Scenario::kSingleStream).min_query_count, 100u);
  EXPECT_DOUBLE_EQ(default_settings(Scenario::kSingleStream).target_latency_percentile, 0.90);
  const LoadgenSettings ms = default_settings(Scenario::kMultiStream);
  EXPECT_EQ(ms.samples_per_query, 8u);
  EXPECT_EQ(ms.min_query_count, 662u);
  EXPECT_DOUBLE_EQ(ms.target_latency_percentile, 0.99);
  EXPECT_EQ(default_settings(Scenario::kServer).target_latency_ns, 10'000'000);
  EXPECT_EQ(default_settings(Scenario::kServer).min_query_count, 459u);  // h(0) + 0 at p99
  EXPECT_EQ(default_settings(Scenario::kOffline).min_sample_count, 24'576u);
  EXPECT_DOUBLE_EQ(default_settings(Scenario::kOffline).min_duration_s, 10.0);
}

TEST(Settings, DefaultsAreValid) {
  for (Scenario sc : {Scenario::kSingleStream, Scenario::kMultiStream, Scenario::kOffline}) {
    EXPECT_NO_THROW(validate_settings(default_settings(sc), kQsl));
  }
  EXPECT_NO_THROW(validate_settings(server_settings(), kQsl));
}

TEST(Settings, ParsesBothSpellingsOfScenarios) {
  EXPECT_EQ(parse_scenario("single-stream"), Scenario::kSingleStream);
  EXPECT_EQ(parse_scenario("MultiStream"), Scenario::kMultiStream);
  EXPECT_EQ(parse_scenario("server"), Scenario::kServer);
  EXPECT_EQ(parse_scenario("Offline"), Scenario::kOffline);
  EXPECT_THROW(parse_scenario("singlestream"), InputError);
  EXPECT_EQ(scenario_name(Scenario::kServer), "Server");
}

TEST(Settings, RejectsZeroNegativeAndNonFiniteQps) {
  LoadgenSettings s = server_settings();
  s.target_qps = 0;
  expect_rejected(s, kQsl, "loadgen setting target_qps must be > 0, got 0", "target_qps");
  s.target_qps = -5;
  expect_rejected(s, kQsl, "target_qps must be > 0, got -5", "target_qps");
  s.target_qps = std::numeric_limits<double>::quiet_NaN();
  expect_rejected(s, kQsl, "target_qps", "target_qps");
  LoadgenSettings off = default_settings(Scenario::kOffline);
  off.target_qps = -1;
  expect_rejected(off, kQsl, "target_qps", "target_qps");
}

TEST(Settings, RejectsServerTracesBeyondTheMemoryCap) {
  LoadgenSettings s = server_settings();
  s.target_qps = 1e7;
  s.min_duration_s = 10;
  expect_rejected(s, kQsl, "more than 16777216 queries", "target_qps");
}

TEST(Settings, RejectsNegativeAndContradictoryDurations) {
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.min_duration_s = -1;
  expect_rejected(s, kQsl, "min_duration_s must be a finite number >= 0, got -1", "min_duration_s");
  s.min_duration_s = 10;
  s.max_duration_s = -0.5;
  expect_rejected(s, kQsl, "max_duration_s must be a finite number", "max_duration_s");
  s.max_duration_s = 5;
  expect_rejected(s, kQsl, "max_duration_s (5 s) is below min_duration_s (10 s)", "max_duration_s");
  s.max_duration_s = std::numeric_limits<double>::infinity();
  expect_rejected(s, kQsl, "max_duration_s", "max_duration_s");
}

TEST(Settings, RejectsBadQueryCounts) {
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.min_query_count = 0;
  expect_rejected(s, kQsl, "min_query_count must be >= 1, got 0", "min_query_count");
  s.min_query_count = 100;
  s.max_query_count = 99;
  expect_rejected(s, kQsl, "max_query_count (99) is below min_query_count (100)",
                  "max_query_count");
}

TEST(Settings, RejectsLatencyBoundsBelowTheClockResolution) {
  LoadgenSettings s = server_settings();
  s.target_latency_ns = 999;
  expect_rejected(s, kQsl, "target_latency_ns is 999 ns", "target_latency_ns");
  s.target_latency_ns = 0;
  expect_rejected(s, kQsl, "below the 1000 ns", "target_latency_ns");
  s.target_latency_ns = 1000;
  EXPECT_NO_THROW(validate_settings(s, kQsl));
}

TEST(Settings, RejectsMoreSamplesPerQueryThanTheLibraryHolds) {
  LoadgenSettings s = default_settings(Scenario::kMultiStream);
  s.samples_per_query = 101;  // the library loads 100
  expect_rejected(s, kQsl, "samples_per_query (101) exceeds the 100 samples", "samples_per_query");
  s.samples_per_query = 0;
  expect_rejected(s, kQsl, "samples_per_query must be >= 1, got 0", "samples_per_query");
  LoadgenSettings ss = default_settings(Scenario::kSingleStream);
  ss.samples_per_query = 2;
  expect_rejected(ss, kQsl, "must be 1 in SingleStream");
}

TEST(Settings, RejectsLibrariesThatCannotServeTheRun) {
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.performance_sample_count = 1001;
  expect_rejected(s, kQsl, "exceeds the 1000 samples library 'qsl' holds");
  expect_rejected(default_settings(Scenario::kSingleStream), IndexSampleLibrary("empty", 0, 0),
                  "holds no samples");
}

TEST(Settings, SeedDerivesThreeDistinctReproducibleStreams) {
  LoadgenSettings a, b;
  apply_seed(a, 42);
  apply_seed(b, 42);
  EXPECT_EQ(a.qsl_rng_seed, b.qsl_rng_seed);
  EXPECT_NE(a.qsl_rng_seed, a.sample_index_rng_seed);
  EXPECT_NE(a.sample_index_rng_seed, a.schedule_rng_seed);
  apply_seed(b, 43);
  EXPECT_NE(a.schedule_rng_seed, b.schedule_rng_seed);
}

TEST(Settings, QuickLowersTheMinimumsAndSaysSo) {
  LoadgenSettings s = default_settings(Scenario::kOffline);
  apply_quick(s);
  EXPECT_TRUE(s.quick);
  EXPECT_DOUBLE_EQ(s.min_duration_s, 1.0);
  EXPECT_EQ(s.min_sample_count, 4096u);
  EXPECT_EQ(settings_to_json(s)["quick"], true);
}

TEST(Settings, JsonUsesLoadGenNamesAndKeepsSeeds) {
  const nlohmann::json j = settings_to_json(default_settings(Scenario::kSingleStream));
  EXPECT_EQ(j["min_duration_ms"], 10000);
  EXPECT_EQ(j["qsl_rng_seed"], kMlperfQslRngSeed);
  EXPECT_EQ(j["schedule_rng_seed"], kMlperfScheduleRngSeed);
  EXPECT_EQ(j["scenario"], "SingleStream");
}

}  // namespace
}  // namespace tinyperf::loadgen
