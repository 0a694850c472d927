#include "tinyperf/leaderboard/leaderboard.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_submissions.h"
#include "tinyperf/core/error.h"

namespace tinyperf::leaderboard {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::inputs_of;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::submission;

EventMetrics figures(double accuracy, double latency_ms, double size_mb) {
  EventMetrics m;
  m.accuracy = accuracy;
  m.latency_ms = latency_ms;
  m.latency_key = "latency_ms_median";
  m.model_size_mb = size_mb;
  m.efficiency_score = 1.0;
  return m;
}

submission::Submission typed(const json& doc) { return submission::parse_submission(doc); }

TEST(Qualify, SprintAndMemoryNeedAccuracyOfAtLeast085) {
  for (const Event event : {Event::kLatencySprint, Event::kMemoryChallenge}) {
    EXPECT_TRUE(qualify(figures(0.85, 5, 1), event).qualifies);
    const Qualification q = qualify(figures(0.849, 5, 1), event);
    EXPECT_FALSE(q.qualifies);
    EXPECT_EQ(q.reason, "accuracy 0.849 is below 0.85");
  }
}

TEST(Qualify, ExtremePushNeedsAccuracyOfAtLeast080) {
  EXPECT_TRUE(qualify(figures(0.80, 500, 50), Event::kExtremePush).qualifies);
  EXPECT_EQ(qualify(figures(0.799, 5, 1), Event::kExtremePush).reason,
            "accuracy 0.799 is below 0.8");
}

TEST(Qualify, AccuracyContestNeedsLatencyAndSizeStrictlyBelowTheLimits) {
  EXPECT_TRUE(qualify(figures(0.1, 99.999, 9.999), Event::kAccuracyContest).qualifies);
  EXPECT_EQ(qualify(figures(0.99, 100, 1), Event::kAccuracyContest).reason,
            "latency 100 ms is not below 100 ms");
  EXPECT_EQ(qualify(figures(0.99, 1, 10), Event::kAccuracyContest).reason,
            "size 10 MB is not below 10 MB");
  EXPECT_EQ(qualify(figures(0.99, 100, 10), Event::kAccuracyContest).reason,
            "latency 100 ms is not below 100 ms; size 10 MB is not below 10 MB");
}

TEST(Qualify, AllAroundAlwaysQualifiesUsableFigures) {
  EXPECT_TRUE(qualify(figures(0.01, 1e6, 1e6), Event::kAllAround).qualifies);
}

TEST(Qualify, DisqualifiesMissingNonFiniteAndOutOfRangeFiguresWithAReason) {
  const double nan = EventMetrics::kMissing;
  const double inf = std::numeric_limits<double>::infinity();
  for (const Event event : all_events()) {
    EXPECT_EQ(qualify(figures(nan, 5, 1), event).reason, "accuracy is missing");
    EXPECT_EQ(qualify(figures(1.5, 5, 1), event).reason, "accuracy 1.5 is outside [0, 1]");
    EXPECT_EQ(qualify(figures(0.9, 0, 1), event).reason, "latency_ms_median 0 is not > 0");
    EXPECT_EQ(qualify(figures(0.9, inf, 1), event).reason, "latency_ms_median inf is not > 0");
    EXPECT_EQ(qualify(figures(0.9, 5, -1), event).reason, "model_size_mb -1 is not > 0");
    EXPECT_EQ(qualify(figures(0.9, 5, nan), event).reason, "model_size_mb is missing");
  }
}

TEST(EventMetrics, ReadsTheOptimizedSideWhenPresent) {
  json doc = submission(0.9, 30, 4);
  doc["optimized"] = {
      {"model_name", "mlp_int8"},
      {"metrics", {{"accuracy", 0.88}, {"latency_ms_mean", 7.0}, {"model_size_mb", 1.0}}}};
  const EventMetrics m = event_metrics(typed(doc));
  EXPECT_EQ(m.side, "optimized");
  EXPECT_EQ(m.model_name, "mlp_int8");
  EXPECT_EQ(m.accuracy, 0.88);
  EXPECT_EQ(m.latency_ms, 7.0);  // no median on this side: the mean
  EXPECT_EQ(m.latency_key, "latency_ms_mean");
  // Only one side has a median, so speedup uses means: 30 / 7; compression 4; delta -0.02.
  EXPECT_DOUBLE_EQ(m.efficiency_score, (30.0 / 7.0) * 4.0 / 1.02);
}

TEST(EventMetrics, EfficiencyScoreFollowsTheStatisticsSpecExample) {
  // docs/statistics.md: A = (100 ms, 12 MB, 0.89), B = (40 ms, 3 MB, 0.87) gives 9.8039...
  json doc = submission(0.89, 100, 12);
  doc["optimized"] = {{"model_name", "b"},
                      {"metrics",
                       {{"accuracy", 0.87},
                        {"latency_ms_mean", 40.0},
                        {"latency_ms_median", 40.0},
                        {"model_size_mb", 3.0}}}};
  EXPECT_NEAR(event_metrics(typed(doc)).efficiency_score, 9.803921568627452, 1e-12);
  doc["improvements"] = {{"efficiency_score", 7.5}};  // stated: taken as is (validated elsewhere)
  EXPECT_EQ(event_metrics(typed(doc)).efficiency_score, 7.5);
}

TEST(EventMetrics, EfficiencyIsOneWithoutAnOptimizedSide) {
  const EventMetrics m = event_metrics(typed(submission(0.9, 30, 4)));
  EXPECT_EQ(m.side, "baseline");
  EXPECT_EQ(m.efficiency_score, 1.0);
}

TEST(EventMetrics, MissingFiguresAreNaN) {
  json doc = submission(0.9, 30, 4);
  doc["baseline"]["metrics"].erase("accuracy");
  doc["baseline"]["metrics"].erase("model_size_mb");
  const EventMetrics m = event_metrics(typed(doc));
  EXPECT_TRUE(std::isnan(m.accuracy));
  EXPECT_TRUE(std::isnan(m.model_size_mb));
  EXPECT_EQ(qualify(m, Event::kAllAround).reason, "accuracy is missing");
  // A figure of the wrong type never gets this far: parse_submission refuses it.
  doc["baseline"]["metrics"]["accuracy"] = true;
  EXPECT_THROW(event_metrics(typed(doc)), InputError);
}

std::vector<std::string> ranked_sources(const EventTable& table) {
  std::vector<std::string> out;
  for (const auto& e : table.ranked) out.push_back(e.source + "#" + std::to_string(e.rank));
  return out;
}

TEST(BuildLeaderboard, RanksEachEventAndKeepsInputOrderOnTies) {
  const auto inputs = inputs_of({submission(0.90, 20, 2), submission(0.95, 10, 2),
                                 submission(0.86, 10, 1), submission(0.849, 1, 0.5)});
  LeaderboardOptions options;
  options.events = {Event::kLatencySprint, Event::kMemoryChallenge, Event::kAccuracyContest};
  const Leaderboard board = build_leaderboard(inputs, options);
  ASSERT_EQ(board.tables.size(), 3u);
  EXPECT_THAT(ranked_sources(board.tables[0]),
              ElementsAre("s1.json#1", "s2.json#1", "s0.json#3"));  // 10, 10 tie in input order
  EXPECT_THAT(board.tables[0].not_qualified, ::testing::SizeIs(1));
  EXPECT_EQ(board.tables[0].not_qualified[0].reason, "accuracy 0.849 is below 0.85");
  EXPECT_THAT(ranked_sources(board.tables[1]), ElementsAre("s2.json#1", "s0.json#2", "s1.json#2"));
  EXPECT_THAT(ranked_sources(board.tables[2]),
              ElementsAre("s1.json#1", "s0.json#2", "s2.json#3", "s3.json#4"));
}

TEST(BuildLeaderboard, RanksExtremePushByLatencyTimesSize) {
  const auto inputs =
      inputs_of({submission(0.8, 10, 2), submission(0.9, 4, 4), submission(0.9, 30, 0.5)});
  LeaderboardOptions options;
  options.events = {Event::kExtremePush};
  EXPECT_THAT(ranked_sources(build_leaderboard(inputs, options).tables[0]),
              ElementsAre("s2.json#1", "s1.json#2", "s0.json#3"));  // 15, 16, 20
}

TEST(BuildLeaderboard, SkipsInvalidAndUnreadableInputsWithTheReason) {
  json bad = submission(1.5, 10, 1);
  std::vector<LeaderboardInput> inputs = inputs_of({submission(0.9, 10, 1), bad});
  inputs.push_back({"broken.json", std::nullopt, "broken.json: not valid JSON: truncated"});
  const Leaderboard board = build_leaderboard(inputs);
  EXPECT_EQ(board.valid_submissions, 1u);
  ASSERT_EQ(board.skipped.size(), 2u);
  EXPECT_EQ(board.skipped[0].source, "s1.json");
  EXPECT_EQ(board.skipped[0].reason,
            "invalid tinytorch capstone submission: "
            "$.baseline.metrics.accuracy: 1.5 is outside [0, 1]");
  EXPECT_EQ(board.skipped[1].reason, "broken.json: not valid JSON: truncated");
  for (const auto& table : board.tables) {
    for (const auto& e : table.ranked) EXPECT_EQ(e.source, "s0.json");
  }
}

TEST(BuildLeaderboard, GroupsByProcessorUnlessAskedNotTo) {
  const auto inputs = inputs_of({submission(0.9, 10, 1, "cpu-a"), submission(0.9, 5, 1, "cpu-b"),
                                 submission(0.9, 7, 1, "cpu-a")});
  LeaderboardOptions options;
  options.events = {Event::kLatencySprint};
  const Leaderboard grouped = build_leaderboard(inputs, options);
  ASSERT_EQ(grouped.tables.size(), 2u);
  EXPECT_EQ(grouped.tables[0].group, "cpu-a");
  EXPECT_THAT(ranked_sources(grouped.tables[0]), ElementsAre("s2.json#1", "s0.json#2"));
  EXPECT_EQ(grouped.tables[1].group, "cpu-b");
  options.group_by = GroupBy::kNone;
  const Leaderboard together = build_leaderboard(inputs, options);
  ASSERT_EQ(together.tables.size(), 1u);
  EXPECT_THAT(ranked_sources(together.tables[0]),
              ElementsAre("s1.json#1", "s2.json#2", "s0.json#3"));
  EXPECT_EQ(together.tables[0].ranked[0].processor, "cpu-b");
}

TEST(ProcessorOf, FallsBackToPlatformThenUnknown) {
  json doc = submission(0.9, 1, 1, "");
  EXPECT_EQ(processor_of(typed(doc)), "Linux");
  doc["system_info"].erase("platform");
  EXPECT_EQ(processor_of(typed(doc)), "unknown");
}

TEST(ParseNames, RefuseUnknownValues) {
  EXPECT_EQ(parse_event("extreme_push"), Event::kExtremePush);
  EXPECT_THROW(parse_event("sprint"), InputError);
  EXPECT_EQ(parse_group_by("none"), GroupBy::kNone);
  EXPECT_THROW(parse_group_by("cpu"), InputError);
}

TEST(ReadLeaderboardInputs, ExpandsDirectoriesInNameOrderAndKeepsBrokenFiles) {
  const fs::path dir = fs::temp_directory_path() / ("tinyperf_lb_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "b.json") << submission(0.9, 1, 1).dump();
  std::ofstream(dir / "a.json") << "{\"truncated\": ";
  std::ofstream(dir / "notes.txt") << "not a submission";
  const std::vector<std::string> paths = {dir.string()};
  const auto inputs = read_leaderboard_inputs(paths);
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(fs::path(inputs[0].source).filename(), "a.json");
  EXPECT_FALSE(inputs[0].document.has_value());
  EXPECT_THAT(inputs[0].read_error, HasSubstr("not valid JSON"));
  EXPECT_TRUE(inputs[1].document.has_value());
  const std::vector<std::string> missing = {(dir / "absent.json").string()};
  EXPECT_THROW(read_leaderboard_inputs(missing), IoError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tinyperf::leaderboard
