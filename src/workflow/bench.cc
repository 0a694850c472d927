#include "tinyperf/workflow/bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include <fmt/core.h>

#include "measure_variants.h"
#include "tinyperf/adapters/engine_model.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/core/version.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/system_info.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/report/bench_render.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/quality.h"
#include "tinyperf/stats/run_power.h"
#include "tinyperf/stats/runs.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/workflow/run.h"

namespace tinyperf::workflow {
namespace fs = std::filesystem;
namespace {

using submission::BenchComparison;
using submission::BenchDocument;
using submission::BenchModel;
using submission::BenchRun;
using submission::RunFigure;

constexpr std::size_t kMaxRuns = 1000;
constexpr std::size_t kMaxModelBytes = std::size_t{1} << 30;

RunFigure figure(const std::vector<double>& values) {
  RunFigure f;
  f.median = stats::median(values);
  f.min = *std::min_element(values.begin(), values.end());
  f.max = *std::max_element(values.begin(), values.end());
  f.between_run_cv = stats::robust_cv(values);
  return f;
}

template <class F>
std::vector<double> per_run(const BenchModel& m, F value) {
  std::vector<double> out;
  out.reserve(m.runs.size());
  for (const BenchRun& r : m.runs) out.push_back(value(r));
  return out;
}

double latency_median_ms(const BenchRun& r) { return stats::median(r.latency_ns) * 1e-6; }

double rows_per_s(const BenchRun& r) {
  return static_cast<double>(r.batch_rows) / (stats::median(r.batch_ns) * 1e-9);
}

// What the model file is, read by the parent before any worker starts (so a bad file is refused
// at once, naming it).
BenchModel describe_model(const std::string& file, const std::string& name) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw InputError(fmt::format("{}: no such model file", file), "model_files");
  }
  const std::string bytes = read_text_file(file, kMaxModelBytes);
  const engine::Model model = optimize::parse_any_model(bytes, file);
  BenchModel m;
  m.name = name;
  m.file = file;
  m.sha256 = sha256_hex(bytes);
  m.size_bytes = bytes.size();
  m.parameters = adapters::footprint(model).parameters;
  m.precision = model.precision();
  m.input_features = model.input_features();
  m.num_classes = model.output_features();
  return m;
}

void validate(const BenchOptions& o) {
  if (o.model_files.empty()) throw InputError("bench needs at least one model file", "model_files");
  if (o.runs < 2 || o.runs > kMaxRuns) {
    throw InputError(fmt::format("runs: {} is outside [2, {}]: verdicts need at least 2 runs per "
                                 "model to see the spread between runs",
                                 o.runs, kMaxRuns),
                     "runs");
  }
  if (o.threads < 1) throw InputError("threads: must be at least 1", "threads");
  if (o.latency_samples < 1)
    throw InputError("latency_samples: must be at least 1", "latency_samples");
  if (o.batch_rows < 1 || o.batch_calls < 1) {
    throw InputError("batch_rows and batch_calls must be at least 1", "batch_calls");
  }
  if (!(o.alpha > 0 && o.alpha < 1)) throw InputError("alpha: must be in (0, 1)", "alpha");
  if (!(o.noise >= 0 && o.noise < 1)) throw InputError("noise: must be in [0, 1)", "noise");
  if (!o.launcher) throw InputError("bench needs a worker launcher", "launcher");
}

void throw_if_stopped(const std::atomic<bool>* stop) {
  if (stop != nullptr && stop->load(std::memory_order_relaxed)) throw Interrupted("interrupted");
}

std::string utc_now() { return submission::utc_timestamp(); }

// A candidate against the baseline over runs.
BenchComparison compare_models(const BenchModel& base, const BenchModel& cand,
                               const BenchOptions& o) {
  BenchComparison c;
  c.baseline = base.name;
  c.candidate = cand.name;
  c.baseline_runs = base.runs.size();
  c.candidate_runs = cand.runs.size();
  const stats::RunComparison lat = stats::compare_runs(
      per_run(base, latency_median_ms), per_run(cand, latency_median_ms), o.alpha, o.noise);
  c.speedup = lat.speedup;
  c.speedup_ci95 = lat.speedup_ci95;
  c.p_value = lat.p_value;
  c.verdict = std::string(stats::to_string(lat.verdict));
  c.between_run_cv = lat.run_to_run_cv;
  c.detectable_change = stats::smallest_detectable_change(lat.run_to_run_cv, c.baseline_runs,
                                                          c.candidate_runs, o.alpha, 0.8);
  // Throughput: the ratio of rows per second is the speedup of batch time, so compare the batch
  // times the same way (> 1 = the candidate does more rows per second).
  const auto batch_ms = [](const BenchRun& r) { return stats::median(r.batch_ns) * 1e-6; };
  const stats::RunComparison thr =
      stats::compare_runs(per_run(base, batch_ms), per_run(cand, batch_ms), o.alpha, o.noise);
  c.throughput_ratio = thr.speedup;
  c.throughput_ratio_ci95 = thr.speedup_ci95;
  c.throughput_verdict = std::string(stats::to_string(thr.verdict));
  if (base.accuracy && cand.accuracy) c.accuracy_delta = *cand.accuracy - *base.accuracy;
  c.compression_ratio = static_cast<double>(base.size_bytes) / static_cast<double>(cand.size_bytes);
  c.memory_ratio = cand.peak_memory_mb.median / base.peak_memory_mb.median;
  return c;
}

}  // namespace

void apply_quick(BenchOptions& o) {
  o.quick = true;
  o.runs = 5;
  o.latency_samples = 500;
  o.warmup_max_s = 0.1;
  o.batch_calls = 5;
}

std::vector<std::string> model_names(const std::vector<std::string>& files) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (const std::string& f : files) {
    std::string stem = fs::path(f).stem().string();
    if (stem.empty()) stem = "model";
    std::string name = stem;
    for (int k = 2; std::find(names.begin(), names.end(), name) != names.end(); ++k) {
      name = fmt::format("{}-{}", stem, k);
    }
    names.push_back(name);
  }
  return names;
}

BenchDocument summarize_bench(const BenchOptions& o, std::vector<BenchModel> models,
                              std::vector<std::size_t> schedule) {
  BenchDocument doc;
  doc.created = utc_now();
  const BuildInfo& build = build_info();
  doc.tool_version = fmt::format("{} ({})", build.version, build.git_commit);
  measure::SystemInfo info = measure::collect_system_info();
  info.libraries["onednn"] = onednn_version();
  doc.system_info = measure::to_json(info);
  for (const std::string& w : measure::environment_warnings(info)) doc.warnings.push_back(w);

  submission::BenchSettings& s = doc.settings;
  s.runs = o.runs;
  s.quick = o.quick;
  s.seed = o.seed;
  s.threads = o.threads;
  s.data = o.data;
  s.latency_samples = o.latency_samples;
  s.warmup_max_s = o.warmup_max_s;
  s.batch_rows = o.batch_rows;
  s.batch_calls = o.batch_calls;
  s.alpha = o.alpha;
  s.noise = o.noise;
  s.method =
      "each run a fresh worker process, runs started in shuffled rounds; speedup = ratio of the "
      "geometric means of the run medians, 95 % interval and p-value from a two-sample t-test on "
      "the log run medians (docs/methodology.md)";
  s.schedule = std::move(schedule);

  for (BenchModel& m : models) {
    m.latency_ms = figure(per_run(m, latency_median_ms));
    m.within_run_cv =
        stats::median(per_run(m, [](const BenchRun& r) { return stats::robust_cv(r.latency_ns); }));
    m.throughput_rows_per_s = figure(per_run(m, rows_per_s));
    m.peak_memory_mb = figure(per_run(
        m, [](const BenchRun& r) { return static_cast<double>(r.peak_rss_bytes) / (1 << 20); }));
    m.load_ms = figure(per_run(m, [](const BenchRun& r) { return r.load_ms; }));
    m.first_inference_ms =
        figure(per_run(m, [](const BenchRun& r) { return r.first_inference_ms; }));
    if (m.runs.front().accuracy) {
      m.accuracy = m.runs.front().accuracy;
      for (const BenchRun& r : m.runs) {
        if (!r.accuracy || std::abs(*r.accuracy - *m.accuracy) > 1e-12) {
          doc.warnings.push_back(fmt::format(
              "{}: accuracy differs between runs ({} in run 1, {} in run {}): the model or the "
              "data is not deterministic",
              m.name, *m.accuracy, r.accuracy ? fmt::format("{}", *r.accuracy) : "none", r.run));
          break;
        }
      }
    }
    const std::size_t unsettled = static_cast<std::size_t>(std::count_if(
        m.runs.begin(), m.runs.end(), [](const BenchRun& r) { return !r.warmup_settled; }));
    if (unsettled * 2 > m.runs.size()) {
      doc.warnings.push_back(fmt::format(
          "{}: the warm-up reached its {} s cap before the median settled in {} of {} runs", m.name,
          o.warmup_max_s, unsettled, m.runs.size()));
    }
    if (m.latency_ms.between_run_cv > 0.05) {
      doc.warnings.push_back(fmt::format(
          "{}: batch-1 latency differs by {:.1f} % between runs (robust cv of the run medians) "
          "while a run's own samples spread {:.1f} %: only the run-level verdicts account for it",
          m.name, 100 * m.latency_ms.between_run_cv, 100 * m.within_run_cv));
    }
  }
  if (o.in_process) {
    doc.warnings.push_back(
        "runs were measured in this process, not in worker processes: peak memory, load and "
        "first-inference times are not per model, and runs share one memory layout");
  }
  if (o.runs < stats::kFewRuns) {
    doc.warnings.push_back(fmt::format(
        "only {} runs per model: the intervals are wide; {} or more give sharper verdicts", o.runs,
        stats::kFewRuns));
  }
  if (!o.data.empty() && !models.empty() && !models.front().runs.empty()) {
    s.data_name = o.data;
  }
  for (std::size_t i = 1; i < models.size(); ++i) {
    doc.comparisons.push_back(compare_models(models[0], models[i], o));
  }
  doc.models = std::move(models);
  return doc;
}

BenchDocument bench(const BenchOptions& o, BenchObserver* observer) {
  validate(o);
  const auto started = std::chrono::steady_clock::now();
  const std::vector<std::string> names = model_names(o.model_files);
  std::vector<BenchModel> models;
  for (std::size_t i = 0; i < o.model_files.size(); ++i) {
    models.push_back(describe_model(o.model_files[i], names[i]));
    if (models[i].input_features != models[0].input_features) {
      throw InputError(fmt::format("{}: takes {} features but the baseline {} takes {}: they "
                                   "cannot be measured on the same inputs",
                                   o.model_files[i], models[i].input_features, o.model_files[0],
                                   models[0].input_features),
                       "model_files");
    }
  }
  std::string data_name, data_sha;
  if (!o.data.empty()) {
    // Loaded once here too, so that bad data is refused before any worker, with its name.
    const data::Dataset test = data::load_test_split(o.data, o.seed);
    data_name = test.name;
    data_sha = test.sha256;
  }

  const std::vector<std::size_t> schedule = measure::run_schedule(models.size(), o.runs, o.seed);
  std::vector<std::size_t> done(models.size(), 0);
  for (std::size_t pos = 0; pos < schedule.size(); ++pos) {
    throw_if_stopped(o.stop);
    const std::size_t m = schedule[pos];
    WorkerJob job;
    job.model_file = o.model_files[m];
    job.data = o.data;
    job.data_seed = o.seed;
    job.seed = o.seed + 1 + pos;
    job.threads = o.threads;
    job.latency_samples = o.latency_samples;
    job.warmup_max_s = o.warmup_max_s;
    job.batch_rows = o.batch_rows;
    job.batch_calls = o.batch_calls;
    job.run = ++done[m];
    job.position = pos + 1;
    if (observer) observer->run_started(pos + 1, schedule.size(), models[m].name, job.run);
    BenchRun run = o.launcher(job);
    run.run = job.run;
    run.position = job.position;
    if (observer) observer->run_finished(pos + 1, run);
    models[m].runs.push_back(std::move(run));
  }
  throw_if_stopped(o.stop);
  BenchDocument doc = summarize_bench(o, std::move(models), schedule);
  doc.settings.data_name = data_name;
  doc.settings.data_sha256 = data_sha;
  doc.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return doc;
}

std::vector<std::string> write_bench_outputs(const BenchDocument& doc, const std::string& out_dir) {
  const std::string json = to_json(doc, true).dump(2) + "\n";
  const std::string html = report::bench_html(doc);
  const std::string markdown = report::bench_markdown(doc);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    throw IoError(fmt::format("out_dir {}: cannot create the folder: {}", out_dir, ec.message()),
                  "out_dir");
  }
  std::vector<std::string> files;
  for (const auto& [name, content] :
       {std::pair<const char*, const std::string*>{"bench.json", &json},
        {"report.html", &html},
        {"report.md", &markdown}}) {
    const std::string path = (fs::path(out_dir) / name).string();
    write_file_atomic(path, *content);
    files.push_back(path);
  }
  return files;
}

}  // namespace tinyperf::workflow
