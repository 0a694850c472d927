#include "tinyperf/measure/energy.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

using testing::TempDir;

constexpr std::uint64_t kMaxRange = 262'143'328'850;  // a real package counter's range (uJ)

// A fake /sys/class/powercap under `dir` (seen through RootedEnv(dir.path())): package 0 with a
// core and a dram subdomain, and a psys domain.
const std::string kPowercap = "sys/class/powercap/";

void write_domain(const TempDir& dir, const std::string& entry, const std::string& name,
                  std::uint64_t energy_uj) {
  dir.write(kPowercap + entry + "/name", name + "\n");
  dir.write(kPowercap + entry + "/energy_uj", std::to_string(energy_uj) + "\n");
  dir.write(kPowercap + entry + "/max_energy_range_uj", std::to_string(kMaxRange) + "\n");
}

void fake_rapl_tree(const TempDir& dir, std::uint64_t package_uj) {
  write_domain(dir, "intel-rapl:0", "package-0", package_uj);
  write_domain(dir, "intel-rapl:0:0", "core", 7);
  write_domain(dir, "intel-rapl:0:2", "dram", 2'000'000);
  write_domain(dir, "intel-rapl:1", "psys", 9);
}

TEST(RaplCounters, CountsPackagesAndDramOnly) {
  TempDir dir;
  fake_rapl_tree(dir, 1'000'000);
  const RootedEnv env(dir.path());
  const RaplCounters counters(env);
  ASSERT_TRUE(counters.available());
  ASSERT_EQ(counters.domains().size(), 2u);
  EXPECT_EQ(counters.domains()[0].name, "package-0");
  EXPECT_EQ(counters.domains()[1].name, "dram");
  EXPECT_EQ(counters.domains()[0].max_range_uj, kMaxRange);
  EXPECT_EQ(counters.read_uj(), (std::vector<std::uint64_t>{1'000'000, 2'000'000}));
}

TEST(RaplCounters, UndoesAWraparound) {
  TempDir dir;
  fake_rapl_tree(dir, 1);
  const RootedEnv env(dir.path());
  const RaplCounters counters(env);
  // package wrapped: (max - (max - 1e6)) + 4e6 = 5e6 uJ; dram 0.5e6 uJ.
  const double j =
      counters.joules_between({kMaxRange - 1'000'000, 2'000'000}, {4'000'000, 2'500'000});
  EXPECT_DOUBLE_EQ(j, 5.5);
}

TEST(RaplCounters, MissingDirectoryOrCounterMakesThemUnavailableWithAReason) {
  const RootedEnv nowhere("/nonexistent");
  const RaplCounters none(nowhere);
  EXPECT_FALSE(none.available());
  EXPECT_NE(none.unavailable_reason().find("/nonexistent/sys/class/powercap"), std::string::npos);

  TempDir dir;
  dir.write(kPowercap + "intel-rapl:0/name", "package-0\n");
  // energy_uj missing (as if root-only)
  dir.write(kPowercap + "intel-rapl:0/max_energy_range_uj", "100\n");
  const RootedEnv env(dir.path());
  const RaplCounters unreadable(env);
  EXPECT_FALSE(unreadable.available());
  EXPECT_NE(unreadable.unavailable_reason().find("energy_uj"), std::string::npos);

  TempDir only_psys;
  write_domain(only_psys, "intel-rapl:1", "psys", 5);
  const RootedEnv psys_env(only_psys.path());
  EXPECT_FALSE(RaplCounters(psys_env).available());
}

// Work: 2 s, package +5 J and dram +1 J. Idle baseline: min(2 s, cap 1 s) = 1 s at 1 W (package
// +1 J). Net: 6 J - 1 W x 2 s = 4 J, over 100 inferences.
TEST(EnergyMeter, RaplSubtractsTheIdleBaselineOverTheSameClock) {
  TempDir dir;
  fake_rapl_tree(dir, 1'000'000);
  ManualClock clock;
  double idle_asked = -1.0;
  const auto idle = [&](double seconds) {
    idle_asked = seconds;
    write_domain(dir, "intel-rapl:0", "package-0", 7'000'000);
    clock.advance(1'000'000'000);
  };
  const RootedEnv env(dir.path());
  EnergyMeter meter({}, clock, idle, env);
  EXPECT_STREQ(meter.method(), "rapl");
  const EnergyResult r = meter.measure([&] {
    write_domain(dir, "intel-rapl:0", "package-0", 6'000'000);
    write_domain(dir, "intel-rapl:0:2", "dram", 3'000'000);
    clock.advance(2'000'000'000);
    return std::size_t{100};
  });
  EXPECT_EQ(r.method, "rapl");
  EXPECT_DOUBLE_EQ(idle_asked, 1.0);
  EXPECT_DOUBLE_EQ(r.window_s, 2.0);
  EXPECT_DOUBLE_EQ(r.idle_window_s, 1.0);
  EXPECT_DOUBLE_EQ(r.idle_watts, 1.0);
  EXPECT_DOUBLE_EQ(r.joules, 4.0);
  EXPECT_DOUBLE_EQ(r.joules_per_inference, 0.04);
  EXPECT_EQ(r.inferences, 100u);
  EXPECT_EQ(r.domains, (std::vector<std::string>{"package-0", "dram"}));
  EXPECT_EQ(r.note.rfind("measured: RAPL counters [package-0, dram]", 0), 0u) << r.note;
}

TEST(EnergyMeter, WorkBelowTheIdleBaselineIsReportedAsZeroAndSaysSo) {
  TempDir dir;
  fake_rapl_tree(dir, 0);
  ManualClock clock;
  const auto idle = [&](double) {
    write_domain(dir, "intel-rapl:0", "package-0", 10'000'000);  // 10 W while idle
    clock.advance(1'000'000'000);
  };
  const RootedEnv env(dir.path());
  EnergyMeter meter({}, clock, idle, env);
  const EnergyResult r = meter.measure([&] {
    clock.advance(1'000'000'000);
    return std::size_t{1};
  });
  EXPECT_EQ(r.joules, 0.0);
  EXPECT_NE(r.note.find("reported as 0"), std::string::npos);
}

TEST(EnergyMeter, WithoutRaplItIsALabelledEstimateFromCpuTime) {
  EnergySettings s;
  s.assumed_watts_per_core = 4.0;
  const RootedEnv nowhere("/nonexistent");
  EnergyMeter meter(s, nowhere);
  EXPECT_STREQ(meter.method(), "estimate");
  volatile double sink = 0.0;
  const EnergyResult r = meter.measure([&] {
    const double until = process_cpu_seconds() + 0.02;
    while (process_cpu_seconds() < until) sink = sink + 1.0;
    return std::size_t{10};
  });
  EXPECT_EQ(r.method, "estimate");
  EXPECT_GE(r.cpu_s, 0.02);
  EXPECT_DOUBLE_EQ(r.joules, r.cpu_s * 4.0);
  EXPECT_DOUBLE_EQ(r.joules_per_inference, r.joules / 10.0);
  EXPECT_EQ(r.idle_watts, 0.0);
  EXPECT_EQ(r.note.rfind("estimate, not a measurement", 0), 0u) << r.note;
  EXPECT_NE(r.note.find("4 W per busy core"), std::string::npos) << r.note;
  EXPECT_NE(r.note.find("/nonexistent/sys/class/powercap"), std::string::npos) << r.note;
}

TEST(EnergyMeter, WorkThatRanNoInferenceIsAnInputError) {
  const RootedEnv nowhere("/nonexistent");
  EnergyMeter meter({}, nowhere);
  EXPECT_THROW(meter.measure([] { return std::size_t{0}; }), InputError);
}

TEST(RepeatFor, RunsAtLeastOnceAndCountsTheInferences) {
  int calls = 0;
  const auto once = repeat_for([&] { ++calls; }, 8, 0.0);
  EXPECT_EQ(once(), 8u);
  EXPECT_EQ(calls, 1);
  const auto timed = repeat_for([&] { ++calls; }, 8, 0.002);
  const std::size_t done = timed();
  EXPECT_EQ(done, 8u * static_cast<std::size_t>(calls - 1));
}

}  // namespace
}  // namespace tinyperf::measure
