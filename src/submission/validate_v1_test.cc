// The tinyperf v1 additions, on schema/examples/valid/v1_full.json (tests run in src/report/).
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::submission {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

json v1_full() { return read_json_file("../../schema/examples/valid/v1_full.json"); }

std::vector<ValidationError> errors_of(const json& doc) { return validate_submission(doc).errors; }

TEST(ValidateV1, AcceptsTheFullExample) {
  const ValidationResult result = validate_submission(v1_full());
  EXPECT_EQ(result.format, SubmissionFormat::kTinyperfV1);
  EXPECT_THAT(result.errors, IsEmpty());
}

TEST(ValidateV1, RecomputesEveryLatencyStatisticFromTheSamples) {
  // Samples of the example: mean 2.1675, ddof-1 std 0.15190457530963317, median 2.115, type-7
  // p90 2.29, p95 2.435, p99 2.567 (python3 statistics.fmean/stdev/median; rank p/100*(n-1)).
  for (const char* key : {"latency_ms_mean", "latency_ms_std", "latency_ms_median",
                          "latency_ms_p90", "latency_ms_p95", "latency_ms_p99"}) {
    json doc = v1_full();
    const double stated = doc["baseline"]["metrics"][key].get<double>();
    doc["baseline"]["metrics"][key] = stated * (1 + 1e-5);
    // (a changed median also breaks improvements.speedup, reported by the core rules)
    EXPECT_THAT(errors_of(doc),
                Contains(AllOf(
                    Field(&ValidationError::path, std::string("$.baseline.metrics.") + key),
                    Field(&ValidationError::message, HasSubstr("recomputed from the 12 values")))))
        << key;
  }
}

TEST(ValidateV1, NamesTheBadSampleByIndex) {
  json doc = v1_full();
  doc["optimized"]["samples"]["latency_ms"][3] = "0.8";
  doc["optimized"]["samples"]["latency_ms"][5] = -1;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.optimized.samples.latency_ms[3]",
                                          "expected a number, got string \"0.8\""},
                          ValidationError{"$.optimized.samples.latency_ms[5]", "-1 must be > 0"}));
}

TEST(ValidateV1, ListsTheFirstFiveBadItemsOfAnArrayThenCountsTheRest) {
  json doc = v1_full();
  doc["baseline"]["samples"]["latency_ms"] = json::array();
  for (int i = 0; i < 100'000; ++i) doc["baseline"]["samples"]["latency_ms"].push_back("x");
  const auto errors = errors_of(doc);
  ASSERT_THAT(errors, SizeIs(6));
  EXPECT_EQ(errors[4].path, "$.baseline.samples.latency_ms[4]");
  EXPECT_EQ(errors[5], (ValidationError{"$.baseline.samples.latency_ms",
                                        "99995 more invalid items not listed"}));
}

TEST(ValidateV1, BoundsTheErrorListOfAHostileDocument) {
  json doc = v1_full();
  doc["candidates"] = json::array();
  for (int i = 0; i < 5'000; ++i) doc["candidates"].push_back(json::object());
  const auto errors = errors_of(doc);
  ASSERT_THAT(errors, SizeIs(1001));
  EXPECT_EQ(errors.back().path, "$");
  EXPECT_THAT(errors.back().message, ::testing::EndsWith("more errors not listed"));
}

TEST(ValidateV1, ChecksModelSizeAgainstStoredBytes) {
  json doc = v1_full();
  doc["baseline"]["model"]["size_bytes"] = 3'000'000;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.baseline.metrics.model_size_mb",
                                          "3 does not match 2.86102294921875, recomputed as "
                                          "model.size_bytes 3000000 / 2^20 (MiB)"}));
}

TEST(ValidateV1, ChecksTheEfficiencyScore) {
  json doc = v1_full();
  doc["improvements"]["efficiency_score"] = 10.0;
  EXPECT_THAT(errors_of(doc), SizeIs(1));
  EXPECT_EQ(errors_of(doc)[0].path, "$.improvements.efficiency_score");
}

TEST(ValidateV1, RequiresTheProvenanceBlocks) {
  for (const char* key : {"tool", "system_info", "workload", "settings", "warnings"}) {
    json doc = v1_full();
    doc.erase(key);
    EXPECT_THAT(errors_of(doc),
                ElementsAre(ValidationError{std::string("$.") + key, "required field is missing"}));
  }
}

TEST(ValidateV1, RequiresSchemaVersionOnePointZero) {
  json doc = v1_full();
  doc["schema_version"] = 1.0;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.schema_version", "expected \"1.0\", got 1"}));
}

TEST(ValidateV1, ChecksTheTimestampShape) {
  json doc = v1_full();
  for (const char* good : {"2026-11-22T10:00:00Z", "2026-11-22T10:00:00.123Z"}) {
    doc["timestamp"] = good;
    EXPECT_THAT(errors_of(doc), IsEmpty()) << good;
  }
  for (const char* bad : {"2026-11-22T10:00:00", "2026-11-22 10:00:00Z", "2026-11-22T10:00:00.Z",
                          "2026-11-22T10:00:00+01:00", ""}) {
    doc["timestamp"] = bad;
    EXPECT_THAT(errors_of(doc), SizeIs(1)) << bad;
  }
}

TEST(ValidateV1, RefusesAHostName) {
  json doc = v1_full();
  doc["system_info"]["host_name"] = "lab-07";
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.system_info.host_name",
                                          "a submission never records the host name"}));
}

TEST(ValidateV1, EnergyNeedsItsMethodAndMethodItsValue) {
  json doc = v1_full();
  doc["baseline"]["metrics"]["energy_method"] = "rapl";
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.baseline.metrics.energy_method",
                                          "requires energy_j_per_inference beside it"}));
  doc["baseline"]["metrics"]["energy_j_per_inference"] = 0.002;
  EXPECT_THAT(errors_of(doc), IsEmpty());
  doc["baseline"]["metrics"]["energy_method"] = "guess";
  EXPECT_THAT(errors_of(doc), ElementsAre(ValidationError{
                                  "$.baseline.metrics.energy_method",
                                  "expected one of \"rapl\", \"estimate\", got string \"guess\""}));
}

TEST(ValidateV1, AcceptsANullConfidenceIntervalButNotAHalfOne) {
  json doc = v1_full();
  doc["baseline"]["metrics"]["latency_ms_ci95"] = nullptr;
  EXPECT_THAT(errors_of(doc), IsEmpty());
  doc["baseline"]["metrics"]["latency_ms_ci95"] = {2.0};
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.baseline.metrics.latency_ms_ci95",
                                          "expected [lo, hi] or null, got an array of 1 items"}));
}

TEST(ValidateV1, ChecksTechniqueNames) {
  json doc = v1_full();
  for (const char* good : {"int8_quantization", "structured_pruning", "fp16", "a1_b2"}) {
    doc["optimized"]["techniques_applied"] = {good};
    EXPECT_THAT(errors_of(doc), IsEmpty()) << good;
  }
  for (const char* bad : {"Int8", "int8-quantization", "_x", "x_", "a__b", ""}) {
    doc["optimized"]["techniques_applied"] = {bad};
    EXPECT_THAT(errors_of(doc), SizeIs(1)) << bad;
  }
}

TEST(ValidateV1, EscapesOddKeysInPaths) {
  json doc = v1_full();
  doc["system_info"]["libraries"]["lib \"x\""] = 2;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.system_info.libraries[\"lib \\\"x\\\"\"]",
                                          "expected a string, got 2"}));
}

TEST(ValidateV1, ForbidsEventOnEverySide) {
  json doc = v1_full();
  doc["optimized"]["event"] = "latency_sprint";
  doc["candidates"][0]["event"] = "memory_challenge";
  const auto errors = errors_of(doc);
  ASSERT_THAT(errors, SizeIs(2));
  EXPECT_EQ(errors[0].path, "$.optimized.event");
  EXPECT_EQ(errors[1].path, "$.candidates[0].event");
}

// v1_full as `tinyperf run` writes it with run-level verdicts: 3 runs of 4 samples per side.
// Run medians by hand from the example's samples in order: baseline [2.1 2.05 2.2 2.08] -> 2.09,
// [2.15 2.12 2.3 2.07] -> 2.135, [2.11 2.09 2.14 2.6] -> 2.125; optimized 0.805, 0.81, 0.815.
// Speedup = ratio of the geometric means = 2.6130929844221615 (python3: the cube root of the
// products' ratio); efficiency score x 4.0 / (1 + 0.0129) = 10.319253566678492.
json v1_over_runs() {
  json doc = v1_full();
  doc["baseline"]["measurement"] = {
      {"latency", {{"runs", 3}, {"samples_per_run", 4}, {"run_medians_ms", {2.09, 2.135, 2.125}}}}};
  doc["optimized"]["measurement"] = {
      {"latency", {{"runs", 3}, {"samples_per_run", 4}, {"run_medians_ms", {0.805, 0.81, 0.815}}}}};
  doc["improvements"]["test"] = "t_test_log_run_medians";
  doc["improvements"]["speedup"] = 2.6130929844221615;
  doc["improvements"]["efficiency_score"] = 10.319253566678492;
  return doc;
}

TEST(ValidateV1, RunLevelSpeedupIsTheRatioOfTheGeometricMeansOfTheRunMedians) {
  EXPECT_THAT(errors_of(v1_over_runs()), IsEmpty());
  json doc = v1_over_runs();
  doc["improvements"]["speedup"] = 2.611111111111111;  // the ratio of the pooled medians
  doc["improvements"]["efficiency_score"] = 10.311427035684119;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(AllOf(Field(&ValidationError::path, "$.improvements.speedup"),
                                Field(&ValidationError::message,
                                      HasSubstr("ratio of the geometric means of the baseline's 3 "
                                                "and the optimized side's 3 run medians")))));
}

TEST(ValidateV1, RunMediansMustBeThoseOfTheSamplesInOrder) {
  json doc = v1_over_runs();
  doc["optimized"]["measurement"]["latency"]["run_medians_ms"][1] = 0.8;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{
                  "$.optimized.measurement.latency.run_medians_ms[1]",
                  "0.8 does not match 0.81, the median of samples 4 to 7 of samples.latency_ms"}));
  doc = v1_over_runs();
  doc["baseline"]["measurement"]["latency"]["run_medians_ms"][2] = "2.125";
  EXPECT_THAT(errors_of(doc), Contains(Field(&ValidationError::path,
                                             "$.baseline.measurement.latency.run_medians_ms[2]")));
}

TEST(ValidateV1, RunLevelSubmissionsNeedRunsThatSplitTheSamples) {
  json doc = v1_over_runs();
  doc["baseline"]["measurement"]["latency"]["samples_per_run"] = 5;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.baseline.samples.latency_ms",
                                          "the count 12 does not match runs x samples_per_run = "
                                          "3 x 5 = 15"}));
  doc = v1_over_runs();
  doc["baseline"]["measurement"]["latency"]["run_medians_ms"] = {2.09, 2.135};
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.baseline.measurement.latency.run_medians_ms",
                                          "the count 2 does not match runs = 3"}));
  doc = v1_over_runs();
  doc["optimized"].erase("measurement");
  EXPECT_THAT(errors_of(doc), Contains(Field(&ValidationError::path, "$.optimized.measurement")));
  doc = v1_over_runs();
  doc["optimized"]["measurement"]["latency"]["runs"] = 0;
  EXPECT_THAT(errors_of(doc),
              Contains(Field(&ValidationError::path, "$.optimized.measurement.latency.runs")));
  // The pooled-median rule does not apply to a run-level test, and the run rule not to the other.
  doc = v1_over_runs();
  doc["improvements"]["test"] = "mann_whitney_u";
  EXPECT_THAT(errors_of(doc), Contains(Field(&ValidationError::path, "$.improvements.speedup")));
}

}  // namespace
}  // namespace tinyperf::submission
