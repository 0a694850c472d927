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
#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen::testing {

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

}  // namespace tinyperf::loadgen::testing
