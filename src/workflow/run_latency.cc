#include "run_latency.h"

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/workflow/bench.h"

namespace tinyperf::workflow {
namespace fs = std::filesystem;
namespace {

// A scratch folder under the temp dir, removed with its files when the object goes.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "tinyperf_runs_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw IoError("cannot create a scratch folder for the latency runs in " +
                    fs::temp_directory_path().string());
    }
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Counts finished runs towards the phase's units.
class RunCounter final : public BenchObserver {
 public:
  explicit RunCounter(PhaseTracker& tracker) : tracker_(tracker) {}
  void run_finished(std::size_t position, const submission::BenchRun&) override {
    tracker_.advance(position);
  }

 private:
  PhaseTracker& tracker_;
};

}  // namespace

submission::BenchDocument measure_latency_runs(std::span<const Variant> variants,
                                               const RunOptions& o, PhaseTracker& tracker) {
  const RunBudget& b = o.budget;
  const double per_run_s =
      b.latency_run_warmup_s + 0.15 + static_cast<double>(b.latency_run_samples) * 2e-5;
  tracker.begin(fmt::format("measure batch-1 latency in {} runs per variant", b.latency_runs),
                variants.size() * b.latency_runs,
                per_run_s * static_cast<double>(variants.size() * b.latency_runs));
  ScratchDir scratch;
  BenchOptions bo;
  for (const Variant& v : variants) {
    const std::string file = (scratch.path() / (v.name + ".safetensors")).string();
    engine::save_model(v.model, file);
    bo.model_files.push_back(file);
  }
  bo.runs = b.latency_runs;
  bo.seed = o.seed;
  bo.threads = 1;
  bo.latency_samples = b.latency_run_samples;
  bo.warmup_max_s = b.latency_run_warmup_s;
  bo.batch_rows = 1;  // the batch figures come from LoadGen Offline; keep the workers short
  bo.batch_calls = 1;
  bo.in_process = !o.launcher;
  bo.launcher = o.launcher ? o.launcher : in_process_launcher();
  bo.stop = o.stop;
  RunCounter counter(tracker);
  submission::BenchDocument doc = bench(bo, &counter);
  for (std::size_t i = 0; i < variants.size(); ++i) doc.models[i].name = variants[i].name;
  for (std::size_t i = 1; i < variants.size(); ++i) {
    doc.comparisons[i - 1].baseline = variants[0].name;
    doc.comparisons[i - 1].candidate = variants[i].name;
  }
  return doc;
}

void put_run_latency(submission::BenchmarkReport& report, const submission::BenchModel& runs,
                     const submission::BenchSettings& settings, bool in_process) {
  report.latency_samples_ms.clear();
  std::vector<double> medians_ms, warmups;
  std::vector<std::string> huge_pages;  // what each worker had on 2 MB pages
  for (const submission::BenchRun& r : runs.runs) {
    huge_pages.push_back(r.huge_pages);
    for (const double ns : r.latency_ns) report.latency_samples_ms.push_back(ns * 1e-6);
    medians_ms.push_back(stats::median(r.latency_ns) * 1e-6);
    warmups.push_back(static_cast<double>(r.warmup_calls));
  }
  submission::put_latency_metrics(report.metrics, report.latency_samples_ms);
  nlohmann::json previous = report.measurement.value("latency", nlohmann::json::object());
  report.measurement["latency"] = {
      {"method", "worker_runs"},
      {"protocol",
       "each run a fresh worker process loading the variant's file; one predict() call of one "
       "row per call"},
      {"order", "shuffled_rounds_of_runs"},
      {"runs", runs.runs.size()},
      {"samples_per_run", settings.latency_samples},
      {"calls_per_sample", runs.runs.front().calls_per_sample},
      {"warmup_max_s", settings.warmup_max_s},
      {"warmup_runs", static_cast<std::uint64_t>(stats::median(warmups))},
      {"seed", settings.seed},
      {"run_medians_ms", medians_ms},
      {"huge_pages", huge_pages},
      {"between_run_cv", runs.latency_ms.between_run_cv},
      {"within_run_cv", runs.within_run_cv},
      {"in_worker_processes", !in_process},
      {"in_process", previous}};
}

}  // namespace tinyperf::workflow
