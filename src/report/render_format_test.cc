#include "render_format.h"

#include <fmt/core.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "render_test_support.h"

namespace tinyperf::report::detail {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::Pair;

using Row = std::pair<std::string, std::string>;

std::vector<std::string> cells_of(const ScenarioTable& table, const std::string& label) {
  for (const auto& [name, cells] : table.rows) {
    if (name == label) return cells;
  }
  return {};
}

TEST(ScenarioTable, PutsMlperfScenariosFirstAndFormatsNanoseconds) {
  const json scenarios = {{"offline",
                           {{"scenario", "Offline"},
                            {"result_samples_per_second", 240952.4},
                            {"result_50.00_percentile_latency_ns", 757442778}}},
                          {"custom", {{"result_validity", "INVALID"}}},
                          {"single_stream",
                           {{"result_validity", "VALID"},
                            {"early_stopping_latency_ss", 2852},
                            {"result_50.00_percentile_latency_ns", 850},
                            {"result_max_latency_ns", 16082840},
                            {"result_99.90_percentile_latency_ns", 1.26e9}}}};
  const ScenarioTable table = scenario_table(scenarios);
  EXPECT_THAT(table.columns, ElementsAre("single_stream", "offline", "custom"));
  EXPECT_THAT(cells_of(table, "result"), ElementsAre("VALID", "-", "INVALID"));
  EXPECT_THAT(cells_of(table, "early-stopping p90 latency"),
              ElementsAre("2.85 \xC2\xB5s", "-", "-"));
  EXPECT_THAT(cells_of(table, "latency p50"), ElementsAre("850 ns", "757 ms", "-"));
  EXPECT_THAT(cells_of(table, "latency max"), ElementsAre("16.1 ms", "-", "-"));
  EXPECT_THAT(cells_of(table, "latency p99.9"), ElementsAre("1.26 s", "-", "-"));
  EXPECT_THAT(cells_of(table, "samples per second"), ElementsAre("-", "240,952", "-"));
  EXPECT_TRUE(cells_of(table, "queries").empty());  // no scenario reports it: no row
}

TEST(ScenarioTable, LeavesOutRowsOfEmptyListsButShowsReasons) {
  const json scenarios = {
      {"server",
       {{"result_validity", "INVALID"},
        {"warnings", json::array()},
        {"result_invalid_reasons", {"p99 latency 12 ms > bound 10 ms", "too few queries"}}}}};
  const ScenarioTable table = scenario_table(scenarios);
  EXPECT_TRUE(cells_of(table, "warnings").empty());
  EXPECT_THAT(cells_of(table, "invalid because"),
              ElementsAre("p99 latency 12 ms > bound 10 ms; too few queries"));
}

TEST(ScenarioTable, IsEmptyWithoutScenarios) {
  EXPECT_TRUE(scenario_table(json::object()).columns.empty());
  EXPECT_TRUE(scenario_table(json("text")).rows.empty());
  // A scenario that is not an object shows "-" everywhere rather than failing.
  const ScenarioTable odd =
      scenario_table({{"offline", 3}, {"server", {{"result_validity", "VALID"}}}});
  EXPECT_THAT(cells_of(odd, "result"), ElementsAre("VALID", "-"));
}

TEST(DisplayPairs, KeepsListsOfNamesButNotRawData) {
  const json system = {
      {"processor", "CPU"},
      {"isa", {"sse2", "ssse3", "sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f"}},
      {"latencies_ns", {1, 2, 3, 4, 5, 6, 7, 8, 9}},
      {"git_commit", "abc"}};
  EXPECT_THAT(
      display_pairs(system, Block::kSystem, {"git_commit"}),
      ElementsAre(Pair("processor", "CPU"),
                  Pair("isa", "sse2, ssse3, sse4_1, sse4_2, avx, avx2, fma, f16c, avx512f")));
}

TEST(DisplayPairs, FlattensNestedObjectsIntoDottedKeys) {
  const json settings = {{"seed", 42},
                         {"baseline", {{"source", "trained"}, {"recipe", {{"epochs", 2}}}}},
                         {"extra", json::object()}};
  EXPECT_THAT(display_pairs(settings, Block::kSettings),
              ElementsAre(Pair("seed", "42"), Pair("baseline.recipe.epochs", "2"),
                          Pair("baseline.source", "trained"), Pair("extra", "(none)")));
}

TEST(SystemBlocks, LeaveTheBuildFieldsToTheToolBlock) {
  const ReportView& view = testing::fixture_view();
  const auto blocks = system_blocks(view);
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].title, "System");
  EXPECT_EQ(blocks[0].pairs.front(), Row("processor", "Intel(R) Xeon(R) Processor"));
  for (const auto& [key, text] : blocks[0].pairs) {
    EXPECT_NE(key, "git_commit");
    EXPECT_NE(key, "tool_version");
  }
  EXPECT_THAT(blocks[1].pairs, ::testing::Contains(Pair("git_commit", "7a66a9320e58-dirty")));
  EXPECT_THAT(blocks[0].pairs, ::testing::Contains(Pair("memory_gb", "23.54")));
}

TEST(JsonText, FormatsNumbersForReading) {
  EXPECT_EQ(json_text(json(23.540584564208984)), "23.54");
  EXPECT_EQ(json_text(json(0.0)), "0");
  EXPECT_EQ(json_text(json(254691.77790876967)), "254692");
  EXPECT_EQ(json_text(json(2085463073848966840u)), "2085463073848966840");  // seeds exactly
  EXPECT_EQ(json_text(json(true)), "yes");
  EXPECT_EQ(json_text(json("")), "(none)");
  EXPECT_EQ(json_text(json({1, 784})), "1, 784");
}

TEST(EnergyLines, GroupVariantsByMethod) {
  nlohmann::json doc = {
      {"baseline", testing::side("a", testing::around(0.01))},
      {"candidates",
       {testing::side("b", testing::around(0.01)), testing::side("c", testing::around(0.01))}}};
  doc["baseline"]["metrics"]["energy_j_per_inference"] = 12.1e-6;
  doc["baseline"]["metrics"]["energy_method"] = "estimate";
  doc["candidates"][0]["metrics"]["energy_j_per_inference"] = 0.0021;
  doc["candidates"][0]["metrics"]["energy_method"] = "rapl";
  doc["candidates"][1]["metrics"]["energy_j_per_inference"] = 6.5e-6;
  doc["candidates"][1]["metrics"]["energy_method"] = "estimate";
  const auto lines = energy_lines(build_report_view(doc),
                                  [](std::string_view n) { return fmt::format("<{}>", n); });
  // A no-break space (U+00A0) keeps each number with its unit.
  EXPECT_THAT(lines, ElementsAre("Energy per inference (estimated, not measured): <a> "
                                 "12.1\xC2\xA0\xC2\xB5J \xC2\xB7 <c> 6.5\xC2\xA0\xC2\xB5J",
                                 "Energy per inference (measured with the RAPL counters): <b> "
                                 "2.1\xC2\xA0mJ"));
  EXPECT_TRUE(energy_lines(build_report_view({{"baseline", testing::side("a", {})}}),
                           [](std::string_view n) { return std::string(n); })
                  .empty());
}

}  // namespace
}  // namespace tinyperf::report::detail
