#include "tinyperf/measure/system_info.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>

#include "test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

using testing::TempDir;

// A fake machine in `dir`, to be read through RootedEnv(dir.path()).
void fake_machine(const TempDir& dir) {
  dir.write("proc/cpuinfo",
            "processor\t: 0\nvendor_id\t: Test\nmodel name\t: Test CPU 9000 @ 3.0GHz\n"
            "flags\t\t: fpu sse2 ssse3 avx512_vnni foo avx2 fma avx512f\n\n"
            "processor\t: 1\nmodel name\t: Test CPU 9000 @ 3.0GHz\n");
  dir.write("proc/meminfo", "MemTotal:       25165824 kB\nMemFree:  1 kB\n");
  dir.write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
  dir.write("sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc\n");
  dir.write("etc/os-release", "NAME=\"Test\"\nPRETTY_NAME=\"Test OS 1 (fake)\"\nID=test\n");
}

TEST(SystemInfo, ReadsTheMachineDescription) {
  TempDir dir;
  fake_machine(dir);
  const SystemInfo info = collect_system_info(RootedEnv(dir.path()));
  EXPECT_EQ(info.processor, "Test CPU 9000 @ 3.0GHz");
  EXPECT_EQ(info.isa,
            (std::vector<std::string>{"sse2", "ssse3", "avx2", "fma", "avx512f", "avx512_vnni"}));
  EXPECT_DOUBLE_EQ(info.memory_gb, 24.0);  // 25,165,824 KiB = 24 GiB
  EXPECT_EQ(info.cpu_governor, "powersave");
  EXPECT_EQ(info.clocksource, "tsc");
  EXPECT_EQ(info.os, "Test OS 1 (fake)");
  EXPECT_GE(info.cpu_count, 1);
  EXPECT_FALSE(info.kernel.empty());
  EXPECT_EQ(info.platform.rfind("Linux-", 0), 0u);
  EXPECT_EQ(info.libraries.count("fmt"), 1u);
  EXPECT_EQ(info.libraries.count("nlohmann_json"), 1u);
  EXPECT_EQ(info.libraries.count("boost"), 1u);
}

TEST(SystemInfo, MissingFilesBecomeUnknownNeverAnError) {
  TempDir dir;
  const SystemInfo info = collect_system_info(RootedEnv(dir.path()));
  EXPECT_EQ(info.processor, "unknown");
  EXPECT_EQ(info.os, "unknown");
  EXPECT_EQ(info.cpu_governor, "unknown");
  EXPECT_EQ(info.clocksource, "unknown");
  EXPECT_TRUE(info.isa.empty());
  EXPECT_EQ(info.memory_gb, 0.0);
}

TEST(SystemInfo, JsonHasEveryFieldAndNoHostName) {
  const SystemInfo info = collect_system_info();
  const nlohmann::json j = to_json(info);
  for (const char* key : {"platform", "os", "kernel", "machine", "processor", "cpu_count",
                          "memory_gb", "isa", "cpu_governor", "clocksource", "tool_version",
                          "git_commit", "build_type", "compiler", "flags", "libraries"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  char host[256] = {};
  ASSERT_EQ(::gethostname(host, sizeof host - 1), 0);
  if (std::string(host).size() >= 4) {  // a very short name could match by accident
    EXPECT_EQ(j.dump().find(host), std::string::npos) << "host name leaked: " << host;
  }
}

TEST(IsaExtensions, KeepsKnownExtensionsInAFixedOrder) {
  EXPECT_EQ(isa_extensions("avx2 avx  sse4_2\tfoo sse2"),
            (std::vector<std::string>{"sse2", "sse4_2", "avx", "avx2"}));
  EXPECT_EQ(isa_extensions("fp asimd evtstrm"), (std::vector<std::string>{"asimd"}));
  EXPECT_TRUE(isa_extensions("").empty());
}

TEST(EnvironmentWarnings, FlagDebugSanitizerAndSlowGovernor) {
  SystemInfo info;
  info.build_type = "Release";
  info.cpu_governor = "performance";
  EXPECT_TRUE(environment_warnings(info).empty());
  info.cpu_governor = "unknown";  // nothing known, nothing claimed
  EXPECT_TRUE(environment_warnings(info).empty());

  info.build_type = "Debug";
  info.flags = "-fsanitize=address,undefined";
  info.cpu_governor = "powersave";
  const auto w = environment_warnings(info);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].rfind("debug build", 0), 0u);
  EXPECT_EQ(w[1].rfind("sanitizer build", 0), 0u);
  EXPECT_EQ(w[2], "cpu governor is powersave");
}

}  // namespace
}  // namespace tinyperf::measure
