// Helpers shared by the workflow module's tests.
#pragma once

#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tinyperf/workflow/run.h"

namespace tinyperf::workflow::testing {

// A fresh folder under the system's temp dir, removed (with everything in it) at destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tinyperf_wf_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Records what a run reports; optionally calls `on_phase` at each phase start (e.g. to request a
// stop at a chosen phase).
class RecordingObserver final : public RunObserver {
 public:
  std::vector<std::string> phases;
  std::vector<std::string> messages;
  std::vector<std::string> finished;
  std::function<void(const Phase&)> on_phase;
  std::function<void(std::uint64_t)> on_advance;

  void phase_started(const Phase& p) override {
    phases.push_back(p.name);
    if (on_phase) on_phase(p);
  }
  void phase_advanced(std::uint64_t done) override {
    if (on_advance) on_advance(done);
  }
  void phase_finished(const Phase& p, double) override { finished.push_back(p.name); }
  void message(std::string_view line) override { messages.emplace_back(line); }
};

// A budget small enough for a whole run on the synthetic task in a few seconds (not meaningful as
// a measurement; exercises every phase).
inline RunBudget tiny_budget() {
  RunBudget b;
  b.train_epochs = 1;
  b.finetune_epochs = 1;
  b.calibration_samples = 100;
  b.latency_rounds = 30;
  b.latency_warmup_max_s = 0.01;
  b.latency_runs = 2;
  b.latency_run_samples = 20;
  b.latency_run_warmup_s = 0.01;
  b.batch_rows = 64;
  b.batch_runs = 2;
  b.energy_min_seconds = 0.01;
  b.offline_min_duration_s = 0.02;
  b.offline_min_samples = 256;
  b.offline_quick = true;
  b.offline_batch = 64;
  return b;
}

// Files (not folders) anywhere under `dir`, as paths relative to it; empty when it is missing.
inline std::vector<std::string> files_under(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(std::filesystem::relative(e.path(), dir).string());
  }
  return out;
}

}  // namespace tinyperf::workflow::testing
