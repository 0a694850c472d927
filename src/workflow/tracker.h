// PhaseTracker: what every phase of a run shares: the observer to tell about progress and the stop
// flag to poll. Private to the workflow module.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "tinyperf/workflow/run.h"

namespace tinyperf::workflow {

class PhaseTracker {
 public:
  // `stop` may be null (never stops). Both must outlive the tracker.
  PhaseTracker(RunObserver& observer, const std::atomic<bool>* stop, std::size_t phase_count);

  // Throws Interrupted when the stop flag is set.
  void check() const;
  bool stop_requested() const { return stop_ != nullptr && stop_->load(std::memory_order_relaxed); }
  const std::atomic<bool>* stop_flag() const { return stop_; }

  // Checks the flag, then announces the next phase (ending the previous one if still open).
  void begin(const std::string& name, std::uint64_t units = 0, double expected_seconds = 0);
  void advance(std::uint64_t done) { observer_.phase_advanced(done); }
  // Ends the current phase (reports its duration). No-op when none is open.
  void end();
  void message(const std::string& line) { observer_.message(line); }

 private:
  RunObserver& observer_;
  const std::atomic<bool>* stop_;
  std::size_t count_;
  std::size_t index_ = 0;
  bool open_ = false;
  Phase phase_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace tinyperf::workflow
