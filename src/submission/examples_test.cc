// Every file in schema/examples/ gives exactly the errors schema/examples/manifest.json lists
// (tests/schema/check_examples.py checks the same files against the JSON Schema files).
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::submission {
namespace {

namespace fs = std::filesystem;
const fs::path kExamples = "../../schema/examples";

std::string shown(const std::vector<ValidationError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "\n  " + e.path + ": " + e.message;
  return out.empty() ? " (none)" : out;
}

TEST(SchemaExamples, EachGivesTheErrorsTheManifestLists) {
  const auto manifest = read_json_file((kExamples / "manifest.json").string());
  std::set<std::string> listed;
  std::size_t valid = 0;
  for (const auto& entry : manifest.at("examples")) {
    const auto file = entry.at("file").get<std::string>();
    listed.insert(file);
    const ValidationResult result = validate_submission_file((kExamples / file).string());
    std::vector<ValidationError> expected;
    for (const auto& e : entry.at("errors")) {
      expected.push_back({e.at("path").get<std::string>(), e.at("message").get<std::string>()});
    }
    EXPECT_EQ(result.errors, expected)
        << file << "\nexpected:" << shown(expected) << "\ngot:" << shown(result.errors);
    EXPECT_EQ(to_string(result.format), entry.at("format").get<std::string>()) << file;
    EXPECT_EQ(file.starts_with("valid/"), result.valid()) << file;
    valid += result.valid();
  }
  for (const auto& item : fs::recursive_directory_iterator(kExamples)) {
    const auto rel = fs::relative(item.path(), kExamples).string();
    if (item.is_regular_file() && rel != "manifest.json") {
      EXPECT_TRUE(listed.count(rel)) << rel << " is not in manifest.json";
    }
  }
  EXPECT_GE(valid, 4u);
  EXPECT_GE(listed.size() - valid, 20u);
}

}  // namespace
}  // namespace tinyperf::submission
