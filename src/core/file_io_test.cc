#include "tinyperf/core/file_io.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf {
namespace {

namespace fs = std::filesystem;

using FileIo = testing::TempDir;

TEST_F(FileIo, MissingFileNamesThePath) {
  try {
    read_text_file(path("absent.txt"));
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("absent.txt"), std::string::npos);
  }
}

TEST_F(FileIo, DirectoryIsNotAFile) { EXPECT_THROW(read_text_file(dir_.string()), IoError); }

TEST_F(FileIo, RefusesFilesOverTheLimit) {
  write_file_atomic(path("big.txt"), std::string(2000, 'x'));
  EXPECT_THROW(read_text_file(path("big.txt"), 1000), InputError);
  EXPECT_EQ(read_text_file(path("big.txt"), 2000).size(), 2000u);
}

TEST_F(FileIo, AtomicWriteReplacesAndLeavesNoTemporary) {
  write_file_atomic(path("out.json"), "first");
  write_file_atomic(path("out.json"), "second");
  EXPECT_EQ(read_text_file(path("out.json")), "second");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

TEST(ParseJson, ParsesAValidDocument) {
  const auto doc = parse_json(R"({"a": [1, 2.5, "x"]})", "inline");
  EXPECT_EQ(doc["a"][1].get<double>(), 2.5);
}

TEST(ParseJson, TruncatedDocumentIsAnInputErrorNamingTheSource) {
  try {
    parse_json(R"({"a": [1, 2)", "trunc.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("trunc.json: not valid JSON"), std::string::npos);
  }
}

TEST(ParseJson, EmptyAndNonJsonAreInputErrors) {
  EXPECT_THROW(parse_json("", "empty"), InputError);
  EXPECT_THROW(parse_json("hello", "text"), InputError);
  EXPECT_THROW(parse_json("\x01\xff\xfe", "binary"), InputError);
}

TEST(ParseJson, DeepNestingIsRefusedWithoutExhaustingTheStack) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_THROW(parse_json(deep, "deep"), InputError);
  const std::string ok = std::string(100, '[') + std::string(100, ']');
  EXPECT_NO_THROW(parse_json(ok, "ok"));
}

TEST(ParseJson, DuplicateKeysAreRefused) {
  EXPECT_THROW(parse_json(R"({"a": 1, "a": 2})", "dup"), InputError);
  EXPECT_NO_THROW(parse_json(R"({"a": {"a": 1}, "b": {"a": 2}})", "nested"));
}

TEST(ParseJson, NumberOverflowIsAnInputError) {
  EXPECT_THROW(parse_json(R"({"x": 1e999999})", "huge"), InputError);
}

TEST(ParseJson, IntegersBeyond64BitsBecomeDoubles) {
  const auto doc = parse_json(R"({"y": 123456789012345678901234567890})", "big");
  EXPECT_TRUE(doc["y"].is_number_float());
  EXPECT_DOUBLE_EQ(doc["y"].get<double>(), 1.2345678901234568e29);
}

}  // namespace
}  // namespace tinyperf
