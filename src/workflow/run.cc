// The main job's orchestration: each phase takes the previous one's values and hands its own on.
#include "tinyperf/workflow/run.h"

#include <chrono>
#include <filesystem>
#include <memory>

#include <fmt/core.h>

#include "baseline.h"
#include "measure_variants.h"
#include "outputs.h"
#include "run_latency.h"
#include "selection.h"
#include "tinyperf/store/store.h"
#include "tracker.h"
#include "variants.h"

namespace tinyperf::workflow {
namespace {

namespace fs = std::filesystem;

// data, baseline, four variants, measure, offline, latency runs, compare, write.
constexpr std::size_t kPhaseCount = 11;

void validate(const RunOptions& o) {
  if (o.threads < 1) {
    throw InputError(fmt::format("threads must be >= 1, got {}", o.threads), "threads");
  }
  const RunBudget& b = o.budget;
  if (b.latency_runs < 2) {
    throw InputError("run budget: latency_runs must be >= 2 (verdicts are made over runs)");
  }
  if (b.train_epochs < 1 || b.finetune_epochs < 0 || b.latency_rounds < 1 || b.batch_rows < 1 ||
      b.latency_run_samples < 1 || b.batch_runs < 1 || b.offline_batch < 1 ||
      b.calibration_samples < 1) {
    throw InputError("run budget: epochs, rounds, batch sizes and samples must be positive");
  }
}

TrainRecipe recipe_of(const RunOptions& o) {
  TrainRecipe r;
  r.epochs = o.budget.train_epochs;
  r.batch_size = o.budget.train_batch_size;
  r.learning_rate = o.budget.learning_rate;
  r.seed = o.seed;
  r.threads = o.threads;
  return r;
}

// d.choice names a field when the options chose the data set, which the observer may call
// otherwise.
std::string data_message(const RunData& d, RunObserver& observer) {
  const std::string why = d.choice == "data" ? observer.setting_name("data") : d.choice;
  return fmt::format("data: {} ({}): {} training and {} test rows of {} features, {} classes",
                     d.spec, why, d.splits.train.size(), d.splits.test.size(),
                     d.splits.test.num_features, d.splits.test.num_classes);
}

std::string baseline_message(const Baseline& b, RunObserver& observer) {
  if (b.source == "file") {
    return fmt::format("baseline: {} ({})", b.path, observer.setting_name("model_path"));
  }
  if (b.source == "cache") return fmt::format("baseline: reused the cached model {}", b.path);
  return fmt::format("baseline: trained and cached as {}", b.path);
}

// Frees the training split's rows once the variants exist (name and sha256 stay), so that the
// peak resident memory measured next is not dominated by data the measurement does not use
// (Fashion-MNIST's training images are 188 MB as floats).
void release_training_rows(RunData& data) {
  std::vector<float>().swap(data.splits.train.features);
  std::vector<std::int32_t>().swap(data.splits.train.labels);
}

// Everything measured, in the variants' order.
struct Measured {
  std::vector<std::unique_ptr<EngineModel>> models;
  std::vector<submission::BenchmarkReport> reports;
  std::vector<loadgen::LoadgenResult> offline;
};

std::vector<EngineModel*> pointers(const Measured& m) {
  std::vector<EngineModel*> out;
  for (const auto& p : m.models) out.push_back(p.get());
  return out;
}

Measured measure_all(const std::vector<Variant>& variants, const data::Dataset& test,
                     const RunOptions& o, PhaseTracker& tracker) {
  const RunBudget& b = o.budget;
  const double n = static_cast<double>(variants.size());
  Measured m;
  for (const Variant& v : variants) {
    m.models.push_back(engine_model(v, o.threads, o.stop));
  }
  tracker.begin("measure accuracy, latency, memory, energy", 0,
                n * (b.latency_warmup_max_s + b.energy_min_seconds + 0.1) +
                    n * static_cast<double>(b.latency_rounds) * 2e-5);
  m.reports = measure_variants(pointers(m), test, b, o.seed);
  tracker.begin("measure Offline throughput (LoadGen)", variants.size(),
                n * (b.offline_min_duration_s + 0.2));
  m.offline = run_offline_all(pointers(m), test, b, o.seed, tracker);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    put_offline(m.reports[i], m.offline[i], b.offline_batch);
  }
  return m;
}

std::string quick_warning(const RunBudget& b) {
  return fmt::format(
      "quick run (training epochs {}, fine-tuning epochs {}, latency rounds {}, Offline "
      "runs {} s): a smoke test, not comparable with a full run or with MLPerf",
      b.train_epochs, b.finetune_epochs, b.latency_rounds, b.offline_min_duration_s);
}

// The sample-level comparison the submission also records (its samples are the runs' pooled
// samples, not paired by round); the verdicts are the run-level ones.
stats::CompareOptions compare_options(std::uint64_t seed) {
  stats::CompareOptions c;
  c.paired = false;
  c.seed = seed;
  return c;
}

constexpr const char* kInProcessWarning =
    "the latency runs were measured in this process, not in worker processes: the verdicts have "
    "not seen run-to-run variance";

// Everything the run found before writing.
struct Findings {
  std::vector<VariantSummary> summaries;
  std::size_t submitted = 1;
  submission::Submission submission;
};

Findings judge_and_submit(const RunOptions& o, const RunData& data, const Baseline& baseline,
                          const std::vector<Variant>& variants, const Measured& m,
                          const submission::BenchDocument& runs, PhaseTracker& tracker) {
  tracker.begin("compare with the baseline and choose");
  Findings f;
  SubmissionInputs in{
      &data, &baseline,       variants, m.reports, m.offline, 1, &o, compare_options(o.seed),
      {},    runs.comparisons};
  f.summaries = judge(variants, m.reports, in.compare, runs.comparisons);
  f.submitted = choose_submitted(f.summaries, in.warnings);
  if (o.quick) in.warnings.push_back(quick_warning(o.budget));
  if (!o.launcher) in.warnings.push_back(kInProcessWarning);
  in.submitted = f.submitted;
  f.submission = build_submission(in);
  return f;
}

// Where the run keeps what it writes outside --out.
struct Locations {
  std::string db;         // "" = no history row
  std::string cache_dir;  // "" with a model_path (nothing is trained)
};

// Everything that can be checked before any work, and the default locations resolved (their
// errors, e.g. no HOME, come now rather than after minutes of measuring).
Locations check_and_locate(const RunOptions& o) {
  validate(o);
  check_out_dir(o.out_dir);
  check_inputs(o.data, o.model_path);
  Locations l;
  if (o.record_history) l.db = o.db.empty() ? store::default_store_location() : o.db;
  if (o.model_path.empty()) l.cache_dir = o.cache_dir.empty() ? default_cache_dir() : o.cache_dir;
  return l;
}

}  // namespace

RunBudget full_budget() { return RunBudget{}; }

RunBudget quick_budget() {
  RunBudget b;
  b.train_epochs = 2;
  b.finetune_epochs = 1;
  b.latency_rounds = 400;
  b.latency_warmup_max_s = 0.2;
  b.latency_runs = 5;
  b.latency_run_samples = 300;
  b.latency_run_warmup_s = 0.1;
  b.batch_runs = 5;
  b.energy_min_seconds = 0.05;
  b.offline_min_duration_s = 1.0;
  b.offline_min_samples = 4096;
  b.offline_quick = true;
  return b;
}

std::string default_data_spec(const std::string& fashion_dir) {
  std::error_code ec;
  const fs::path dir(fashion_dir);
  const bool present = fs::exists(dir / "t10k-labels-idx1-ubyte.gz", ec) ||
                       fs::exists(dir / "t10k-labels-idx1-ubyte", ec);
  return present ? "fashion-mnist" : "synthetic";
}

std::string default_cache_dir(const Env& env) {
  std::string dir = env.model_cache_dir();
  if (!dir.empty()) return dir;
  throw InputError(
      "no cache folder for the trained baseline: set TINYPERF_CACHE_DIR, XDG_CACHE_HOME or HOME, "
      "or pass cache_dir",
      "cache_dir");
}

RunResult run(const RunOptions& o, RunObserver& observer) {
  const auto start = std::chrono::steady_clock::now();
  const Locations where = check_and_locate(o);
  PhaseTracker tracker(observer, o.stop, kPhaseCount);
  tracker.begin("load data");
  RunData data = load_run_data(o.data, o.seed);
  tracker.message(data_message(data, observer));
  const Baseline baseline =
      obtain_baseline(o.model_path, where.cache_dir, data, recipe_of(o), tracker);
  tracker.message(baseline_message(baseline, observer));
  const std::vector<Variant> variants = derive_variants(
      baseline.model, data.splits.train, derive_settings(o.budget, o.seed, o.threads), tracker);
  release_training_rows(data);
  Measured measured = measure_all(variants, data.splits.test, o, tracker);
  const submission::BenchDocument runs = measure_latency_runs(variants, o, tracker);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    put_run_latency(measured.reports[i], runs.models[i], runs.settings, !o.launcher);
  }
  Findings f = judge_and_submit(o, data, baseline, variants, measured, runs, tracker);
  tracker.begin("write the results");
  const WrittenOutputs written = write_outputs(f.submission, o.out_dir, where.db, o.command);
  tracker.end();
  RunResult r{data.spec,
              data.choice,
              baseline.source,
              baseline.path,
              std::move(f.summaries),
              variants[f.submitted].name,
              std::move(f.submission),
              written.files,
              written.history_id,
              where.db,
              o.quick,
              0.0};
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace tinyperf::workflow
