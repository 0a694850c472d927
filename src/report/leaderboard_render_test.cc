#include "tinyperf/report/leaderboard_render.h"

#include <string>
#include <vector>

#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../leaderboard/test_submissions.h"
#include "tinyperf/core/error.h"

namespace tinyperf::report {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace tinyperf::leaderboard;

using leaderboard::testing::inputs_of;
using leaderboard::testing::submission;

TEST(RenderLeaderboard, TextSaysHowItGroups) {
  const auto inputs = inputs_of({submission(0.9, 10, 1, "cpu-a", "Ada")});
  const Leaderboard board = build_leaderboard(inputs);
  const std::string text = render_leaderboard(board, LeaderboardFormat::kText);
  EXPECT_THAT(text, HasSubstr("Ranked separately per processor"));
  EXPECT_THAT(text, HasSubstr("latency_sprint [processor: cpu-a]"));
  EXPECT_THAT(text, HasSubstr("Ada"));
  LeaderboardOptions none;
  none.group_by = GroupBy::kNone;
  EXPECT_THAT(render_leaderboard(build_leaderboard(inputs, none), LeaderboardFormat::kText),
              HasSubstr("All submissions are ranked together"));
}

TEST(RenderLeaderboard, EscapesHostileNamesInEveryFormat) {
  const auto inputs =
      inputs_of({submission(0.9, 10, 1, "cpu|a", "<script>alert(1)</script>\x1b[31m|x")});
  const Leaderboard board = build_leaderboard(inputs);
  const std::string html = render_leaderboard(board, LeaderboardFormat::kHtml);
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
  const std::string md = render_leaderboard(board, LeaderboardFormat::kMarkdown);
  EXPECT_THAT(md, Not(HasSubstr("<script")));
  EXPECT_THAT(md, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(md, HasSubstr("?\\[31m\\|x"));
  const std::string text = render_leaderboard(board, LeaderboardFormat::kText);
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
}

TEST(RenderLeaderboard, JsonListsEntriesAndSkippedFiles) {
  std::vector<LeaderboardInput> inputs = inputs_of({submission(0.9, 10, 1, "cpu-a", "Ada")});
  inputs.push_back({"bad.json", std::nullopt, "bad.json: not valid JSON"});
  LeaderboardOptions options;
  options.events = {Event::kMemoryChallenge};
  const json out =
      json::parse(render_leaderboard(build_leaderboard(inputs, options), LeaderboardFormat::kJson));
  EXPECT_EQ(out["group_by"], "processor");
  EXPECT_EQ(out["valid_submissions"], 1);
  ASSERT_EQ(out["events"].size(), 1u);
  EXPECT_EQ(out["events"][0]["event"], "memory_challenge");
  EXPECT_EQ(out["events"][0]["entries"][0]["submitter"], "Ada");
  EXPECT_EQ(out["events"][0]["entries"][0]["value"], 1.0);
  EXPECT_EQ(out["skipped"][0]["file"], "bad.json");
}

TEST(ParseLeaderboardFormat, RefusesUnknownValues) {
  EXPECT_EQ(parse_leaderboard_format("md"), LeaderboardFormat::kMarkdown);
  EXPECT_THROW(parse_leaderboard_format("csv"), InputError);
}

}  // namespace
}  // namespace tinyperf::report
