#include "tinyperf/core/clock.h"

#include <thread>

#include "tinyperf/core/check.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace tinyperf {
namespace {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

}  // namespace

std::int64_t SteadyClock::wait_until(std::int64_t deadline_ns) noexcept {
  std::int64_t now = now_ns();
  if (now >= deadline_ns) return now;
  const std::int64_t wake = deadline_ns - spin_window_ns_;
  if (now < wake) {
    std::this_thread::sleep_until(
        std::chrono::steady_clock::time_point(std::chrono::nanoseconds(wake)));
    now = now_ns();
  }
  while (now < deadline_ns) {
    cpu_relax();
    now = now_ns();
  }
  return now;
}

ManualClock::ManualClock(std::int64_t start_ns, std::int64_t tick_ns)
    : now_(start_ns), tick_(tick_ns) {
  TP_CHECK(tick_ns >= 0);
}

std::int64_t ManualClock::wait_until(std::int64_t deadline_ns) noexcept {
  std::int64_t now = now_.load(std::memory_order_acquire);
  while (now < deadline_ns &&
         !now_.compare_exchange_weak(now, deadline_ns, std::memory_order_acq_rel)) {
  }
  return now < deadline_ns ? deadline_ns : now;
}

void ManualClock::advance(std::int64_t ns) noexcept {
  TP_CHECK(ns >= 0);
  now_.fetch_add(ns, std::memory_order_acq_rel);
}

std::int64_t measure_steady_clock_resolution_ns() {
  using std::chrono::steady_clock;
  std::int64_t best = 0;
  for (int i = 0; i < 2000; ++i) {
    const auto a = steady_clock::now();
    auto b = steady_clock::now();
    while (b == a) b = steady_clock::now();
    const std::int64_t step = std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count();
    if (best == 0 || step < best) best = step;
  }
  return best;
}

}  // namespace tinyperf
