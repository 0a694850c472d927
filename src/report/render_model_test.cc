#include "render_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "render_test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::report::detail {
namespace {

using testing::around;
using testing::fixture;
using ::testing::HasSubstr;
using testing::side;

std::string error_of(const nlohmann::json& doc) {
  try {
    build_report_view(doc);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RenderFixture, IsAValidV1Submission) {
  const auto result = submission::validate_submission(fixture());
  EXPECT_TRUE(result.valid()) << (result.errors.empty()
                                      ? ""
                                      : result.errors[0].path + ": " + result.errors[0].message);
}

TEST(ReportView, RecomputesBoxesFromTheRawSamples) {
  const ReportView& view = testing::fixture_view();
  ASSERT_EQ(view.variants.size(), 5u);
  const VariantView& opt = view.variants[1];
  EXPECT_EQ(opt.name, "mlp_pruned_int8");
  EXPECT_EQ(opt.role, Role::kOptimized);
  EXPECT_EQ(opt.latency_source, "samples");
  // Reference values: python3 statistics.median and type-7 percentiles (rank = p/100 * (n-1),
  // linear interpolation, as numpy's default) of the fixture's 400 mlp_pruned_int8 samples.
  ASSERT_TRUE(opt.box);
  EXPECT_DOUBLE_EQ(opt.box->median, 0.001203);
  EXPECT_NEAR(opt.box->p1, 0.00116998, 1e-15);
  EXPECT_NEAR(opt.box->p25, 0.001195, 1e-15);
  EXPECT_NEAR(opt.box->p75, 0.001215, 1e-15);
  EXPECT_NEAR(opt.box->p99, 0.00140009, 1e-15);
  EXPECT_EQ(opt.box->outside.size(), 8u);  // 4 runs below p1, 4 above p99
  // The order-statistic interval: x(k), x(n-k+1) with the largest k (180) whose binomial(400, 0.5)
  // coverage is >= 95 %; the same pair as the file's latency_ms_ci95.
  ASSERT_TRUE(opt.box->median_ci95);
  EXPECT_DOUBLE_EQ(opt.box->median_ci95->lo, 0.001201);
  EXPECT_DOUBLE_EQ(opt.box->median_ci95->hi, 0.001205);
}

TEST(ReportView, ComparesEveryVariantWithTheBaseline) {
  const ReportView& view = testing::fixture_view();
  EXPECT_TRUE(view.paired);  // settings.interleaved
  EXPECT_FALSE(view.variants[0].versus);
  ASSERT_EQ(view.variants[3].name, "mlp_structured_pruned");
  const VersusBaseline& structured = *view.variants[3].versus;
  // Medians of the samples 0.008182 / 0.0038215 ms and sizes 0.898270 / 0.418655 MiB, from python3.
  EXPECT_NEAR(*structured.speedup, 2.1411379986919554, 1e-12);
  EXPECT_NEAR(*structured.compression_ratio, 2.1456062980646573, 1e-12);
  EXPECT_NEAR(*structured.accuracy_delta, 0.8659 - 0.8539, 1e-12);
  ASSERT_TRUE(structured.speedup_ci95 && structured.verdict);
  EXPECT_LT(structured.speedup_ci95->lo, *structured.speedup);
  EXPECT_GT(structured.speedup_ci95->hi, *structured.speedup);
  EXPECT_EQ(*structured.verdict, stats::Verdict::kFaster);
  // The optimized side's paired bootstrap interval, as `tinyperf compare base.txt opt.txt --paired`
  // computes it from the two sample lists (default seed): [6.76827242524917, 6.828761429758937].
  const VersusBaseline& opt = *view.variants[1].versus;
  EXPECT_NEAR(opt.speedup_ci95->lo, 6.76827242524917, 1e-12);
  EXPECT_NEAR(opt.speedup_ci95->hi, 6.828761429758937, 1e-12);
  // It agrees with the file's improvements: the same speedup, efficiency score and verdict (so the
  // report adds no disagreement note), and the same interval up to Monte-Carlo noise, since
  // `tinyperf run` seeds its bootstrap with the run's seed (42), which the file does not record as
  // the bootstrap's.
  const nlohmann::json doc = fixture();  // kept alive: imp refers into it
  const nlohmann::json& imp = doc["improvements"];
  EXPECT_NEAR(*opt.speedup, imp["speedup"].get<double>(), 1e-12);
  EXPECT_NEAR(opt.speedup_ci95->lo, imp["speedup_ci95"][0].get<double>(), 0.002 * *opt.speedup);
  EXPECT_NEAR(opt.speedup_ci95->hi, imp["speedup_ci95"][1].get<double>(), 0.002 * *opt.speedup);
  EXPECT_NEAR(*opt.efficiency_score, imp["efficiency_score"].get<double>(), 1e-9);
  EXPECT_TRUE(view.notes.empty());
}

TEST(ReportView, FindsTheAccuracyLatencyFrontier) {
  const ReportView& view = testing::fixture_view();
  // Accuracy and median latency: mlp_fp32 85.39 % 8.18 µs, mlp_pruned_int8 86.47 % 1.20 µs,
  // mlp_int8 85.41 % 2.22 µs, mlp_structured_pruned 86.59 % 3.82 µs, mlp_magnitude_pruned
  // 86.61 % 5.00 µs. mlp_pruned_int8 beats mlp_int8 and mlp_fp32 on both; the other three each
  // buy accuracy with latency.
  EXPECT_EQ(view.frontier, (std::vector<std::size_t>{1, 3, 4}));
  EXPECT_EQ(view.unit.name, "\xC2\xB5s");
  EXPECT_EQ(view.unit.decimals, 2);  // smallest median 1.20 µs: three significant digits
}

TEST(ReportView, AcceptsABaselineAlone) {
  const ReportView view = build_report_view({{"baseline", side("only", around(2.5))}});
  ASSERT_EQ(view.variants.size(), 1u);
  EXPECT_EQ(view.unit.name, "ms");
  EXPECT_EQ(view.frontier, (std::vector<std::size_t>{0}));
}

TEST(ReportView, FallsBackToStatedLatenciesWithoutSamples) {
  nlohmann::json doc = {{"baseline", side("a", {})}, {"optimized", side("b", {})}};
  doc["baseline"]["metrics"]["latency_ms_median"] = 2.0;
  doc["optimized"]["metrics"]["latency_ms_median"] = 0.5;
  const ReportView view = build_report_view(doc);
  EXPECT_EQ(view.variants[1].latency_source, "latency_ms_median");
  EXPECT_DOUBLE_EQ(*view.variants[1].versus->speedup, 4.0);
  EXPECT_FALSE(view.variants[1].versus->verdict);
  EXPECT_FALSE(view.variants[1].box);
  ASSERT_EQ(view.notes.size(), 2u);
  EXPECT_THAT(view.notes[1], HasSubstr("b: no raw samples"));
}

TEST(ReportView, UsesMeansWhenOneSideHasNoMedian) {
  // The submission rule: medians only when both sides have one.
  nlohmann::json doc = {{"baseline", side("a", {})}, {"optimized", side("b", {})}};
  doc["baseline"]["metrics"]["latency_ms_median"] = 2.0;
  doc["baseline"]["metrics"]["latency_ms_mean"] = 3.0;
  doc["optimized"]["metrics"]["latency_ms_mean"] = 1.0;
  EXPECT_DOUBLE_EQ(*build_report_view(doc).variants[1].versus->speedup, 3.0);
}

TEST(ReportView, ToleratesMissingOptionalMetrics) {
  const nlohmann::json doc = {{"baseline", {{"model_name", "bare"}}},
                              {"optimized", {{"model_name", "also bare"}}}};
  const ReportView view = build_report_view(doc);
  EXPECT_FALSE(view.variants[0].latency_ms);
  EXPECT_FALSE(view.variants[1].versus);
  EXPECT_TRUE(view.frontier.empty());
}

TEST(ReportView, NotesWhenTheFilesVerdictDisagrees) {
  nlohmann::json doc = fixture();
  doc["improvements"]["verdict"] = "slower";
  const ReportView view = build_report_view(doc);
  ASSERT_EQ(view.notes.size(), 1u);
  EXPECT_THAT(view.notes[0], HasSubstr("improvements.verdict is \"slower\""));
  EXPECT_THAT(view.notes[0], HasSubstr("recomputed from its samples is \"faster\""));
}

// The JSON overload reads the document with parse_submission, whose errors name the path.
TEST(ReportView, RejectsBadInputNamingThePath) {
  EXPECT_THAT(error_of(nlohmann::json::array()), HasSubstr("$: expected a submission object"));
  EXPECT_THAT(error_of({{"optimized", side("b", {})}}),
              HasSubstr("$.baseline: required field is missing"));
  EXPECT_THAT(error_of({{"baseline", {{"model_name", 3}}}}),
              HasSubstr("$.baseline.model_name: expected a string, got 3"));
  nlohmann::json doc = {{"baseline", side("a", {1.0, 2.0})}};
  doc["baseline"]["samples"]["latency_ms"][1] = "fast";
  EXPECT_THAT(error_of(doc), HasSubstr("$.baseline.samples.latency_ms[1]: expected a number"));
  doc = {{"baseline", side("a", {1.0, -2.0})}};
  EXPECT_THAT(error_of(doc), HasSubstr("$.baseline.samples.latency_ms[1]: -2 must be > 0"));
  doc = {{"baseline", side("a", {1.0}, 1.5)}};
  EXPECT_THAT(error_of(doc), HasSubstr("$.baseline.metrics.accuracy: 1.5 is outside [0, 1]"));
  doc = {{"baseline", side("a", {1.0})}, {"candidates", {{"x", 1}}}};
  EXPECT_THAT(error_of(doc), HasSubstr("$.candidates: expected an array"));
  doc = {{"baseline", side("a", {1.0})}, {"warnings", "none"}};
  EXPECT_THAT(error_of(doc), HasSubstr("$.warnings: expected an array"));
}

}  // namespace
}  // namespace tinyperf::report::detail
