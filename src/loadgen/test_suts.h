// Test doubles for the loadgen tests: a settable simulated clock and SUTs whose latency is known
// exactly, so every figure of a run can be predicted by hand.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tinyperf/core/clock.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"
#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen::testing {

constexpr std::int64_t kUs = 1'000;
constexpr std::int64_t kMs = 1'000'000;

// A SimulatedSut latency (ns) for the k-th query issued (k from 0).
using Latency = std::function<std::int64_t(std::uint64_t)>;

// Every query takes `ns`.
inline Latency fixed_latency(std::int64_t ns) {
  return [ns](std::uint64_t) { return ns; };
}

// The k-th query takes (k + 1) × step_ns: step, 2 step, 3 step, ...
inline Latency rising_latency(std::int64_t step_ns) {
  return [step_ns](std::uint64_t k) { return static_cast<std::int64_t>(k + 1) * step_ns; };
}

// `scenario`'s defaults with a 1 ms expected latency (no calibration run).
inline LoadgenSettings expecting_1ms(Scenario scenario) {
  LoadgenSettings s = default_settings(scenario);
  s.expected_latency_ns = kMs;
  return s;
}

// Exactly `queries` queries and no minimum duration, expecting 1 ms each.
inline LoadgenSettings closed_loop(Scenario scenario, std::uint64_t queries) {
  LoadgenSettings s = expecting_1ms(scenario);
  s.min_duration_s = 0;
  s.min_query_count = queries;
  s.max_query_count = queries;
  return s;
}

// A Server run offered `qps`, for at least `queries` queries and no minimum duration, whose
// latency bound is `bound_ns`.
inline LoadgenSettings server(double qps, std::uint64_t queries, std::int64_t bound_ns) {
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = qps;
  s.min_duration_s = 0;
  s.min_query_count = queries;
  s.target_latency_ns = bound_ns;
  return s;
}

// Simulated time that a test SUT may also set back (ManualClock never goes back).
class SimClock final : public Clock {
 public:
  std::int64_t now_ns() noexcept override { return now_.load(); }
  std::int64_t wait_until(std::int64_t deadline) noexcept override {
    if (now_.load() < deadline) now_.store(deadline);
    return now_.load();
  }
  void set(std::int64_t t) { now_.store(t); }

 private:
  std::atomic<std::int64_t> now_{5'000'000'000};
};

// Completes inside issue_query. The k-th query issued (k from 0) takes latency(k) ns:
// - Mode::kQueue: the clock moves forward by latency(k), then the whole query completes; the
//   issuer resumes at that later time (a single server: SingleStream / MultiStream / Offline, or
//   a Server SUT that blocks the issuer).
// - Mode::kParallel: the query completes at issue time + latency(k) and the clock returns to the
//   issue time (infinitely many servers: Server latencies equal latency(k) exactly).
// - Mode::kSerialSamples: the j-th sample (from 0) of a query completes at issue + (j+1) ×
//   latency(k), the clock staying at the last completion.
class SimulatedSut final : public SystemUnderTest {
 public:
  enum class Mode { kQueue, kParallel, kSerialSamples };
  SimulatedSut(SimClock& clock, std::function<std::int64_t(std::uint64_t)> latency,
               Mode mode = Mode::kQueue)
      : clock_(clock), latency_(std::move(latency)), mode_(mode) {}

  std::string name() const override { return "simulated"; }
  void issue_query(std::span<const QuerySample> samples, Completer& completer) override {
    const std::int64_t t0 = clock_.now_ns();
    const std::int64_t l = latency_(queries_++);
    issued_indices_.insert(issued_indices_.end(), samples.size(), 0);
    for (std::size_t i = 0; i < samples.size(); ++i) {
      issued_indices_[issued_indices_.size() - samples.size() + i] = samples[i].index;
    }
    if (mode_ == Mode::kSerialSamples) {
      for (std::size_t j = 0; j < samples.size(); ++j) {
        clock_.set(t0 + static_cast<std::int64_t>(j + 1) * l);
        completer.complete(samples[j]);
      }
      return;
    }
    clock_.set(t0 + l);
    completer.complete(samples);
    if (mode_ == Mode::kParallel) clock_.set(t0);
  }
  std::uint64_t queries() const { return queries_; }
  const std::vector<std::uint64_t>& issued_indices() const { return issued_indices_; }

 private:
  SimClock& clock_;
  std::function<std::int64_t(std::uint64_t)> latency_;
  Mode mode_;
  std::uint64_t queries_ = 0;
  std::vector<std::uint64_t> issued_indices_;
};

// Records every completion (thread-safe), for testing SUTs in isolation.
class RecordingCompleter final : public Completer {
 public:
  void complete(std::span<const QuerySample> samples) noexcept override {
    const std::lock_guard lock(mutex_);
    for (const auto& s : samples) ids_.push_back(s.id);
    ++calls_;
  }
  std::vector<std::uint64_t> ids() const {
    const std::lock_guard lock(mutex_);
    return ids_;
  }
  std::size_t calls() const {
    const std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> ids_;
  std::size_t calls_ = 0;
};

// What one simulated run needs: a clock, a SimulatedSut on it and a sample library of `total`
// samples, `performance` of them loaded.
struct SimulatedRun {
  explicit SimulatedRun(Latency latency, SimulatedSut::Mode mode = SimulatedSut::Mode::kQueue,
                        std::uint64_t total = 100, std::uint64_t performance = 100)
      : sut(clock, std::move(latency), mode), qsl("qsl", total, performance) {}
  SimulatedRun(Latency latency, std::uint64_t total, std::uint64_t performance)
      : SimulatedRun(std::move(latency), SimulatedSut::Mode::kQueue, total, performance) {}

  LoadgenResult run(const LoadgenSettings& settings) {
    return run_scenario(sut, qsl, settings, clock);
  }
  FindPeakResult peak(const LoadgenSettings& settings, const FindPeakOptions& options = {}) {
    return find_peak(sut, qsl, settings, options, clock);
  }

  SimClock clock;
  SimulatedSut sut;
  IndexSampleLibrary qsl;
};

}  // namespace tinyperf::loadgen::testing
