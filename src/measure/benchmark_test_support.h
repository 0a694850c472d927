// The fixture shared by the Benchmark and measure_models tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "test_support.h"

namespace tinyperf::measure::testing {

// Two fake models on a fake clock — "fast" costs 2 us + 1 us per row, "slow" 10 us + 1 us per row
// — two labelled data sets of 8 and 2 rows, and a fake machine (`env`) whose /proc/self peak
// reads 2 MiB and which has no /sys/class/powercap until a test writes one.
struct TwoModels {
  ManualClock clock;
  FakeModel fast{"fast", 2, 3, &clock, 2000, 1000};
  FakeModel slow{"slow", 2, 3, &clock, 10'000, 1000};
  std::vector<float> x1 = rows_with_first({0, 1, 2, 2, 1, 0, 0, 1}, 2);
  std::vector<std::int32_t> y1 = {0, 1, 2, 0, 1, 0, 2, 1};  // 6 of 8 right
  std::vector<float> x2 = rows_with_first({2, 2}, 2);
  std::vector<std::int32_t> y2 = {2, 2};  // 2 of 2 right
  TempDir machine;
  RootedEnv env{machine.path()};

  TwoModels() {
    machine.write("proc/self/clear_refs", "");
    machine.write("proc/self/status", "VmHWM:\t2048 kB\nVmRSS:\t2048 kB\n");
  }
  std::vector<LabelledData> data() {
    return {{"first", {x1, 8, 2}, y1}, {"second", {x2, 2, 2}, y2}};
  }
  // Sets what BenchmarkSettings and MeasureSettings share for these tests: two memory phases and
  // two energy windows of one batch each (no minimum duration), read from the fake machine.
  template <class Settings>
  void short_memory_and_energy(Settings& settings) const {
    settings.memory_runs = 2;
    settings.energy_runs = 2;
    settings.energy_min_seconds = 0.0;
    settings.env = &env;
  }
};

}  // namespace tinyperf::measure::testing
