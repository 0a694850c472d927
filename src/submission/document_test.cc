#include "tinyperf/submission/document.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/submission.h"

namespace tinyperf::submission {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

const fs::path kValid = "../../schema/examples/valid";
const char* const kFixture = "../../tests/golden/fixtures/run_submission.json";

std::string parse_error(const json& doc) {
  try {
    parse_submission(doc);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

json v1_full() { return read_json_file((kValid / "v1_full.json").string()); }

TEST(ParseSubmission, RoundTripsEveryValidExample) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kValid)) {
    const json doc = read_json_file(entry.path().string());
    const Submission s = parse_submission(doc);
    EXPECT_EQ(s.format, detect_submission_format(doc)) << entry.path();
    EXPECT_EQ(to_json(s), doc) << entry.path();
    // Byte for byte, except where a file writes a number in a form tinyperf does not (283.0 for
    // an integer count): that one comes back as 283, equal as a number.
    if (entry.path().filename() != "tinytorch_integer_valued_float.json") {
      EXPECT_EQ(to_json(s).dump(), doc.dump()) << entry.path();
    }
    ++files;
  }
  EXPECT_GE(files, 6u);
  const Submission integral =
      parse_submission(read_json_file((kValid / "tinytorch_integer_valued_float.json").string()));
  EXPECT_EQ(integral.baseline.metrics.parameter_count, 283u);
}

TEST(ParseSubmission, RoundTripsTheRunFixtureByteForByte) {
  const json doc = read_json_file(kFixture);
  EXPECT_EQ(to_json(parse_submission(doc)).dump(2), doc.dump(2));
}

TEST(ParseSubmission, ReadsTypedValues) {
  const Submission s = parse_submission(v1_full());
  EXPECT_EQ(s.format, SubmissionFormat::kTinyperfV1);
  EXPECT_EQ(s.system_info->processor, "AMD EPYC 9R14");
  EXPECT_EQ(s.system_info->rest["cpu_count"], 2);
  EXPECT_EQ(s.settings->measurement_runs, 12u);
  EXPECT_EQ(s.settings->interleaved, true);
  EXPECT_EQ(s.workload->input_shape, (std::vector<std::uint64_t>{1, 784}));
  EXPECT_EQ(s.baseline.model->precision, "fp32");
  EXPECT_EQ(s.baseline.latency_samples_ms->size(), 12u);
  EXPECT_EQ(s.improvements->verdict, stats::Verdict::kFaster);
  EXPECT_EQ(s.improvements->speedup, 2.611111111111111);
  ASSERT_EQ(s.candidates.size(), 1u);
  EXPECT_FALSE(s.candidates[0].latency_samples_ms);
  EXPECT_EQ(submitter_of(s), *s.submitter);
}

TEST(ParseSubmission, KeepsANullIntervalApartFromAnAbsentOne) {
  json doc = v1_full();
  doc["baseline"]["metrics"]["latency_ms_ci95"] = nullptr;
  const Submission s = parse_submission(doc);
  ASSERT_TRUE(s.baseline.metrics.latency_ms_ci95);
  EXPECT_FALSE(*s.baseline.metrics.latency_ms_ci95);
  EXPECT_TRUE(to_json(s)["baseline"]["metrics"]["latency_ms_ci95"].is_null());
  const Submission capstone =
      parse_submission(read_json_file((kValid / "tinytorch_means.json").string()));
  EXPECT_FALSE(capstone.baseline.metrics.latency_ms_ci95);
  EXPECT_FALSE(to_json(capstone)["baseline"]["metrics"].contains("latency_ms_ci95"));
}

TEST(ParseSubmission, KeepsMembersItDoesNotKnow) {
  json doc = v1_full();
  doc["x_note"] = {{"by", "hand"}};
  doc["baseline"]["metrics"]["gflops"] = 1.5;
  doc["settings"]["governor_pinned"] = true;
  doc["system_info"]["numa_nodes"] = 1;
  EXPECT_EQ(to_json(parse_submission(doc)), doc);
}

TEST(ParseSubmission, NeedsOnlyABaselineWithAName) {
  const Submission s = parse_submission({{"baseline", {{"model_name", "bare"}}}});
  EXPECT_EQ(s.format, SubmissionFormat::kUnknown);
  EXPECT_EQ(s.baseline.model_name, "bare");
  EXPECT_FALSE(s.baseline.metrics.accuracy);
  EXPECT_EQ(to_json(s),
            json({{"baseline", {{"model_name", "bare"}, {"metrics", json::object()}}}}));
}

TEST(ParseSubmission, NamesThePathOfWhatIsWrong) {
  EXPECT_EQ(parse_error(json::array()), "$: expected a submission object, got an array");
  EXPECT_EQ(parse_error(json::object()), "$.baseline: required field is missing");
  EXPECT_EQ(parse_error({{"baseline", {{"metrics", json::object()}}}}),
            "$.baseline.model_name: required field is missing");
  EXPECT_EQ(parse_error({{"baseline", {{"model_name", 3}}}}),
            "$.baseline.model_name: expected a string, got 3");
  json doc = v1_full();
  doc["baseline"]["metrics"]["accuracy"] = "high";
  EXPECT_EQ(parse_error(doc),
            "$.baseline.metrics.accuracy: expected a number, got string \"high\"");
  doc = v1_full();
  doc["optimized"]["metrics"]["accuracy"] = 1.5;
  EXPECT_EQ(parse_error(doc), "$.optimized.metrics.accuracy: 1.5 is outside [0, 1]");
  doc = v1_full();
  doc["baseline"]["metrics"]["parameter_count"] = 1.5;
  EXPECT_EQ(parse_error(doc), "$.baseline.metrics.parameter_count: 1.5 is not an integer");
  doc = v1_full();
  doc["candidates"][0]["metrics"]["latency_ms_median"] = true;
  EXPECT_EQ(parse_error(doc),
            "$.candidates[0].metrics.latency_ms_median: expected a number, got boolean true");
  doc = v1_full();
  doc["optimized"]["samples"]["latency_ms"][3] = 0;
  EXPECT_EQ(parse_error(doc), "$.optimized.samples.latency_ms[3]: 0 must be > 0");
  doc = v1_full();
  doc["settings"]["batch_size"] = -1;
  EXPECT_EQ(parse_error(doc), "$.settings.batch_size: -1 must be > 0");
  doc = v1_full();
  doc["improvements"]["verdict"] = "quicker";
  EXPECT_EQ(parse_error(doc),
            "$.improvements.verdict: expected one of \"faster\", \"slower\", \"no_change\", "
            "\"inconclusive\", got string \"quicker\"");
  doc = v1_full();
  doc["baseline"]["metrics"]["latency_ms_ci95"] = {1.0};
  EXPECT_EQ(parse_error(doc),
            "$.baseline.metrics.latency_ms_ci95: expected [lo, hi], got an array of 1 items");
  doc = v1_full();
  doc["warnings"] = "none";
  EXPECT_EQ(parse_error(doc), "$.warnings: expected an array, got string \"none\"");
  doc = v1_full();
  doc["candidates"] = {{{"model_name", "x"}}, 7};
  EXPECT_EQ(parse_error(doc), "$.candidates[1]: expected an object, got 7");
  doc = v1_full();
  doc["schema_version"] = "2.0";
  EXPECT_EQ(parse_error(doc),
            "$.schema_version: \"2.0\" is not supported (this tinyperf reads \"1.0\")");
}

TEST(ParseSubmission, LeavesRequiredMembersAndRecomputationsToTheValidator) {
  json doc = v1_full();
  doc.erase("tool");
  doc["improvements"]["speedup"] = 9.0;  // does not match the metrics
  const Submission s = parse_submission(doc);
  EXPECT_FALSE(s.tool);
  EXPECT_EQ(s.improvements->speedup, 9.0);
  EXPECT_FALSE(validate_submission(doc).valid());
}

TEST(SidesOf, ListsBaselineOptimizedThenCandidates) {
  const Submission s = parse_submission(v1_full());
  const auto sides = sides_of(s);
  ASSERT_EQ(sides.size(), 3u);
  EXPECT_EQ(sides[0].role, SideRole::kBaseline);
  EXPECT_EQ(sides[1].side->model_name, "mlp_int8");
  EXPECT_EQ(to_string(sides[2].role), "candidate");
  EXPECT_EQ(&side_of(s, SideRole::kOptimized), &*s.optimized);
  EXPECT_EQ(latency_samples_of(s, SideRole::kBaseline).size(), 12u);
}

TEST(SidesOf, NamesTheMissingSideOrSamples) {
  Submission s = parse_submission(read_json_file((kValid / "v1_baseline_only.json").string()));
  try {
    side_of(s, SideRole::kOptimized);
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "$.optimized: required field is missing");
  }
  s.baseline.latency_samples_ms.reset();
  try {
    latency_samples_of(s, SideRole::kBaseline);
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "$.baseline.samples.latency_ms: required field is missing");
  }
}

TEST(RunProvenanceOf, ReadsWhereAndHowARunWasMeasured) {
  Submission s = parse_submission(v1_full());
  const RunProvenance p = run_provenance_of(s);
  EXPECT_EQ(p.timestamp, "2026-11-22T10:00:00Z");
  EXPECT_EQ(p.git_commit, "unknown");
  EXPECT_EQ(p.processor, "AMD EPYC 9R14");
  EXPECT_EQ(p.scenario, "single_stream");
  EXPECT_EQ(p.batch_size, 1u);
  EXPECT_EQ(p.threads, 1u);
  s.settings->scenario.reset();
  try {
    run_provenance_of(s);
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "$.settings.scenario is missing");
  }
}

TEST(SubmitterOf, PrefersTheStudentName) {
  Submission s;
  EXPECT_EQ(submitter_of(s), "");
  s.submitter = "team";
  EXPECT_EQ(submitter_of(s), "team");
  s.student_name = "Ada";
  EXPECT_EQ(submitter_of(s), "Ada");
}

// Text that is not JSON never reaches the parser: the file reader refuses it, naming the file.
TEST(LoadSubmission, RefusesEmptyAndTruncatedFiles) {
  const fs::path dir = fs::temp_directory_path() / ("tinyperf_doc_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* text : {"", "{\"schema_version\": \"1.0\", \"baseline\": {"}) {
    const std::string path = (dir / "s.json").string();
    std::ofstream(path) << text;
    try {
      load_submission(path);
      ADD_FAILURE() << "loaded " << text;
    } catch (const InputError& e) {
      EXPECT_THAT(e.what(), HasSubstr(path));
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tinyperf::submission
