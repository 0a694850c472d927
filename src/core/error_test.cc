#include "tinyperf/core/error.h"

#include <gtest/gtest.h>

namespace tinyperf {
namespace {

TEST(Error, CarriesTheSettingsFieldItIsAbout) {
  const InputError plain("data.csv: no rows");
  EXPECT_STREQ(plain.what(), "data.csv: no rows");
  EXPECT_EQ(plain.field(), "");
  try {
    throw InputError("threads must be at least 1, got 0", "threads");
  } catch (const Error& e) {  // caught as the root, the field stays
    EXPECT_STREQ(e.what(), "threads must be at least 1, got 0");
    EXPECT_EQ(e.field(), "threads");
  }
  const IoError io("out_dir x: cannot create the folder", "out_dir");
  const IoError copy = io;
  EXPECT_EQ(copy.field(), "out_dir");
  EXPECT_EQ(UnsupportedError("no RAPL counters").field(), "");
}

}  // namespace
}  // namespace tinyperf
