#include "tracker.h"

namespace tinyperf::workflow {

PhaseTracker::PhaseTracker(RunObserver& observer, const std::atomic<bool>* stop,
                           std::size_t phase_count)
    : observer_(observer), stop_(stop), count_(phase_count) {}

void PhaseTracker::check() const {
  if (stop_requested()) throw Interrupted("interrupted");
}

void PhaseTracker::begin(const std::string& name, std::uint64_t units, double expected_seconds) {
  end();
  check();
  phase_ = Phase{name, ++index_, count_, units, expected_seconds};
  if (index_ > count_) phase_.count = index_;
  open_ = true;
  started_ = std::chrono::steady_clock::now();
  observer_.phase_started(phase_);
}

void PhaseTracker::end() {
  if (!open_) return;
  open_ = false;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  observer_.phase_finished(phase_, seconds);
}

}  // namespace tinyperf::workflow
