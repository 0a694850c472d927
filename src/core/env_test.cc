#include "tinyperf/core/env.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"

namespace tinyperf {
namespace {

namespace fs = std::filesystem;

// A fake machine: a folder holding a small tree, seen through a RootedEnv rooted at dir_.
class FakeMachine : public testing::TempDir {
 protected:
  void write(const std::string& machine_path, const std::string& text) const {
    const fs::path file = dir_.string() + machine_path;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
  }
};

TEST_F(FakeMachine, ReadsFilesUnderItsRootAndNamesTheRealPathInErrors) {
  write("/proc/self/status", "VmRSS:\t1 kB\n");
  const RootedEnv env(dir_.string() + "/");  // a trailing slash is dropped
  EXPECT_EQ(env.file_path("/proc/self/status"), dir_.string() + "/proc/self/status");
  EXPECT_EQ(env.read_file("/proc/self/status", 100), "VmRSS:\t1 kB\n");
  EXPECT_THROW(env.read_file("/proc/self/status", 4), InputError);
  try {
    env.read_file("/proc/cpuinfo", 100);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(dir_.string() + "/proc/cpuinfo"), std::string::npos)
        << e.what();
  }
}

TEST_F(FakeMachine, ListsADirectorySortedAndSaysWhenThereIsNone) {
  write("/sys/class/powercap/intel-rapl:1/name", "psys\n");
  write("/sys/class/powercap/intel-rapl:0/name", "package-0\n");
  write("/sys/class/powercap/intel-rapl:0:0/name", "core\n");
  const RootedEnv env(dir_.string());
  EXPECT_EQ(env.list_dir("/sys/class/powercap"),
            (std::vector<std::string>{"intel-rapl:0", "intel-rapl:0:0", "intel-rapl:1"}));
  EXPECT_EQ(env.list_dir("/sys/class/missing"), std::nullopt);
  EXPECT_EQ(env.list_dir("/sys/class/powercap/intel-rapl:0/name"), std::nullopt);  // a file
}

TEST_F(FakeMachine, WritesOnlyFilesThatExist) {
  write("/proc/self/clear_refs", "");
  const RootedEnv env(dir_.string());
  EXPECT_TRUE(env.write_existing_file("/proc/self/clear_refs", "5"));
  EXPECT_EQ(read_text_file(env.file_path("/proc/self/clear_refs")), "5");
  EXPECT_FALSE(env.write_existing_file("/proc/self/absent", "5"));
  EXPECT_FALSE(fs::exists(env.file_path("/proc/self/absent")));
}

TEST(RootedEnv, HasOnlyTheVariablesItWasGiven) {
  const RootedEnv env("/x", {{"HOME", "/home/u"}});
  EXPECT_EQ(env.variable("HOME"), "/home/u");
  EXPECT_EQ(env.variable("PATH"), "");
  EXPECT_EQ(env.fashion_mnist_dir(), "/x/usr/share/datasets/fashion-mnist");
}

TEST(Env, HistoryDbFollowsTinyperfDbThenXdgThenHome) {
  EXPECT_EQ(RootedEnv("/", {{"TINYPERF_DB", "/x/h.db"}, {"XDG_DATA_HOME", "/data"}}).history_db(),
            "/x/h.db");
  EXPECT_EQ(RootedEnv("/", {{"XDG_DATA_HOME", "/data"}, {"HOME", "/home/u"}}).history_db(),
            "/data/tinyperf/history.db");
  EXPECT_EQ(RootedEnv("/", {{"XDG_DATA_HOME", "relative"}, {"HOME", "/home/u"}}).history_db(),
            "/home/u/.local/share/tinyperf/history.db");  // XDG ignores relative paths
  EXPECT_EQ(RootedEnv("/", {{"TINYPERF_DB", ""}}).history_db(), "");
}

TEST(Env, ModelCacheFollowsTinyperfCacheDirThenXdgThenHome) {
  EXPECT_EQ(RootedEnv("/", {{"TINYPERF_CACHE_DIR", "/c"}, {"HOME", "/h"}}).model_cache_dir(), "/c");
  EXPECT_EQ(RootedEnv("/", {{"XDG_CACHE_HOME", "/x"}, {"HOME", "/h"}}).model_cache_dir(),
            "/x/tinyperf/models");
  EXPECT_EQ(RootedEnv("/", {{"XDG_CACHE_HOME", "rel"}, {"HOME", "/h"}}).model_cache_dir(),
            "/h/.cache/tinyperf/models");
  EXPECT_EQ(RootedEnv("/").model_cache_dir(), "");
}

TEST(Env, TheSystemEnvIsTheRealMachine) {
  const Env& env = Env::system();
  EXPECT_EQ(&env, &Env::system());
  EXPECT_EQ(env.file_path("/proc/self/status"), "/proc/self/status");
  EXPECT_EQ(env.fashion_mnist_dir(), "/usr/share/datasets/fashion-mnist");
  const char* home = std::getenv("HOME");
  EXPECT_EQ(env.variable("HOME"), home == nullptr ? "" : home);
  EXPECT_NE(env.read_file("/proc/self/status", 1 << 20).find("VmRSS:"), std::string::npos);
}

}  // namespace
}  // namespace tinyperf
