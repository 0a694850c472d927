// Hostile files: each is refused with a clear error naming the file, within bounded memory.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::submission {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ValidateFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tinyperf_validate_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // The message of the InputError validate_submission_file throws (fails the test otherwise).
  static std::string input_error(const std::string& path) {
    try {
      validate_submission_file(path);
    } catch (const InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << path << ": no InputError";
    return {};
  }

  fs::path dir_;
};

TEST_F(ValidateFile, RefusesTextThatIsNotJson) {
  const auto path = write("text.json", "baseline: fast\n");
  EXPECT_THAT(input_error(path), HasSubstr(path + ": not valid JSON"));
  EXPECT_THAT(input_error(write("empty.json", "")), HasSubstr("not valid JSON"));
}

TEST_F(ValidateFile, RefusesTruncatedJson) {
  const std::string full = read_text_file("../../schema/examples/valid/v1_full.json");
  const auto path = write("cut.json", full.substr(0, full.size() / 2));
  EXPECT_THAT(input_error(path), HasSubstr("not valid JSON"));
}

TEST_F(ValidateFile, RefusesAHundredMegabyteFile) {
  const auto path = (dir_ / "big.json").string();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  ASSERT_EQ(::ftruncate(::fileno(file), 100LL << 20), 0);  // sparse: costs no disk
  std::fclose(file);
  EXPECT_THAT(input_error(path), HasSubstr("larger than the 64 MiB limit"));
}

TEST_F(ValidateFile, RefusesDeepNesting) {
  const auto path = write("deep.json", std::string(10'000, '[') + std::string(10'000, ']'));
  EXPECT_THAT(input_error(path), HasSubstr("nesting deeper than 256 levels"));
}

TEST_F(ValidateFile, RefusesNumbersTooLargeForADouble) {
  const std::string doc = R"({"tinytorch_version": "0.1.0", "accuracy": 1e400})";
  EXPECT_THAT(input_error(write("huge.json", doc)), HasSubstr("number overflow"));
}

TEST_F(ValidateFile, ReportsLargeButFiniteNumbersAsRuleErrors) {
  const std::string full =
      read_text_file("../../schema/examples/valid/tinytorch_baseline_only.json");
  std::string doc = full;
  doc.replace(doc.find("\"accuracy\": 0.92"), 16, "\"accuracy\": 1e308");
  const ValidationResult result = validate_submission_file(write("large.json", doc));
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].message, "1e+308 is outside [0, 1]");
}

TEST_F(ValidateFile, RefusesDuplicateKeys) {
  const std::string doc = R"({"tinytorch_version": "0.1.0", "tinytorch_version": "0.2.0"})";
  EXPECT_THAT(input_error(write("dup.json", doc)),
              HasSubstr("duplicate key \"tinytorch_version\""));
}

TEST_F(ValidateFile, RefusesNaNLiteralsAsPythonWritesThem) {
  // Python's json.dumps writes NaN for float('nan'); it is not JSON, so the file is refused with
  // the line and column of the token rather than a JSON path.
  const std::string doc = R"({"tinytorch_version": "0.1.0", "latency_ms_median": NaN})";
  EXPECT_THAT(input_error(write("nan.json", doc)), HasSubstr("line 1, column"));
}

TEST_F(ValidateFile, ReportsAMissingFileAsAnIoError) {
  EXPECT_THROW(validate_submission_file((dir_ / "absent.json").string()), IoError);
  EXPECT_THROW(validate_submission_file(dir_.string()), IoError);
}

}  // namespace
}  // namespace tinyperf::submission
