#include <cstdlib>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "render_test_support.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace {

using namespace testing;  // render_test_support.h: the fixture, side(), around(), hostile()
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kGolden = "../../tests/golden/run_report.md";

// The provenance fields (time, build, versions, kernel) replaced by placeholders, so that the
// golden file pins the layout and every recomputed number but not the provenance.
nlohmann::json masked(nlohmann::json doc) {
  doc["timestamp"] = "MASKED";
  for (const char* key : {"version", "git_commit", "compiler"}) doc["tool"][key] = "MASKED";
  for (auto& [name, version] : doc["system_info"]["libraries"].items()) version = "MASKED";
  for (const char* key : {"kernel", "platform"}) doc["system_info"][key] = "MASKED";
  return doc;
}

// tests/golden/run_report.md is the reviewed expected output for the fixture: every number in it
// was checked against a recomputation in Python from the fixture's raw samples (medians, their
// order-statistic intervals, speedups, compression, accuracy deltas, efficiency scores) or, for the
// bootstrap intervals, against the file's improvements. Regenerate with TINYPERF_UPDATE_GOLDEN=1
// only when the fixture or the format changes, and review the diff: it is the test's expectation.
TEST(MarkdownReport, MatchesTheGoldenFile) {
  const std::string md = render_markdown_report(masked(fixture()));
  const char* update = std::getenv("TINYPERF_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") write_file_atomic(kGolden, md);
  EXPECT_EQ(md, read_text_file(kGolden));
}

TEST(MarkdownReport, StatesEachVerdictAsASentence) {
  const std::string md = render_markdown_report(fixture());
  EXPECT_THAT(md, HasSubstr("- mlp_pruned_int8 is 6.80x faster than mlp_fp32 (95% CI 6.77-6.83x, "
                            "p < 0.001), 8.3x smaller, accuracy +1.08 points"));
  EXPECT_THAT(md, HasSubstr("| mlp_pruned_int8 | optimized | 86.47% | 1.20 [1.20, 1.20] | "
                            "6.80x [6.77, 6.83] | faster |"));
  EXPECT_THAT(md, HasSubstr("## Methodology"));
  EXPECT_THAT(md, HasSubstr("- mlp_fp32: high variance: latency cv 0.12\n"));
}

TEST(MarkdownReport, WordsSlowerNoChangeAndInconclusiveVerdicts) {
  const nlohmann::json doc = {
      {"baseline", side("base", around(1.0, 40, 0.001))},
      {"candidates",
       {side("twice_as_slow", around(2.0, 40, 0.001)), side("same", around(1.0, 40, 0.001)),
        side("noisy", {0.9, 1.3, 0.95, 1.2, 1.0, 1.1, 0.85, 1.25})}}};
  const std::string md = render_markdown_report(doc);
  EXPECT_THAT(md, HasSubstr("twice_as_slow is 2.00x slower than base (speedup 0.50x, 95% CI"));
  EXPECT_THAT(md, HasSubstr("same is as fast as base within 1% (speedup 1.00x, 95% CI 1.00-1.00x"));
  EXPECT_THAT(md, HasSubstr("noisy shows no clear latency difference from base: inconclusive"));
}

TEST(MarkdownReport, EscapesMarkupFromTheDocument) {
  const std::string md = render_markdown_report(testing::hostile());
  EXPECT_THAT(md, Not(HasSubstr("<script")));
  EXPECT_THAT(md, Not(HasSubstr("<img")));
  EXPECT_THAT(md, Not(HasSubstr("\x1b")));
  EXPECT_THAT(
      md,
      HasSubstr(
          "&lt;script&gt;alert(1)&lt;/script&gt;?\\[31m\\|\\*\\_x\\_\\*\\`\\[a\\](b)&amp;amp;"));
  // A '|' in a name must not add a table column: every row of a table (consecutive lines
  // starting with '|') has as many unescaped pipes as the table's header.
  std::size_t header_pipes = 0;
  std::size_t tables = 0;
  std::istringstream lines(md);
  for (std::string row; std::getline(lines, row);) {
    if (row.empty() || row[0] != '|') {
      header_pipes = 0;
      continue;
    }
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < row.size(); ++i)
      pipes += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
    if (header_pipes == 0) {
      header_pipes = pipes;
      ++tables;
    }
    EXPECT_EQ(pipes, header_pipes) << row;
  }
  EXPECT_EQ(tables, 2u);  // the summary and the scenarios
}

TEST(MarkdownReport, HandlesABaselineAlone) {
  const std::string md = render_markdown_report({{"baseline", side("solo", around(0.01))}});
  EXPECT_THAT(md, HasSubstr("Only the baseline was measured"));
  EXPECT_THAT(md, HasSubstr("| solo | baseline | 88.00% |"));
  EXPECT_THAT(md, HasSubstr("## Warnings\n\nNone."));
}

}  // namespace
}  // namespace tinyperf::report
