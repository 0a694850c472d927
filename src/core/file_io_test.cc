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

TEST(ParseJson, BuildsTheSameDocumentAsNlohmannsOwnParser) {
  // Every kind of value, nesting through arrays and objects, an empty key, escapes, unsigned and
  // negative integers, floats, and containers left empty.
  const std::string text = R"({"": 0, "a": [1, -2, 18446744073709551615, 2.5e-3, true, false, null,
      {"b": {"c": []}, "d": "x\"y\u00e9"}, [[], {}]], "e": {}, "f": -0.0})";
  const nlohmann::json expected = nlohmann::json::parse(text);
  const nlohmann::json got = parse_json(text, "inline");
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got.dump(), expected.dump());
  EXPECT_TRUE(got["a"][2].is_number_unsigned());
  EXPECT_TRUE(got["a"][1].is_number_integer());
  EXPECT_EQ(parse_json("7", "scalar"), nlohmann::json(7));
  EXPECT_EQ(parse_json(" [ ] ", "empty array"), nlohmann::json::array());
}

TEST(ParseJson, TheDepthLimitCountsOpenContainers) {
  // max_depth 2: a value may sit inside at most 2 containers, and a container may open inside 2.
  EXPECT_NO_THROW(parse_json("[[1]]", "d", 2));
  EXPECT_NO_THROW(parse_json("[[[]]]", "d", 2));
  EXPECT_NO_THROW(parse_json(R"({"a": {"b": 1}})", "d", 2));
  EXPECT_THROW(parse_json("[[[1]]]", "d", 2), InputError);
  EXPECT_THROW(parse_json("[[[[]]]]", "d", 2), InputError);
  EXPECT_THROW(parse_json(R"({"a": {"b": {"c": 1}}})", "d", 2), InputError);
  try {
    parse_json("[[[1]]]", "deep.json", 2);
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "deep.json: JSON nesting deeper than 2 levels");
  }
}

TEST(ParseJson, DuplicateKeysAreNamedAtAnyDepth) {
  try {
    parse_json(R"({"a": [{"k": 1, "k": 2}]})", "dup.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "dup.json: duplicate key \"k\" in a JSON object");
  }
  EXPECT_THROW(parse_json(R"({"": 1, "": 2})", "empty keys"), InputError);
}

TEST(ParseJson, SyntaxErrorsAndOverflowKeepTheirMessages) {
  // nlohmann's messages, without its "[json.exception...]" prefix.
  try {
    parse_json(R"({"x": 1e999})", "huge.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "huge.json: not valid JSON: number overflow parsing '1e999'");
  }
  try {
    parse_json("[1] x", "trailing.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("trailing.json: not valid JSON: parse error at line 1, "
                                         "column 5"),
              std::string::npos)
        << e.what();
  }
}

TEST(ParseJson, ManyObjectsInOneObjectParse) {
  // The shape that made the earlier parser quadratic (100,000 empty objects: a minute in
  // `tinyperf validate`, docs/benchmarks.md); correctness here, the time is measured there.
  std::string text = "{";
  for (int i = 0; i < 100000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":{}";
  text += "}";
  const nlohmann::json doc = parse_json(text, "many");
  EXPECT_EQ(doc.size(), 100000u);
  EXPECT_TRUE(doc["k99999"].is_object());
}

}  // namespace
}  // namespace tinyperf
