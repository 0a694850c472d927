#include "tinyperf/submission/submission.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/measure/system_info.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::submission {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

measure::SystemInfo fixed_system() {
  measure::SystemInfo info;
  info.platform = "Linux-6.1.0-x86_64";
  info.os = "Debian GNU/Linux 12 (bookworm)";
  info.kernel = "6.1.0";
  info.processor = "Test CPU";
  info.cpu_count = 2;
  info.memory_gb = 16;
  info.isa = {"avx2"};
  info.cpu_governor = "unknown";
  info.build_type = "Release";
  info.libraries = {{"fmt", "9.1.0"}};
  return info;
}

// A report filled as benchmark_model fills it, from given samples (no measuring).
BenchmarkReport report_of(const std::string& name, std::vector<double> samples,
                          std::uint64_t size_bytes, double accuracy,
                          std::vector<std::string> warnings = {}) {
  BenchmarkReport r(name, fixed_system());
  r.timestamp = "2026-11-22T10:00:00Z";
  const stats::Summary s = stats::summarize(samples);
  r.metrics.parameter_count = 1000;
  r.metrics.model_size_mb = size_bytes / 1048576.0;
  r.metrics.accuracy = accuracy;
  r.metrics.latency_ms_mean = s.mean;
  r.metrics.latency_ms_std = s.std;
  r.metrics.latency_ms_median = s.median;
  r.metrics.latency_ms_p90 = s.p90;
  r.metrics.latency_ms_p95 = s.p95;
  r.metrics.latency_ms_p99 = s.p99;
  r.metrics.latency_ms_ci95 = s.ci95_median;
  r.metrics.throughput_samples_per_sec = 5000.0;
  r.metrics.peak_memory_mb = 40.0;
  r.latency_samples_ms = std::move(samples);
  r.measurement = {{"latency", {{"warmup_runs", 12}, {"seed", 99}, {"order", "interleaved"}}}};
  r.warnings = std::move(warnings);
  return r;
}

std::vector<double> noisy(double center, int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(0.98, 1.05);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(center * jitter(rng));
  return out;
}

SubmissionContext context_for(const BenchmarkReport& baseline) {
  SubmissionContext c;
  c.baseline_model = {"tinyperf-model", "fp32", 0, std::string(64, 'a')};
  c.optimized_model = {"tinyperf-model", "int8", 0, std::string(64, 'b')};
  c.workload = {"fashion-mnist",        "test",  10000, std::string(64, 'c'),
                "image_classification", {1, 784}};
  c.settings = settings_of(baseline, 0.5, 1);
  return c;
}

class Generate : public ::testing::Test {
 protected:
  BenchmarkReport base = report_of("mlp", noisy(2.0, 40, 1), 4 << 20, 0.88,
                                   {"cpu governor is powersave", "high variance: cv 0.2"});
  BenchmarkReport opt =
      report_of("mlp_int8", noisy(0.8, 40, 2), 1 << 20, 0.87, {"cpu governor is powersave"});
  std::vector<std::string> techniques = {"int8_quantization"};
};

TEST_F(Generate, GeneratesAValidV1Document) {
  const json doc = to_json(generate_submission(base, &opt, techniques, "Ada", context_for(base)));
  const ValidationResult result = validate_submission(doc);
  EXPECT_EQ(result.format, SubmissionFormat::kTinyperfV1);
  EXPECT_TRUE(result.valid()) << (result.errors.empty()
                                      ? ""
                                      : result.errors[0].path + ": " + result.errors[0].message);
  EXPECT_EQ(doc["schema_version"], "1.0");
  EXPECT_EQ(doc["submitter"], "Ada");
  EXPECT_EQ(doc["tool"]["name"], "tinyperf");
  EXPECT_EQ(doc["system_info"]["processor"], "Test CPU");
  EXPECT_EQ(doc["optimized"]["techniques_applied"], json({"int8_quantization"}));
  EXPECT_EQ(doc["baseline"]["model"]["size_bytes"], 4 << 20);
}

TEST_F(Generate, ComputesImprovementsFromMediansAsTheRulesSay) {
  const json doc = to_json(generate_submission(base, &opt, techniques, "", context_for(base)));
  const json& imp = doc["improvements"];
  const double speedup = *base.metrics.latency_ms_median / *opt.metrics.latency_ms_median;
  EXPECT_DOUBLE_EQ(imp["speedup"].get<double>(), speedup);
  EXPECT_DOUBLE_EQ(imp["compression_ratio"].get<double>(), 4.0);
  EXPECT_NEAR(imp["accuracy_delta"].get<double>(), -0.01, 1e-15);
  EXPECT_NEAR(imp["efficiency_score"].get<double>(), speedup * 4.0 / 1.01, 1e-12);
  EXPECT_EQ(imp["test"], "mann_whitney_u");
  EXPECT_EQ(imp["verdict"], "faster");  // 2.0 ms vs 0.8 ms, 40 runs each
  EXPECT_LT(imp["p_value"].get<double>(), 1e-6);
  EXPECT_LE(imp["speedup_ci95"][0].get<double>(), speedup);
  EXPECT_GE(imp["speedup_ci95"][1].get<double>(), speedup);
}

TEST_F(Generate, MergesWarningsNamingTheModelUnlessShared) {
  SubmissionContext c = context_for(base);
  c.warnings = {"debug build"};
  const json doc = to_json(generate_submission(base, &opt, techniques, "", c));
  EXPECT_EQ(doc["warnings"],
            json({"cpu governor is powersave", "mlp: high variance: cv 0.2", "debug build"}));
}

TEST_F(Generate, WritesABaselineOnlySubmissionWithoutImprovements) {
  const json doc = to_json(generate_submission(base, nullptr, {}, "", context_for(base)));
  EXPECT_FALSE(doc.contains("optimized"));
  EXPECT_FALSE(doc.contains("improvements"));
  EXPECT_TRUE(validate_submission(doc).valid());
}

TEST_F(Generate, WritesCandidatesWithTheirSamples) {
  BenchmarkReport pruned = report_of("mlp_pruned", noisy(1.5, 20, 3), 2 << 20, 0.86);
  SubmissionContext c = context_for(base);
  c.candidates.push_back(
      {&pruned, {"tinyperf-model", "fp32", 0, std::string(64, 'd')}, {"magnitude_pruning"}});
  json doc = to_json(generate_submission(base, &opt, techniques, "", c));
  EXPECT_TRUE(validate_submission(doc).valid());
  ASSERT_EQ(doc["candidates"].size(), 1u);
  doc["candidates"][0]["samples"]["latency_ms"][0] = 100.0;  // now the metrics disagree
  EXPECT_FALSE(validate_submission(doc).valid());
}

TEST_F(Generate, RefusesReportsThatWereNeverMeasured) {
  const BenchmarkReport empty("never_run", fixed_system());
  EXPECT_THROW(generate_submission(empty), InputError);
  EXPECT_THROW(settings_of(empty), InputError);
}

TEST(SettingsOf, ReadsTheReportsMeasurement) {
  const BenchmarkReport r = report_of("m", noisy(1.0, 30, 4), 1024, 0.5);
  const RunSettings s = settings_of(r, 0.25, 2);
  EXPECT_EQ(s.warmup_runs, 12u);
  EXPECT_EQ(s.measurement_runs, 30u);
  EXPECT_EQ(s.seed, 99u);
  EXPECT_EQ(s.interleaved, true);
  EXPECT_EQ(s.min_duration_s, 0.25);
  EXPECT_EQ(s.threads, 2u);
}

class SaveLoad : public Generate {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tinyperf_submission_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(SaveLoad, RoundTripsAValidSubmission) {
  const Submission submission =
      generate_submission(base, &opt, techniques, "Ada", context_for(base));
  save_submission(submission, path("s.json"));
  EXPECT_EQ(to_json(load_submission(path("s.json"))).dump(), to_json(submission).dump());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);  // no temp
}

TEST_F(SaveLoad, RefusesToWriteAnInvalidSubmissionAndKeepsTheOldFile) {
  std::ofstream(path("s.json")) << "previous";
  SubmissionContext c = context_for(base);
  c.baseline_model.sha256 = "not a digest";
  const Submission submission = generate_submission(base, &opt, techniques, "", c);
  try {
    save_submission(submission, path("s.json"));
    FAIL() << "saved an invalid submission";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not written"));
    EXPECT_THAT(e.what(), HasSubstr("$.baseline.model.sha256: \"not a digest\" is not a SHA-256"));
  }
  EXPECT_EQ(read_text_file(path("s.json")), "previous");
}

TEST_F(SaveLoad, LoadRefusesAnInvalidFileNamingItAndTheErrors) {
  std::ofstream(path("bad.json"))
      << R"({"tinytorch_version": "0.1.0", "submission_type": "capstone_benchmark"})";
  try {
    load_submission(path("bad.json"));
    FAIL() << "loaded an invalid submission";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path("bad.json") + ": invalid tinytorch capstone submission"));
    EXPECT_THAT(e.what(), HasSubstr("$.timestamp: required field is missing"));
  }
  EXPECT_EQ(
      load_submission("../../schema/examples/valid/tinytorch_medians.json").improvements->speedup,
      3.0);
}

// A 2-class model over 4 features (class = whether feature 0 > feature 1), with a stated size.
class TinyModel final : public measure::ModelUnderTest {
 public:
  TinyModel(std::string name, std::uint64_t bytes) : name_(std::move(name)), bytes_(bytes) {}
  std::string name() const override { return name_; }
  std::size_t input_size() const override { return 4; }
  std::size_t num_classes() const override { return 2; }
  std::uint64_t stored_size_bytes() const override { return bytes_; }
  std::uint64_t parameter_count() const override { return bytes_ / 4; }
  void predict(const measure::FeatureRows& x, std::span<float> scores) override {
    for (std::size_t r = 0; r < x.rows; ++r) {
      scores[2 * r] = x.values[4 * r + 1];
      scores[2 * r + 1] = x.values[4 * r];
    }
  }

 private:
  std::string name_;
  std::uint64_t bytes_;
};

TEST(SubmissionFromMeasuredReports, IsValidAndRecomputable) {
  std::vector<float> x;
  std::vector<std::int32_t> y;
  std::mt19937 rng(11);
  std::normal_distribution<float> normal;
  for (int row = 0; row < 64; ++row) {
    for (int c = 0; c < 4; ++c) x.push_back(normal(rng));
    y.push_back(x[4 * row] > x[4 * row + 1] ? 1 : 0);
  }
  TinyModel a("fp32", 4096), b("int8", 1024);
  measure::ModelUnderTest* const models[] = {&a, &b};
  BenchmarkReportOptions options;
  options.warmup = {.mode = measure::WarmupMode::kCount, .runs = 3};
  options.energy_min_seconds = 0.001;
  const auto reports = benchmark_models(models, {x, 64, 4}, y, 30, options);
  SubmissionContext c = context_for(reports[0]);
  c.compare.paired = true;  // one interleaved benchmark_models call
  const std::vector<std::string> techniques = {"int8_quantization"};
  const json doc = to_json(generate_submission(reports[0], &reports[1], techniques, "", c));
  const ValidationResult result = validate_submission(doc);
  EXPECT_TRUE(result.valid()) << (result.errors.empty()
                                      ? ""
                                      : result.errors[0].path + ": " + result.errors[0].message);
  EXPECT_EQ(doc["settings"]["measurement_runs"], reports[0].latency_samples_ms.size());
  EXPECT_EQ(doc["baseline"]["metrics"]["accuracy"], 1.0);
}

}  // namespace
}  // namespace tinyperf::submission
