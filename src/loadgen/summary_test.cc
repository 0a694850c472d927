// The rendered result: LoadGen's keys in JSON, LoadGen's layout in text, and the percentile rule.
#include <gtest/gtest.h>

#include <cmath>

#include "results.h"
#include "test_suts.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

using namespace testing;  // test_suts.h: the simulated clock and SUTs, settings helpers

LoadgenResult simulated_run(Scenario scenario, bool quick = false) {
  SimulatedRun sim(
      [](std::uint64_t k) { return kMs + static_cast<std::int64_t>(k); },
      scenario == Scenario::kServer ? SimulatedSut::Mode::kParallel : SimulatedSut::Mode::kQueue);
  LoadgenSettings s = expecting_1ms(scenario);
  if (quick) apply_quick(s);
  s.min_duration_s = 0.5;
  s.target_qps = 2000;
  if (scenario == Scenario::kOffline) s.min_sample_count = 100;
  return sim.run(s);
}

TEST(LoadgenPercentile, IsTheFloorIndexOfTheAscendingSample) {
  // n = 100, p = 0.9: index floor(90) = 90, the 91st smallest (one above nearest-rank).
  std::vector<std::int64_t> v(100);
  for (int i = 0; i < 100; ++i) v[static_cast<std::size_t>(i)] = 100 - i;  // any order
  const LatencySummary s = detail::summarize_latencies(v, 0.9);
  EXPECT_EQ(s.target_percentile_ns, 91);
  EXPECT_EQ(s.percentile_ns[0], 51);   // p50: sorted[50]
  EXPECT_EQ(s.percentile_ns[5], 100);  // p99.9: floor(99.9) = 99
  EXPECT_EQ(s.mean_ns, 50);            // 5050 / 100 = 50 with integer division
}

TEST(LoadgenJson, SingleStreamCarriesLoadGenKeys) {
  const nlohmann::json j = to_json(simulated_run(Scenario::kSingleStream));
  for (const char* key : {"scenario",
                          "result_validity",
                          "result_invalid_reasons",
                          "result_min_duration_met",
                          "result_min_queries_met",
                          "result_perf_constraints_met",
                          "early_stopping_met",
                          "early_stopping_latency_ss",
                          "early_stopping_latency_ms",
                          "result_mean_latency_ns",
                          "result_min_latency_ns",
                          "result_max_latency_ns",
                          "result_50.00_percentile_latency_ns",
                          "result_90.00_percentile_latency_ns",
                          "result_95.00_percentile_latency_ns",
                          "result_97.00_percentile_latency_ns",
                          "result_99.00_percentile_latency_ns",
                          "result_99.90_percentile_latency_ns",
                          "result_qps_with_loadgen_overhead",
                          "result_qps_without_loadgen_overhead",
                          "settings",
                          "latencies_ns",
                          "warnings",
                          "mlperf_comparable",
                          "tool"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["scenario"], "SingleStream");
  EXPECT_EQ(j["result_validity"], "VALID");
  EXPECT_EQ(j["latencies_ns"].size(), j["result_query_count"].get<std::size_t>());
  EXPECT_EQ(j["settings"]["qsl_rng_seed"], kMlperfQslRngSeed);
  EXPECT_TRUE(j["mlperf_comparable"].get<bool>());
}

TEST(LoadgenJson, LatenciesRecomputeTheReportedFigures) {
  const nlohmann::json j = to_json(simulated_run(Scenario::kSingleStream));
  auto lat = j["latencies_ns"].get<std::vector<std::int64_t>>();
  std::sort(lat.begin(), lat.end());
  const auto n = lat.size();
  EXPECT_EQ(j["result_90.00_percentile_latency_ns"], lat[static_cast<std::size_t>(0.9 * n)]);
  EXPECT_EQ(j["result_max_latency_ns"], lat.back());
}

TEST(LoadgenJson, EachScenarioReportsItsMetric) {
  EXPECT_TRUE(to_json(simulated_run(Scenario::kMultiStream))
                  .contains("result_99.00_percentile_per_query_latency_ns"));
  const nlohmann::json server = to_json(simulated_run(Scenario::kServer));
  EXPECT_GT(server["result_completed_samples_per_sec"].get<double>(), 0);
  EXPECT_TRUE(server.contains("result_scheduled_samples_per_sec"));
  EXPECT_FALSE(server.contains("early_stopping_latency_ss"));
  const nlohmann::json offline = to_json(simulated_run(Scenario::kOffline));
  EXPECT_GT(offline["result_samples_per_second"].get<double>(), 0);
}

TEST(LoadgenJson, AbsentEarlyStoppingEstimateIsNull) {
  SimulatedRun sim(fixed_latency(kMs), 10, 10);
  const nlohmann::json j = to_json(sim.run(closed_loop(Scenario::kSingleStream, 10)));
  EXPECT_TRUE(j["early_stopping_latency_ss"].is_null());
  EXPECT_EQ(j["result_validity"], "INVALID");
  EXPECT_FALSE(j["result_invalid_reasons"].empty());
}

TEST(LoadgenJson, QuickRunsSayTheyAreNotComparable) {
  const nlohmann::json j = to_json(simulated_run(Scenario::kSingleStream, true));
  EXPECT_FALSE(j["mlperf_comparable"].get<bool>());
  ASSERT_FALSE(j["warnings"].empty());
  EXPECT_NE(j["warnings"][0].get<std::string>().find("not comparable with MLPerf"),
            std::string::npos);
}

TEST(LoadgenSummary, TextFollowsLoadGenLayout) {
  const std::string text = format_summary(simulated_run(Scenario::kSingleStream));
  for (const char* line :
       {"Scenario : SingleStream", "Result is : VALID", "Min duration satisfied : Yes",
        "Min queries satisfied : Yes", "Early stopping satisfied: Yes", "Early Stopping Result:",
        "Early stopping 90.0th percentile estimate:", "90.0th percentile latency (ns) :",
        "QPS w/ loadgen overhead", "99.90 percentile latency (ns)",
        "Test Parameters Used:", "qsl_rng_seed : 2085463073848966840"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
}

TEST(LoadgenSummary, InvalidRunListsEveryReason) {
  SimulatedRun sim(fixed_latency(kMs), 10, 10);
  LoadgenSettings s = expecting_1ms(Scenario::kSingleStream);
  s.max_query_count = 50;
  s.min_query_count = 50;
  const std::string text = format_summary(sim.run(s));
  EXPECT_NE(text.find("Result is : INVALID"), std::string::npos);
  EXPECT_NE(text.find("INVALID because min duration not met"), std::string::npos) << text;
  EXPECT_NE(text.find("INVALID because early stopping not met"), std::string::npos);
  EXPECT_NE(text.find("Recommendations:"), std::string::npos);
}

}  // namespace
}  // namespace tinyperf::loadgen
