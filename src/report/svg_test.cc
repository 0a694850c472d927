#include "svg.h"

#include <gtest/gtest.h>

#include "svg_axis.h"

namespace tinyperf::report::svg {
namespace {

TEST(SvgNum, WritesAtMostOneDecimal) {
  EXPECT_EQ(num(12.345), "12.3");
  EXPECT_EQ(num(3.0), "3");
  EXPECT_EQ(num(-0.04), "0");
  EXPECT_EQ(num(-4.26), "-4.3");
}

TEST(SvgWriter, EscapesIdsTitlesAndText) {
  Writer w(100, 50, "plot-\"x\"", "a <title>");
  w.text(1, 2, "<script>alert(1)</script>", "row-name");
  const std::string out = w.finish();
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_NE(out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(out.find("id=\"plot-&quot;x&quot;\""), std::string::npos);
  EXPECT_NE(out.find("viewBox=\"0 0 100 50\""), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 7), "</svg>\n");
}

TEST(NiceTicks, UsesOneTwoFiveStepsCoveringTheRange) {
  EXPECT_EQ(nice_ticks(0.0, 9.3), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  const auto t = nice_ticks(87.41, 88.51);
  EXPECT_DOUBLE_EQ(t.front(), 87.4);
  EXPECT_NEAR(t.back(), 88.6, 1e-9);
  EXPECT_NEAR(t[1] - t[0], 0.2, 1e-12);
}

TEST(NiceTicks, WidensAZeroWidthRange) {
  const auto t = nice_ticks(5.0, 5.0);
  EXPECT_LT(t.front(), 5.0);
  EXPECT_GT(t.back(), 5.0);
}

TEST(LogTicks, AreDenserForANarrowRange) {
  // 2.5 .. 16 spans 0.81 decades: mantissas 1, 1.5, 2, 3, 4, 5, 6, 8.
  EXPECT_EQ(log_ticks(2.5, 16.0), (std::vector<double>{2, 3, 4, 5, 6, 8, 10, 15, 20}));
  // 0.3 .. 700 spans 3.4 decades: 1, 2, 5.
  EXPECT_EQ(log_ticks(0.3, 700.0).front(), 0.2);
  EXPECT_EQ(log_ticks(0.3, 700.0).back(), 1000.0);
}

TEST(TickLabel, ShowsTheDecimalsTheStepNeeds) {
  EXPECT_EQ(tick_label(0.5, 0.5), "0.5");
  EXPECT_EQ(tick_label(10.0, 2.0), "10");
  EXPECT_EQ(tick_label(87.6, 0.2), "87.6");
  EXPECT_EQ(tick_label(0.25, 0.05), "0.25");
}

TEST(Scale, MapsLinearlyOrLogarithmically) {
  EXPECT_DOUBLE_EQ((Scale{0, 10, 100, 200, false})(5), 150.0);
  EXPECT_DOUBLE_EQ((Scale{1, 100, 0, 200, true})(10), 100.0);
  EXPECT_DOUBLE_EQ((Scale{0, 1, 300, 100, false})(1), 100.0);  // y axis grows upwards
}

}  // namespace
}  // namespace tinyperf::report::svg
