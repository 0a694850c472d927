#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "render_test_support.h"
#include "render_text_parts.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace {

using namespace testing;  // render_test_support.h: the fixture, side(), around(), hostile()
using ::testing::HasSubstr;
using ::testing::Not;

// Every word survives the wrap with exactly one space between words, whatever column a line
// reaches mid-text (a word once ended exactly at the width of "warning: " on a wrapped line, and
// the next word was glued to it).
TEST(Wrap, KeepsOneSpaceBetweenEveryPairOfWords) {
  for (std::size_t shift = 0; shift < 12; ++shift) {
    std::string text(shift + 1, 'x');
    for (int i = 0; i < 60; ++i) text += std::string(" ") + std::string(1 + i % 7, 'a' + i % 26);
    const std::string out = detail::wrap(text, "warning: ", "  ");
    std::string joined;
    for (const std::string& line : lines_of(out)) {
      EXPECT_LE(line.size(), detail::kTextWidth);
      joined += joined.empty() ? line.substr(9) : " " + line.substr(2);
    }
    EXPECT_EQ(joined, text) << "shift " << shift;
  }
}

TEST(SummaryTable, FitsInOneHundredColumns) {
  nlohmann::json doc = fixture();
  doc["candidates"][0]["model_name"] = std::string(150, 'n');  // cut, never wrapped
  for (const auto& line : lines_of(render_summary_table(doc))) {
    EXPECT_LE(char_count(line), 100u) << line;
  }
}

TEST(SummaryTable, AlignsItsColumns) {
  const auto lines = lines_of(testing::fixture_text());
  ASSERT_GE(lines.size(), 7u);
  EXPECT_THAT(lines[1], HasSubstr("variant"));
  EXPECT_EQ(lines[2].rfind("mlp_fp32", 0), 0u);
  // Every row of the table ends at the same column, the right edge of the throughput column.
  for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(char_count(lines[i]), 97u) << lines[i];
  // The verdict column starts at the same place in every row.
  const auto at = lines[1].find("verdict");
  EXPECT_EQ(lines[2].substr(at, 8), "baseline");
  EXPECT_EQ(lines[3].substr(at, 6), "faster");
  // Names left-aligned; numbers right-aligned in their columns (2 spaces apart); the verdict one
  // space after the speedup it qualifies.
  EXPECT_EQ(lines[3],
            "mlp_pruned_int8        86.47%  1.20 (1.20-1.20)  6.80x (6.77-6.83) faster    "
            "0.11   8.3x  230,450");
  EXPECT_EQ(lines[5],
            "mlp_structured_pruned  86.59%  3.82 (3.81-3.85)  2.14x (2.12-2.15) faster    "
            "0.42   2.1x  119,269");
}

TEST(SummaryTable, ListsVerdictsNotesAndWarningsAfterTheTable) {
  const std::string& text = testing::fixture_text();
  // Wrapped at 100 columns, continuation lines indented.
  EXPECT_THAT(text,
              HasSubstr("\n- mlp_pruned_int8 is 6.80x faster than mlp_fp32 (95% CI 6.77-6.83x, "
                        "p < 0.001), 8.3x smaller,\n  accuracy +1.08 points (efficiency score "
                        "56.58).\n"));
  EXPECT_THAT(text, HasSubstr("\nwarning: mlp_fp32: high variance: latency cv 0.12\n"));
}

TEST(SummaryTable, ColoursOnlyWhenAsked) {
  const std::string& plain = testing::fixture_text();  // color = false
  EXPECT_THAT(plain, Not(HasSubstr("\x1b")));
  const std::string coloured = render_summary_table(fixture(), /*color=*/true);
  EXPECT_THAT(coloured, HasSubstr("\x1b[32mfaster"));
  EXPECT_THAT(coloured, HasSubstr("\x1b[0m"));
}

TEST(SummaryTable, NeutralisesTerminalEscapesInNames) {
  const std::string text = render_summary_table(testing::hostile());
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  EXPECT_THAT(text, HasSubstr("?[31m"));
  nlohmann::json doc = {{"baseline", side("csi\xC2\x9B"
                                          "31m",
                                          around(1.0))}};
  EXPECT_THAT(render_summary_table(doc), HasSubstr("csi?31m"));  // U+009B, the 8-bit CSI
}

TEST(SummaryTable, HandlesABaselineAlone) {
  const std::string text = render_summary_table({{"baseline", side("solo", around(0.01))}});
  EXPECT_THAT(text, HasSubstr("solo"));
  EXPECT_THAT(text, HasSubstr("baseline"));
  EXPECT_EQ(lines_of(text).size(), 4u);  // two header lines, one row, the blank line
}

}  // namespace
}  // namespace tinyperf::report
