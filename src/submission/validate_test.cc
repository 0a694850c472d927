#include "tinyperf/submission/validate.h"

#include <cmath>
#include <limits>
#include <ostream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tinyperf::submission {

void PrintTo(const ValidationError& e, std::ostream* os) { *os << e.path << ": " << e.message; }

namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// The course's capstone example with medians: speedup 30 / 10 = 3.0 from medians (the means would
// give 20 / 10 = 2.0).
json capstone_with_medians() {
  return json::parse(R"({
    "tinytorch_version": "0.1.0", "submission_type": "capstone_benchmark",
    "timestamp": "2025-01-15 14:30:00",
    "system_info": {"platform": "Linux", "python_version": "3.11.2"},
    "baseline": {"model_name": "mlp", "metrics": {"parameter_count": 1000, "model_size_mb": 4.0,
      "accuracy": 0.9, "latency_ms_mean": 20.0, "latency_ms_std": 15.0, "latency_ms_median": 30.0}},
    "optimized": {"model_name": "mlp_int8", "metrics": {"parameter_count": 1000,
      "model_size_mb": 1.0, "accuracy": 0.89, "latency_ms_mean": 10.0, "latency_ms_std": 1.0,
      "latency_ms_median": 10.0}, "techniques_applied": ["int8_quantization"]},
    "improvements": {"speedup": 3.0, "compression_ratio": 4.0, "accuracy_delta": -0.01}
  })");
}

std::vector<ValidationError> errors_of(const json& doc) { return validate_submission(doc).errors; }

// One metric of the baseline changed, everything else valid.
std::vector<ValidationError> with_baseline_metric(const char* key, const json& value) {
  json doc = capstone_with_medians();
  doc["baseline"]["metrics"][key] = value;
  doc.erase("improvements");
  return errors_of(doc);
}

TEST(ValidateSubmission, AcceptsTheCourseExampleWithMedians) {
  const ValidationResult result = validate_submission(capstone_with_medians());
  EXPECT_EQ(result.format, SubmissionFormat::kTinytorchCapstone);
  EXPECT_THAT(result.errors, IsEmpty());
  EXPECT_TRUE(result.valid());
}

TEST(ValidateSubmission, RejectsSpeedupComputedFromMeansWhenBothSidesHaveMedians) {
  json doc = capstone_with_medians();
  doc["improvements"]["speedup"] = 2.0;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.improvements.speedup",
                                          "2 does not match 3, recomputed as baseline "
                                          "latency_ms_median 30 / optimized 10"}));
}

TEST(ValidateSubmission, UsesMeansWhenOnlyOneSideHasAMedian) {
  json doc = capstone_with_medians();
  doc["optimized"]["metrics"].erase("latency_ms_median");
  EXPECT_THAT(errors_of(doc), SizeIs(1));  // 3.0 no longer matches 20 / 10
  doc["improvements"]["speedup"] = 2.0;
  EXPECT_THAT(errors_of(doc), IsEmpty());
}

TEST(ValidateSubmission, RejectsAccuracyOutsideZeroToOne) {
  EXPECT_THAT(with_baseline_metric("accuracy", 1.5),
              ElementsAre(ValidationError{"$.baseline.metrics.accuracy", "1.5 is outside [0, 1]"}));
  EXPECT_THAT(
      with_baseline_metric("accuracy", -0.1),
      ElementsAre(ValidationError{"$.baseline.metrics.accuracy", "-0.1 is outside [0, 1]"}));
  EXPECT_THAT(with_baseline_metric("accuracy", 1.0), IsEmpty());
  EXPECT_THAT(with_baseline_metric("accuracy", 0), IsEmpty());
}

TEST(ValidateSubmission, RejectsBooleansAndStringsWhereNumbersBelong) {
  EXPECT_THAT(with_baseline_metric("accuracy", true),
              ElementsAre(ValidationError{"$.baseline.metrics.accuracy",
                                          "expected a number, got boolean true"}));
  EXPECT_THAT(with_baseline_metric("throughput_samples_per_sec", "fast"),
              ElementsAre(ValidationError{"$.baseline.metrics.throughput_samples_per_sec",
                                          "expected a number, got string \"fast\""}));
}

TEST(ValidateSubmission, ParameterCountIsAPositiveIntegerAsJsonSchemaDefinesIt) {
  EXPECT_THAT(
      with_baseline_metric("parameter_count", 1.5),
      ElementsAre(ValidationError{"$.baseline.metrics.parameter_count", "1.5 is not an integer"}));
  EXPECT_THAT(with_baseline_metric("parameter_count", 0),
              ElementsAre(ValidationError{"$.baseline.metrics.parameter_count", "0 must be > 0"}));
  EXPECT_THAT(with_baseline_metric("parameter_count", -3),
              ElementsAre(ValidationError{"$.baseline.metrics.parameter_count", "-3 must be > 0"}));
  // Draft 2020-12: a number with a zero fractional part is an integer.
  EXPECT_THAT(with_baseline_metric("parameter_count", 3.0), IsEmpty());
}

TEST(ValidateSubmission, RejectsNonFiniteAndNonPositiveLatencies) {
  EXPECT_THAT(with_baseline_metric("latency_ms_median", kNaN),
              ElementsAre(ValidationError{"$.baseline.metrics.latency_ms_median",
                                          "NaN is not a finite number"}));
  EXPECT_THAT(
      with_baseline_metric("latency_ms_median", 0),
      ElementsAre(ValidationError{"$.baseline.metrics.latency_ms_median", "0 must be > 0"}));
  EXPECT_THAT(with_baseline_metric("latency_ms_std", -1),
              ElementsAre(ValidationError{"$.baseline.metrics.latency_ms_std", "-1 must be >= 0"}));
  EXPECT_THAT(with_baseline_metric("latency_ms_std", kInf),
              ElementsAre(ValidationError{"$.baseline.metrics.latency_ms_std",
                                          "inf is not a finite number"}));
  EXPECT_THAT(with_baseline_metric("latency_ms_std", 0), IsEmpty());
}

TEST(ValidateSubmission, RejectsAMissingVersionField) {
  json doc = capstone_with_medians();
  doc.erase("tinytorch_version");
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.tinytorch_version", "required field is missing"}));
  doc["tinytorch_version"] = 0.1;
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.tinytorch_version", "expected a string, got 0.1"}));
}

TEST(ValidateSubmission, RejectsImprovementsThatDoNotMatchTheMetrics) {
  json doc = capstone_with_medians();
  doc["improvements"]["compression_ratio"] = 4.1;
  doc["improvements"]["accuracy_delta"] = 0.01;
  const auto errors = errors_of(doc);
  ASSERT_THAT(errors, SizeIs(2));
  EXPECT_EQ(errors[0].path, "$.improvements.compression_ratio");
  EXPECT_EQ(errors[0].message,
            "4.1 does not match 4, recomputed as baseline model_size_mb 4 / optimized 1");
  EXPECT_EQ(errors[1].path, "$.improvements.accuracy_delta");
}

TEST(ValidateSubmission, ToleratesRoundingWithinOnePartPerMillion) {
  json doc = capstone_with_medians();
  doc["improvements"]["speedup"] = 3.0 * (1 + 0.9e-6);
  EXPECT_THAT(errors_of(doc), IsEmpty());
  doc["improvements"]["speedup"] = 3.0 * (1 + 1.1e-6);
  EXPECT_THAT(errors_of(doc), SizeIs(1));
}

TEST(ValidateSubmission, FloorsTheOptimizedLatencyAsTheCourseDoes) {
  // An empty model may measure 0.0 ms; the course divides by max(latency, 1e-6). The metrics
  // rule (> 0) still rejects 0 itself, so use a tiny positive latency below the floor.
  json doc = capstone_with_medians();
  doc["optimized"]["metrics"]["latency_ms_median"] = 1e-9;
  doc["optimized"]["metrics"]["latency_ms_mean"] = 1e-9;
  doc["improvements"]["speedup"] = 30.0 / 1e-6;
  EXPECT_THAT(errors_of(doc), IsEmpty());
}

TEST(ValidateSubmission, RejectsImprovementsWithoutOptimized) {
  json doc = capstone_with_medians();
  doc.erase("optimized");
  EXPECT_THAT(errors_of(doc), ElementsAre(ValidationError{"$.improvements",
                                                          "improvements require an optimized "
                                                          "side, and $.optimized is missing"}));
}

TEST(ValidateSubmission, RejectsAnEventKey) {
  json doc = capstone_with_medians();
  doc["event"] = "latency_sprint";
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.event",
                                          "a submission never names its event: events are "
                                          "judged from the metrics"}));
}

TEST(ValidateSubmission, RequiresPercentilesInOrder) {
  json doc = capstone_with_medians();
  auto& m = doc["optimized"]["metrics"];
  m["latency_ms_p90"] = 12.0;
  m["latency_ms_p95"] = 11.0;  // below p90
  m["latency_ms_p99"] = 9.0;   // below the median too: compared with the largest before it
  EXPECT_THAT(errors_of(doc),
              ElementsAre(ValidationError{"$.optimized.metrics.latency_ms_p95",
                                          "11 is below latency_ms_p90 12 (need median <= p90 <= "
                                          "p95 <= p99)"},
                          ValidationError{"$.optimized.metrics.latency_ms_p99",
                                          "9 is below latency_ms_p90 12 (need median <= p90 <= "
                                          "p95 <= p99)"}));
  m["latency_ms_p95"] = 12.0;  // equal is fine
  m["latency_ms_p99"] = 12.0;
  EXPECT_THAT(errors_of(doc), IsEmpty());
}

TEST(ValidateSubmission, ReportsEveryErrorNotOnlyTheFirst) {
  json doc = capstone_with_medians();
  doc.erase("timestamp");
  doc["baseline"]["metrics"]["accuracy"] = 2;
  doc["optimized"]["metrics"]["model_size_mb"] = "1 MB";
  doc["system_info"].erase("python_version");
  const auto errors = errors_of(doc);
  ASSERT_THAT(errors, SizeIs(4));
  EXPECT_EQ(errors[0].path, "$.timestamp");
  EXPECT_EQ(errors[1].path, "$.system_info.python_version");
  EXPECT_EQ(errors[2].path, "$.baseline.metrics.accuracy");
  EXPECT_EQ(errors[3].path, "$.optimized.metrics.model_size_mb");
}

TEST(ValidateSubmission, NeverModifiesTheDocument) {
  json doc = capstone_with_medians();
  doc["improvements"]["speedup"] = 2.0;
  doc["baseline"]["metrics"]["accuracy"] = kNaN;
  const std::string before = doc.dump();
  validate_submission(doc);
  EXPECT_EQ(doc.dump(), before);
}

TEST(ValidateSubmission, RejectsADocumentThatIsNotAnObject) {
  EXPECT_THAT(
      errors_of(json::array()),
      ElementsAre(ValidationError{"$", "expected a JSON object (a submission), got an array"}));
  EXPECT_THAT(errors_of(json("text")), SizeIs(1));
  EXPECT_THAT(errors_of(json()), SizeIs(1));
}

TEST(ValidateSubmission, RejectsAnUnknownFormat) {
  const ValidationResult result = validate_submission(json{{"baseline", json::object()}});
  EXPECT_EQ(result.format, SubmissionFormat::kUnknown);
  ASSERT_THAT(result.errors, SizeIs(1));
  EXPECT_EQ(result.errors[0].path, "$");
  EXPECT_THAT(result.errors[0].message, ::testing::StartsWith("unknown submission format"));
}

TEST(DetectSubmissionFormat, ReadsTheMarkersOnly) {
  EXPECT_EQ(detect_submission_format(json{{"schema_version", "1.0"}}),
            SubmissionFormat::kTinyperfV1);
  EXPECT_EQ(detect_submission_format(json{{"schema_version", 2}}), SubmissionFormat::kTinyperfV1);
  EXPECT_EQ(detect_submission_format(json{{"tinytorch_version", "0.1.0"}}),
            SubmissionFormat::kTinytorchCapstone);
  EXPECT_EQ(detect_submission_format(json{{"submission_type", "capstone_benchmark"}}),
            SubmissionFormat::kTinytorchCapstone);
  EXPECT_EQ(detect_submission_format(json{{"submission_type", "other"}}),
            SubmissionFormat::kUnknown);
  EXPECT_EQ(detect_submission_format(json::array()), SubmissionFormat::kUnknown);
  EXPECT_EQ(to_string(SubmissionFormat::kTinyperfV1), "tinyperf v1");
  EXPECT_EQ(to_string(SubmissionFormat::kTinytorchCapstone), "tinytorch capstone");
}

TEST(ValidateSubmission, QuotesHostileStringsShortAndEscaped) {
  json doc = capstone_with_medians();
  doc["baseline"]["metrics"]["accuracy"] = std::string(1000, 'x') + "\n";
  const auto errors = errors_of(doc);
  ASSERT_THAT(errors, SizeIs(1));
  EXPECT_EQ(errors[0].message, "expected a number, got string \"" + std::string(40, 'x') + "\"...");
}

}  // namespace
}  // namespace tinyperf::submission
