// Energy per inference. When the RAPL counters of the Linux powercap interface are readable
// (/sys/class/powercap/intel-rapl:N/energy_uj; AMD CPUs expose theirs there too) the energy of the
// measured window is read from them, an idle baseline measured right after (same clock, a window
// of equal length up to a cap) is subtracted, and the method is "rapl". Otherwise the result is an
// estimate, method "estimate", computed from the process's CPU time and an assumed power per busy
// core, with the assumption written into the result's `note`: it is never presented as measured.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tinyperf/core/env.h"
#include "tinyperf/measure/clock.h"

namespace tinyperf::measure {

// One RAPL counter used for the energy figure.
struct RaplDomain {
  std::string name;                // the domain's `name` file, e.g. "package-0", "dram"
  std::string path;                // its directory (a machine path of the Env), e.g.
                                   // "/sys/class/powercap/intel-rapl:0"
  std::uint64_t max_range_uj = 0;  // max_energy_range_uj: the counter wraps to 0 after this
};

// The package domains (intel-rapl:N whose name starts with "package") and their DRAM subdomains
// (intel-rapl:N:M named "dram"); other domains (core, uncore) lie inside a package and "psys"
// contains the packages, so counting them too would count energy twice.
class RaplCounters {
 public:
  // Scans /sys/class/powercap of `env`, which must outlive the counters; never throws. A missing
  // directory or unreadable counter makes the counters unavailable, with the reason in
  // unavailable_reason().
  explicit RaplCounters(const Env& env = Env::system());

  bool available() const { return !domains_.empty(); }
  const std::string& unavailable_reason() const { return reason_; }
  const std::vector<RaplDomain>& domains() const { return domains_; }

  // Reads every domain's energy_uj, in domains() order. Throws IoError when a counter that was
  // readable at construction no longer is.
  std::vector<std::uint64_t> read_uj() const;

  // Joules between two readings of the same domains, each domain's wraparound undone with its
  // max_range_uj (a counter that went backwards wrapped once).
  double joules_between(const std::vector<std::uint64_t>& start,
                        const std::vector<std::uint64_t>& end) const;

 private:
  const Env* env_;
  std::vector<RaplDomain> domains_;
  std::string reason_;
};

struct EnergySettings {
  double idle_baseline_max_s = 1.0;  // the idle window equals the measured window, capped at this
  // Estimate only: watts drawn per fully busy core (assumed, not measured). Package TDP / cores of
  // 2023 x86 server CPUs spans 3.75 W (EPYC 9654: 360 W / 96) to 6.25 W (Xeon 8480+: 350 W / 56).
  double assumed_watts_per_core = 4.0;
};

struct EnergyResult {
  std::string method;   // "rapl" or "estimate"
  double joules = 0.0;  // energy of the window, idle baseline subtracted (rapl), >= 0
  double joules_per_inference = 0.0;
  std::size_t inferences = 0;        // inferences the measured work reported
  double window_s = 0.0;             // wall time of the measured work
  double cpu_s = 0.0;                // process CPU time of the measured work
  double idle_watts = 0.0;           // rapl: the idle baseline's power; 0 for an estimate
  double idle_window_s = 0.0;        // rapl: how long the baseline was measured
  std::vector<std::string> domains;  // rapl: the counters read
  std::string note;                  // how the figure was obtained, with every assumption
};

// Measures the energy of a piece of work, from the RAPL counters of `env` (which must outlive the
// meter). `clock` times the windows; `idle` waits for the given number of seconds while the
// process does nothing (default: sleep). All three are injectable so the RAPL path can be tested
// against a fake sysfs tree without real time passing.
class EnergyMeter {
 public:
  using IdleFunction = std::function<void(double seconds)>;
  explicit EnergyMeter(EnergySettings settings = {}, const Env& env = Env::system());
  EnergyMeter(EnergySettings settings, Clock& clock, IdleFunction idle,
              const Env& env = Env::system());
  EnergyMeter(const EnergyMeter&) = delete;  // holds a pointer to its own clock
  EnergyMeter& operator=(const EnergyMeter&) = delete;

  // "rapl" when the counters are readable, else "estimate".
  const char* method() const;
  const RaplCounters& counters() const { return counters_; }

  // The work measured: it runs inferences and returns how many it ran.
  using Work = std::function<std::size_t()>;

  // Runs `work` once and returns its energy. Throws InputError when the work reports 0 inferences;
  // exceptions from `work` propagate.
  EnergyResult measure(const Work& work);

 private:
  EnergyResult measure_rapl(const Work& work);
  EnergyResult estimate(const Work& work);

  EnergySettings settings_;
  RaplCounters counters_;
  SteadyClock steady_;
  Clock* clock_;
  IdleFunction idle_;
};

// Work for EnergyMeter::measure: calls `fn`, which runs `inferences_per_call` inferences, until at
// least `min_seconds` of real (steady clock) time have passed, and at least once; reports the
// inferences run. Energy is physical, so this always uses real time.
EnergyMeter::Work repeat_for(std::function<void()> fn, std::size_t inferences_per_call,
                             double min_seconds);

// CPU time used by this process so far, in seconds (CLOCK_PROCESS_CPUTIME_ID).
double process_cpu_seconds();

}  // namespace tinyperf::measure
