#include "tinyperf/samples/sample_file.h"

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf::samples {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Each test writes its input files into a fresh temporary folder, removed afterwards.
class SampleFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("tinyperf_sample_file_") + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Loads `content` and returns the values (asserting the load succeeds).
  std::vector<double> values(const std::string& content, const SampleFileOptions& options = {}) {
    return load_samples(write("in", content), options).values;
  }

  // Expects InputError whose one-line message names the file and contains every fragment.
  void expect_refused(const std::string& content, std::initializer_list<const char*> fragments,
                      const SampleFileOptions& options = {}) {
    const std::string path = write("bad", content);
    try {
      load_samples(path, options);
      ADD_FAILURE() << "accepted: " << content.substr(0, 80);
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_THAT(message, HasSubstr(path));
      for (const char* fragment : fragments) EXPECT_THAT(message, HasSubstr(fragment));
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;
      EXPECT_LT(message.size(), 400u) << message;
    }
  }

  std::filesystem::path dir_;
};

SampleFileOptions with_format(SampleFormat format) {
  SampleFileOptions options;
  options.format = format;
  return options;
}

// ---- names and units ----

TEST(TimeUnit, ParsesEveryNameItPrints) {
  for (TimeUnit unit : {TimeUnit::kNs, TimeUnit::kUs, TimeUnit::kMs, TimeUnit::kS}) {
    EXPECT_EQ(parse_time_unit(to_string(unit)), unit);
  }
  EXPECT_THROW(parse_time_unit("sec"), InputError);
  EXPECT_THROW(parse_time_unit(""), InputError);
}

TEST(TimeUnit, ConvertsByExactPowersOfTen) {
  EXPECT_EQ(convert_time(1500.0, TimeUnit::kNs, TimeUnit::kMs), 0.0015);
  EXPECT_EQ(convert_time(2.5, TimeUnit::kS, TimeUnit::kMs), 2500.0);
  EXPECT_EQ(convert_time(7.0, TimeUnit::kUs, TimeUnit::kNs), 7000.0);
  EXPECT_EQ(convert_time(3.25, TimeUnit::kMs, TimeUnit::kMs), 3.25);
}

TEST(SampleFormatName, ParsesEveryNameItPrints) {
  for (SampleFormat f :
       {SampleFormat::kAuto, SampleFormat::kText, SampleFormat::kCsv, SampleFormat::kSubmission,
        SampleFormat::kGoogleBenchmark, SampleFormat::kHyperfine}) {
    EXPECT_EQ(parse_sample_format(to_string(f)), f);
  }
  EXPECT_THROW(parse_sample_format("json"), InputError);
}

// ---- plain text ----

TEST_F(SampleFileTest, TextReadsOneNumberPerLineSkippingBlanksAndComments) {
  const SampleSet set = load_samples(write("t.txt", "# latency\n1\n\n  2.5 \r\n\t-3e-1\n# end\n4"));
  EXPECT_THAT(set.values, ElementsAre(1.0, 2.5, -0.3, 4.0));
  EXPECT_EQ(set.format, SampleFormat::kText);
  EXPECT_EQ(set.unit, TimeUnit::kMs);
  EXPECT_THAT(set.source, HasSubstr("4 values"));
}

TEST_F(SampleFileTest, TextValuesKeepTheRequestedUnit) {
  SampleFileOptions options;
  options.unit = TimeUnit::kUs;
  const SampleSet set = load_samples(write("t.txt", "5\n6\n"), options);
  EXPECT_THAT(set.values, ElementsAre(5.0, 6.0));
  EXPECT_EQ(set.unit, TimeUnit::kUs);
}

TEST_F(SampleFileTest, TextIgnoresAByteOrderMark) {
  EXPECT_THAT(values("\xEF\xBB\xBF"
                     "1\n2\n"),
              ElementsAre(1.0, 2.0));
}

TEST_F(SampleFileTest, TextRefusesANonNumberNamingItsLine) {
  expect_refused("1\n2\nabc\n", {"line 3", "\"abc\" is not a number"});
  expect_refused("1\n2.5ms\n", {"line 2", "2.5ms"});
  expect_refused("0x10\n", {"line 1"});
  expect_refused("1 2\n", {"line 1"});
}

TEST_F(SampleFileTest, TextRefusesNanAndInfinity) {
  for (const char* bad : {"nan", "NaN", "inf", "-inf", "infinity", "nan(0x1)"}) {
    expect_refused(std::string("1\n") + bad + "\n", {"line 2", "not a finite number"});
  }
}

TEST_F(SampleFileTest, TextRefusesNumbersOutsideTheRangeOfADouble) {
  expect_refused("1e999\n", {"line 1", "out of the range"});
}

TEST_F(SampleFileTest, TextRefusesAnEmptyFileOrOnlyComments) {
  expect_refused("", {"no samples"});
  expect_refused("\n  \n# nothing\n", {"no samples"});
}

TEST_F(SampleFileTest, TextRefusesCommaSeparatedNumbersWithoutHeader) {
  expect_refused("1,2\n3,4\n", {"line 1", "header"});
}

TEST_F(SampleFileTest, HostileBytesGiveAShortPrintableMessage) {
  expect_refused(std::string("\0\x01\xff\x7f", 4) + "\n", {"line 1", "\\x00\\x01\\xff\\x7f"});
  expect_refused("1\n" + std::string(1 << 20, 'a') + "\n", {"line 2", "...", "not a number"});
  expect_refused("1\n" + std::string(1 << 20, '9') + "\n", {"line 2", "out of the range"});
}

// ---- CSV ----

TEST_F(SampleFileTest, CsvDefaultsToTheFirstNumericColumn) {
  const SampleSet set =
      load_samples(write("c.csv", "name,latency_ms,batch\nfoo,1.5,1\nbar,2.5,2\n"));
  EXPECT_THAT(set.values, ElementsAre(1.5, 2.5));
  EXPECT_EQ(set.format, SampleFormat::kCsv);
  EXPECT_THAT(set.source, HasSubstr("latency_ms"));
}

TEST_F(SampleFileTest, CsvWithOneColumnIsRecognisedByItsHeader) {
  const SampleSet set = load_samples(write("one.csv", "latency_ms\n1\n2\n"));
  EXPECT_EQ(set.format, SampleFormat::kCsv);
  EXPECT_THAT(set.values, ElementsAre(1.0, 2.0));
}

TEST_F(SampleFileTest, ALoneLineOfJunkIsReportedAsText) {
  expect_refused("junk\n", {"line 1", "\"junk\" is not a number"});
}

TEST_F(SampleFileTest, CsvReadsTheColumnNamed) {
  SampleFileOptions options;
  options.column = "batch";
  EXPECT_THAT(values("name,latency_ms,batch\nfoo,1.5,1\nbar,2.5,2\n", options),
              ElementsAre(1.0, 2.0));
}

TEST_F(SampleFileTest, CsvUnknownColumnListsTheColumns) {
  SampleFileOptions options;
  options.column = "p99";
  expect_refused("name,latency_ms\nfoo,1\n", {"no column \"p99\"", "\"name\", \"latency_ms\""},
                 options);
}

TEST_F(SampleFileTest, CsvHonoursRfc4180Quoting) {
  SampleFileOptions options;
  options.column = "v";
  const std::string text =
      "\"a,b\",\"say \"\"hi\"\"\",v\r\n\"1,2\",\"q\"\"\",3\r\n\"multi\nline\",z,\"4\"\r\n";
  EXPECT_THAT(values(text, options), ElementsAre(3.0, 4.0));
}

TEST_F(SampleFileTest, CsvCountsLinesInsideQuotedFields) {
  // The record after the two-line quoted cell starts on line 4.
  expect_refused("label,v\n\"two\nlines\",1\nx,oops\n", {"line 4", "column \"v\"", "oops"});
}

TEST_F(SampleFileTest, CsvSkipsCommentLinesBeforeTheHeaderAndBlankLines) {
  EXPECT_THAT(values("# made by hand\n\nname,ms\na,1\n\nb,2\n"), ElementsAre(1.0, 2.0));
}

TEST_F(SampleFileTest, CsvRefusesAnEmptyOrMissingCellNamingLineAndColumn) {
  expect_refused("name,ms\na,1\nb,\nc,3\n", {"line 3", "column \"ms\"", "empty value"});
  expect_refused("name,ms\na,1\nb\n", {"line 3", "column \"ms\"", "missing value"});
}

TEST_F(SampleFileTest, CsvRefusesNanInTheColumn) {
  expect_refused("name,ms\na,1\nb,nan\n", {"line 3", "not a finite number"});
}

TEST_F(SampleFileTest, CsvRefusesBrokenQuoting) {
  expect_refused("name,ms\n\"a,1\n", {"line 2", "never closed"});
  expect_refused("name,ms\n\"a\"x,1\n", {"line 2", "after the closing quote"});
  expect_refused("name,ms\na\"b,1\n", {"line 2", "quote inside an unquoted"});
}

TEST_F(SampleFileTest, CsvRefusesAHeaderWithoutRowsOrNumbers) {
  expect_refused("name,ms\n", {"no data rows"});
  expect_refused("name,label\na,b\n", {"no numeric column", "\"name\", \"label\""});
}

TEST_F(SampleFileTest, CsvRefusesAbsurdlyWideRecords) {
  expect_refused("a" + std::string(100'000, ',') + "\n", {"line 1", "more than 4096 columns"});
}

TEST_F(SampleFileTest, ExplicitTextFormatDoesNotGuessCsv) {
  expect_refused("name\n1\n", {"line 1", "\"name\" is not a number"},
                 with_format(SampleFormat::kText));
}

TEST_F(SampleFileTest, ExplicitCsvFormatTreatsTheFirstLineAsHeader) {
  EXPECT_THAT(values("10\n1\n2\n", with_format(SampleFormat::kCsv)), ElementsAre(1.0, 2.0));
}

// ---- submissions ----

const char* const kSubmission = R"({
  "schema_version": "1.0",
  "baseline": {"model_name": "mlp", "samples": {"latency_ms": [1.5, 2, 2.5]}},
  "optimized": {"model_name": "mlp-int8", "samples": {"latency_ms": [0.5, 0.75]}}
})";

TEST_F(SampleFileTest, SubmissionReadsTheChosenSidesRawLatencies) {
  SampleFileOptions options;
  const SampleSet base = load_samples(write("s.json", kSubmission), options);
  EXPECT_THAT(base.values, ElementsAre(1.5, 2.0, 2.5));
  EXPECT_EQ(base.format, SampleFormat::kSubmission);
  options.side = "optimized";
  options.unit = TimeUnit::kUs;
  EXPECT_THAT(values(kSubmission, options), ElementsAre(500.0, 750.0));
}

TEST_F(SampleFileTest, SubmissionNamesWhatIsMissing) {
  SampleFileOptions options;
  options.side = "optimized";
  const char* const kBaselineOnly = R"({"schema_version": "1.0", "baseline": {"model_name": "m"}})";
  expect_refused(kBaselineOnly, {"$.optimized: required field is missing"}, options);
  expect_refused(kBaselineOnly, {"$.baseline.samples.latency_ms: required field is missing"});
  expect_refused(R"({"schema_version": "1.0", "baseline": {}})",
                 {"$.baseline.model_name: required field is missing"});
  expect_refused(R"({"schema_version": "1.0",
                     "baseline": {"model_name": "m", "samples": {"latency_ms": [1, "2"]}}})",
                 {"$.baseline.samples.latency_ms[1]: expected a number, got string \"2\""});
  expect_refused(R"({"schema_version": "1.0",
                     "baseline": {"model_name": "m", "samples": {"latency_ms": [1, -2]}}})",
                 {"$.baseline.samples.latency_ms[1]: -2 must be > 0"});
  expect_refused(R"({"schema_version": "1.0",
                     "baseline": {"model_name": "m", "samples": {"latency_ms": []}}})",
                 {"$.baseline.samples.latency_ms: expected at least one value"});
  expect_refused(R"({"schema_version": "2.0", "baseline": {}})", {"not supported"});
  options.side = "fastest";
  expect_refused(kSubmission, {"\"fastest\"", "neither baseline nor optimized"}, options);
}

TEST_F(SampleFileTest, CapstoneSubmissionIsRefusedForLackingRawSamples) {
  expect_refused(R"({"submission_type": "capstone_benchmark", "tinytorch_version": "0.1",
                     "baseline": {"metrics": {"latency_ms_mean": 3.2}}})",
                 {"TinyTorch capstone", "no raw samples"});
}

// ---- Google Benchmark ----

// Trimmed from the JSON output of Google Benchmark 1.7.1 (this machine's libbenchmark).
const char* const kGoogleBenchmark = R"({
  "context": {"date": "2026-11-22T06:20:10+00:00", "num_cpus": 2},
  "benchmarks": [
    {"name": "BM_Sqrt/repeats:3", "run_name": "BM_Sqrt/repeats:3", "run_type": "iteration",
     "repetitions": 3, "repetition_index": 0, "iterations": 1000,
     "real_time": 1.2064000088685134e+01, "cpu_time": 1.03e+01, "time_unit": "ns"},
    {"name": "BM_Sqrt/repeats:3", "run_name": "BM_Sqrt/repeats:3", "run_type": "iteration",
     "repetitions": 3, "repetition_index": 1, "iterations": 1000,
     "real_time": 9.1160000010859221e+00, "cpu_time": 9.07e+00, "time_unit": "ns"},
    {"name": "BM_Sqrt/repeats:3_mean", "run_name": "BM_Sqrt/repeats:3", "run_type": "aggregate",
     "aggregate_name": "mean", "real_time": 1.0078000021470265e+01, "time_unit": "ns"},
    {"name": "BM_Fail", "run_name": "BM_Fail", "run_type": "iteration", "error_occurred": true,
     "error_message": "device not found", "real_time": 0.0, "time_unit": "ns"},
    {"name": "BM_Us/8", "run_name": "BM_Us/8", "run_type": "iteration",
     "real_time": 6.96e-03, "time_unit": "us"},
    {"name": "BM_Us/8", "run_name": "BM_Us/8", "run_type": "iteration",
     "real_time": 5.07e-03, "time_unit": "us"},
    {"name": "BM_Us/8_BigO", "run_name": "BM_Us/8", "run_type": "aggregate",
     "aggregate_name": "BigO", "real_time": 1.0, "time_unit": "us"}
  ]
})";

SampleFileOptions benchmark_named(const std::string& name, TimeUnit unit = TimeUnit::kMs) {
  SampleFileOptions options;
  options.benchmark = name;
  options.unit = unit;
  return options;
}

TEST_F(SampleFileTest, GoogleBenchmarkReadsRepetitionsOfTheNamedRunInTheRequestedUnit) {
  const SampleSet set =
      load_samples(write("gb.json", kGoogleBenchmark), benchmark_named("BM_Sqrt/repeats:3"));
  EXPECT_THAT(set.values, ElementsAre(1.2064000088685134e-05, 9.1160000010859221e-06));
  EXPECT_EQ(set.format, SampleFormat::kGoogleBenchmark);
  EXPECT_THAT(set.source, HasSubstr("2 repetitions"));
  EXPECT_THAT(values(kGoogleBenchmark, benchmark_named("BM_Us/8", TimeUnit::kNs)),
              ElementsAre(6.96, 5.07));
}

TEST_F(SampleFileTest, GoogleBenchmarkWithSeveralRunsAsksForOneAndListsThem) {
  expect_refused(kGoogleBenchmark, {"3 benchmarks", "--benchmark",
                                    "\"BM_Sqrt/repeats:3\", \"BM_Fail\", \"BM_Us/8\""});
  expect_refused(kGoogleBenchmark, {"no benchmark named \"BM_X\"", "BM_Us/8"},
                 benchmark_named("BM_X"));
}

TEST_F(SampleFileTest, GoogleBenchmarkRefusesAFailedRunWithItsMessage) {
  expect_refused(kGoogleBenchmark, {"$.benchmarks[3] failed", "device not found"},
                 benchmark_named("BM_Fail"));
}

TEST_F(SampleFileTest, GoogleBenchmarkFallsBackToNameWhenRunNameIsAbsent) {
  // Older versions wrote neither run_name nor run_type; aggregates carried aggregate_name.
  const std::string old = R"({"benchmarks": [{"name": "BM_A", "real_time": 2, "time_unit": "ms"},
      {"name": "BM_A", "real_time": 4, "time_unit": "s"},
      {"name": "BM_A_mean", "aggregate_name": "mean", "real_time": 3, "time_unit": "ms"}]})";
  EXPECT_THAT(values(old), ElementsAre(2.0, 4000.0));
}

TEST_F(SampleFileTest, GoogleBenchmarkRefusesMalformedEntries) {
  expect_refused(R"({"benchmarks": {}})", {"$.benchmarks is not an array"});
  expect_refused(R"({"benchmarks": [{"run_type": "aggregate", "name": "x"}]})",
                 {"no per-repetition"});
  expect_refused(R"({"benchmarks": [{"name": "a", "real_time": 1, "time_unit": "min"}]})",
                 {"$.benchmarks[0].time_unit \"min\""});
  expect_refused(R"({"benchmarks": [{"name": "a", "real_time": "1"}]})",
                 {"real_time is not a number"});
  expect_refused(R"({"benchmarks": [{"name": "a"}]})", {"$.benchmarks[0].real_time is missing"});
  expect_refused(R"({"benchmarks": [7]})", {"$.benchmarks[0] is not an object"});
}

// ---- hyperfine ----

const char* const kHyperfine = R"({"results": [
  {"command": "sleep 0.1", "mean": 0.15, "times": [0.1, 0.2], "exit_codes": [0, 0]},
  {"command": "sleep 0.2", "mean": 0.2, "times": [0.25, 0.5, 0.125]}]})";

TEST_F(SampleFileTest, HyperfineReadsTheFirstResultsTimesInSeconds) {
  const SampleSet set = load_samples(write("h.json", kHyperfine));
  EXPECT_THAT(set.values, ElementsAre(100.0, 200.0));
  EXPECT_EQ(set.format, SampleFormat::kHyperfine);
  EXPECT_THAT(set.source, HasSubstr("sleep 0.1"));
}

TEST_F(SampleFileTest, HyperfineSelectsAResultByCommand) {
  EXPECT_THAT(values(kHyperfine, benchmark_named("sleep 0.2", TimeUnit::kS)),
              ElementsAre(0.25, 0.5, 0.125));
  expect_refused(kHyperfine, {"no result with command \"ls\"", "\"sleep 0.1\", \"sleep 0.2\""},
                 benchmark_named("ls"));
}

TEST_F(SampleFileTest, HyperfineRefusesMalformedResults) {
  expect_refused(R"({"results": []})", {"$.results is not a non-empty array"});
  expect_refused(R"({"results": [{"command": "x"}]})", {"$.results[0].times is missing"});
  expect_refused(R"({"results": [{"times": [0.1, null]}]})",
                 {"$.results[0].times[1] is not a number"});
  expect_refused(R"({"results": [{"times": []}]})", {"no samples"});
}

// ---- JSON in general, files ----

TEST_F(SampleFileTest, MalformedOrTruncatedJsonIsRefused) {
  expect_refused("{\"benchmarks\": [", {"not valid JSON"});
  expect_refused("{\"results\": [1,]}", {"not valid JSON"});
  expect_refused(R"({"results": 1, "results": 2})", {"duplicate key"});
  expect_refused("{\"a\": 1e999}", {"not valid JSON"});
}

TEST_F(SampleFileTest, DeeplyNestedJsonIsRefusedWithoutExhaustingTheStack) {
  expect_refused(std::string(100'000, '[') + std::string(100'000, ']'), {"nesting"});
}

TEST_F(SampleFileTest, JsonOfAnUnknownKindIsRefused) {
  expect_refused("[1, 2, 3]", {"unknown kind"});
  expect_refused(R"({"values": [1, 2]})", {"unknown kind"});
}

TEST_F(SampleFileTest, ExplicitJsonFormatRequiresItsKeys) {
  expect_refused(kGoogleBenchmark, {"$.results is missing"}, with_format(SampleFormat::kHyperfine));
  expect_refused("[1]", {"not an object"}, with_format(SampleFormat::kGoogleBenchmark));
  expect_refused("1\n2\n", {"not valid JSON"}, with_format(SampleFormat::kSubmission));
}

TEST_F(SampleFileTest, UnreadablePathsAreIoErrors) {
  EXPECT_THROW(load_samples((dir_ / "missing.txt").string()), IoError);
  EXPECT_THROW(load_samples(dir_.string()), IoError);
}

}  // namespace
}  // namespace tinyperf::samples
