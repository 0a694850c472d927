#include <regex>

#include <fmt/core.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "render_test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace {

using namespace testing;  // render_test_support.h: the fixture, side(), around(), hostile()
using ::testing::HasSubstr;
using ::testing::Not;

TEST(HtmlReport, HasEveryPlotAndSection) {
  const std::string& html = testing::fixture_html();
  for (const char* id :
       {"plot-latency", "plot-speedup", "plot-pareto", "plot-size", "plot-memory"}) {
    EXPECT_THAT(html,
                HasSubstr(fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\"", id)))
        << id;
  }
  for (const char* section : {"summary", "latency", "speedup", "pareto", "size-memory", "scenarios",
                              "system", "warnings", "methodology"}) {
    EXPECT_THAT(html, HasSubstr(fmt::format("<section id=\"{}\">", section))) << section;
  }
  EXPECT_EQ(count(html, "<svg "), 5u);
  EXPECT_THAT(html, HasSubstr("<title>tinyperf report: mlp_pruned_int8 vs mlp_fp32</title>"));
  // The interval as the file's improvements.speedup_ci95 states it ([6.7687, 6.8292]).
  EXPECT_THAT(html, HasSubstr("mlp_pruned_int8 is 6.80x faster than mlp_fp32 (95% CI 6.77-6.83x, "
                              "p &lt; 0.001)"));
  EXPECT_THAT(html, HasSubstr("latency per inference (\xC2\xB5s, log scale)"));  // axis with unit
  EXPECT_THAT(html, HasSubstr("accuracy (%), higher is better"));
}

TEST(HtmlReport, IsSelfContained) {
  const std::string& html = testing::fixture_html();
  expect_self_contained(html);
  EXPECT_THAT(html, HasSubstr("Content-Security-Policy\" content=\"default-src 'none'"));
}

TEST(HtmlReport, MarksTheFrontierAndEveryVerdict) {
  const std::string& html = testing::fixture_html();
  EXPECT_EQ(count(html, "class=\"pt-front\""), 3u + 1u);      // three points and the legend's
  EXPECT_EQ(count(html, "class=\"pt-dominated\""), 2u + 1u);  // two points and the legend's
  EXPECT_EQ(count(html, "<g class=\"speedup v-faster\">"), 4u);
  EXPECT_THAT(html, HasSubstr("6.80x faster</text>"));  // the verdict as a word, not colour alone
  EXPECT_THAT(html, HasSubstr(">mlp_fp32 (baseline)</text>"));  // the Pareto plot names it
  EXPECT_EQ(count(html, "class=\"ci\""), 5u);                   // a median interval per variant
}

TEST(HtmlReport, EscapesEveryStringFromTheDocument) {
  const std::string html = render_html_report(testing::hostile());
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<b>key")));
  EXPECT_THAT(html, Not(HasSubstr("\x1b")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(2)&gt;"));
  EXPECT_THAT(html, HasSubstr("&amp;amp;&quot;&#39;"));
}

TEST(HtmlReport, RendersABaselineAloneWithoutEmptyPlots) {
  const std::string html = render_html_report({{"baseline", side("solo", around(0.01))}});
  EXPECT_THAT(html, HasSubstr("id=\"plot-latency\""));
  EXPECT_THAT(html, HasSubstr("id=\"plot-pareto\""));
  EXPECT_THAT(html, HasSubstr("id=\"plot-size\""));
  EXPECT_THAT(html, Not(HasSubstr("id=\"plot-speedup\"")));
  EXPECT_THAT(html, HasSubstr("No speedup to plot"));
  EXPECT_THAT(html, HasSubstr("Only the baseline was measured"));
  EXPECT_THAT(html, HasSubstr("Peak memory is not recorded in the file"));
  EXPECT_THAT(html, HasSubstr("<p>None.</p>"));  // no warnings
}

TEST(HtmlReport, ShowsStatedLatenciesWithoutSamples) {
  nlohmann::json doc = {{"baseline", side("a", {})}, {"optimized", side("b", {})}};
  doc["baseline"]["metrics"]["latency_ms_mean"] = 2.0;
  doc["optimized"]["metrics"]["latency_ms_mean"] = 1.0;
  const std::string html = render_html_report(doc);
  EXPECT_EQ(count(html, "class=\"stated\""), 2u);  // diamonds instead of boxes
  EXPECT_THAT(html,
              HasSubstr("has a speedup of 2.00x over a (no raw samples: no interval or verdict)"));
  EXPECT_THAT(html, HasSubstr("no verdict"));
}

TEST(HtmlReport, SaysWhyAPlotIsMissing) {
  const nlohmann::json doc = {{"baseline", {{"model_name", "bare"}}}};
  const std::string html = render_html_report(doc);
  EXPECT_THAT(html, HasSubstr("No accuracy-latency plot"));
  EXPECT_THAT(html, HasSubstr("No model sizes in the file."));
}

TEST(HtmlReport, ClipsTheLatencyAxisAboveRareSlowRuns) {
  // 200 runs of about 10 µs and one of 10 ms (a descheduled process): drawn to scale, every box
  // would shrink to a few pixels at the left.
  std::vector<double> base = around(0.010, 200);
  base.push_back(10.0);
  const nlohmann::json doc = {{"baseline", side("base", base)},
                              {"optimized", side("opt", around(0.005))}};
  const std::string html = render_html_report(doc);
  EXPECT_THAT(html, HasSubstr(">+1 \xE2\x80\xBA</text>"));  // "+1 ›" right of base's row
  EXPECT_EQ(count(html, "class=\"overflow\""), 1u);
  // p99 of base is 10.2 µs (type 7 of 201 runs: the 199th smallest), so the axis ends near
  // 3 x 10.2 µs (a log axis to 40 µs), never at 10 ms.
  EXPECT_THAT(html, Not(HasSubstr(">10000</text>")));
  EXPECT_THAT(html, HasSubstr(">40</text>"));
  EXPECT_THAT(html, HasSubstr("The axis ends at 3\xC3\x97 the largest 99th percentile"));
  EXPECT_THAT(html, HasSubstr("(the slowest of all: 10,000 \xC2\xB5s, base)"));
  // Without the slow run nothing is clipped.
  const std::string plain = render_html_report(
      {{"baseline", side("base", around(0.010))}, {"optimized", side("opt", around(0.005))}});
  EXPECT_THAT(plain, Not(HasSubstr("class=\"overflow\"")));
  EXPECT_THAT(plain, Not(HasSubstr("The axis ends at")));
}

TEST(HtmlReport, ShowsTheScenariosAsOneTable) {
  const std::string& html = testing::fixture_html();
  EXPECT_THAT(html, HasSubstr("<table class=\"scenarios\"><thead><tr><th></th><th>offline</th>"
                              "</tr></thead>"));
  // The fixture's Offline result_samples_per_second (230450.2) and result_sample_count.
  EXPECT_THAT(html, HasSubstr("<tr><td>samples per second</td><td>230,450</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>samples</td><td>414,365</td></tr>"));
  EXPECT_THAT(html, Not(HasSubstr("qsl_rng_seed")));  // LoadGen's settings stay in the file
}

TEST(HtmlReport, PutsTheWarningsRightAfterTheSummary) {
  const std::string& html = testing::fixture_html();
  const auto warnings = html.find("<section id=\"warnings\">");
  EXPECT_LT(html.find("<section id=\"summary\">"), warnings);
  EXPECT_LT(warnings, html.find("<section id=\"latency\">"));
  EXPECT_THAT(html, HasSubstr("<li>mlp_fp32: high variance: latency cv 0.12</li>"));
}

TEST(HtmlReport, ThrowsInputErrorForMalformedDocuments) {
  EXPECT_THROW(render_html_report(nlohmann::json("text")), InputError);
}

TEST(ReportFormat, ParsesAndNamesFormats) {
  EXPECT_EQ(parse_report_format("html"), ReportFormat::kHtml);
  EXPECT_EQ(parse_report_format("markdown"), ReportFormat::kMarkdown);
  EXPECT_EQ(to_string(parse_report_format("md")), "md");
  EXPECT_EQ(to_string(ReportFormat::kText), "text");
  EXPECT_THROW(parse_report_format("pdf"), InputError);
}

}  // namespace
}  // namespace tinyperf::report
