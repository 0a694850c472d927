#include "tinyperf/workflow/worker.h"

#include <unistd.h>

#include <chrono>
#include <utility>

#include <fmt/core.h>

#include "tinyperf/adapters/engine_model.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/process.h"
#include "tinyperf/core/random.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/measure/measure_models.h"
#include "tinyperf/measure/memory.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/workflow/run.h"

namespace tinyperf::workflow {
namespace {

using Json = nlohmann::json;

[[noreturn]] void bad_job(const std::string& what) { throw InputError("worker job: " + what); }

const Json& member(const Json& doc, const char* key) {
  const auto it = doc.find(key);
  if (it == doc.end()) bad_job(fmt::format("\"{}\" is missing", key));
  return *it;
}

std::string string_member(const Json& doc, const char* key) {
  const Json& v = member(doc, key);
  if (!v.is_string()) bad_job(fmt::format("\"{}\" must be a string", key));
  return v.get<std::string>();
}

std::uint64_t count_member(const Json& doc, const char* key, std::uint64_t min) {
  const Json& v = member(doc, key);
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() < min) {
    bad_job(fmt::format("\"{}\" must be an integer >= {}", key, min));
  }
  return v.get<std::uint64_t>();
}

double seconds_member(const Json& doc, const char* key) {
  const Json& v = member(doc, key);
  if (!v.is_number() || !(v.get<double>() >= 0.0) || v.get<double>() > 3600.0) {
    bad_job(fmt::format("\"{}\" must be a number of seconds in [0, 3600]", key));
  }
  return v.get<double>();
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Seeded uniform rows in [0, 1): the inputs when the job names no data.
std::vector<float> uniform_rows(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  SeededRng rng(seed);
  std::vector<float> values(rows * cols);
  for (float& v : values) v = static_cast<float>(rng.uniform01());
  return values;
}

void check_fits(const engine::Model& model, const WorkerJob& job, const data::Dataset& test) {
  if (test.num_features != model.input_features()) {
    throw InputError(fmt::format("{}: the model takes {} features but {} has {}", job.model_file,
                                 model.input_features(), test.name, test.num_features));
  }
  if (test.num_classes > model.output_features()) {
    throw InputError(fmt::format("{}: the model has {} outputs but {} has {} classes",
                                 job.model_file, model.output_features(), test.name,
                                 test.num_classes));
  }
}

}  // namespace

Json to_json(const WorkerJob& job) {
  return {{"model_file", job.model_file},     {"data", job.data},
          {"data_seed", job.data_seed},       {"seed", job.seed},
          {"threads", job.threads},           {"latency_samples", job.latency_samples},
          {"warmup_max_s", job.warmup_max_s}, {"batch_rows", job.batch_rows},
          {"batch_calls", job.batch_calls},   {"run", job.run},
          {"position", job.position}};
}

WorkerJob parse_worker_job(const Json& doc) {
  if (!doc.is_object()) bad_job("expected a JSON object");
  WorkerJob job;
  job.model_file = string_member(doc, "model_file");
  if (job.model_file.empty()) bad_job("\"model_file\" is empty");
  job.data = string_member(doc, "data");
  job.data_seed = count_member(doc, "data_seed", 0);
  job.seed = count_member(doc, "seed", 0);
  job.threads = static_cast<int>(std::min<std::uint64_t>(count_member(doc, "threads", 1), 4096));
  job.latency_samples = count_member(doc, "latency_samples", 1);
  job.warmup_max_s = seconds_member(doc, "warmup_max_s");
  job.batch_rows = count_member(doc, "batch_rows", 1);
  job.batch_calls = count_member(doc, "batch_calls", 1);
  job.run = count_member(doc, "run", 0);
  job.position = count_member(doc, "position", 0);
  if (job.latency_samples > 10'000'000 || job.batch_calls > 1'000'000 ||
      job.batch_rows > 1'000'000) {
    bad_job("a count is above its limit (latency_samples 1e7, batch_calls and batch_rows 1e6)");
  }
  return job;
}

submission::BenchRun run_worker_job(const WorkerJob& job, const Env& env) {
  submission::BenchRun out;
  out.run = job.run;
  out.position = job.position;
  out.pid = static_cast<int>(::getpid());

  // Memory of loading the model and predicting one batch, from what the process held before.
  measure::PeakMemoryProbe probe(env);
  probe.begin_phase();
  const auto load_start = std::chrono::steady_clock::now();
  const engine::Model model = optimize::load_any_model(job.model_file);
  adapters::EngineModelOptions options;
  options.session.threads = job.threads;
  adapters::EngineModel runner(job.model_file, model, options);
  out.load_ms = ms_since(load_start);

  const std::size_t cols = model.input_features();
  const std::size_t classes = model.output_features();
  const std::vector<float> warm_rows = uniform_rows(job.batch_rows, cols, job.data_seed);
  std::vector<float> scores(job.batch_rows * classes);
  const measure::FeatureRows all{warm_rows, job.batch_rows, cols};
  const auto first_start = std::chrono::steady_clock::now();
  runner.predict(all.slice(0, 1), std::span(scores).first(classes));
  out.first_inference_ms = ms_since(first_start);
  runner.predict(all, scores);
  const measure::PeakMemory peak = probe.end_phase();
  out.base_rss_bytes = peak.start_rss_bytes;
  out.peak_rss_bytes = peak.peak_rss_bytes;
  out.memory_scope = measure::to_string(peak.scope);
  out.huge_pages = measure::to_string(measure::read_huge_pages(env));

  // The inputs: the test split (accuracy on all of it), or the uniform rows.
  data::Dataset test;
  if (!job.data.empty()) {
    test = data::load_test_split(job.data, job.data_seed);
    check_fits(model, job, test);
  } else {
    test.name = "uniform";
    test.features = warm_rows;
    test.labels.assign(job.batch_rows, 0);
    test.num_features = cols;
    test.num_classes = 1;
  }
  const measure::LabelledData data{test.name, {test.features, test.size(), cols}, test.labels};

  measure::MeasureSettings settings;
  settings.phases = measure::Phases::none();
  settings.phases.accuracy = !job.data.empty();
  settings.phases.latency = true;
  settings.phases.throughput = true;
  settings.latency.warmup.mode = measure::WarmupMode::kUntilStable;
  settings.latency.warmup.max_seconds = job.warmup_max_s;
  settings.latency.warmup.max_runs = 1'000'000;
  settings.latency.rounds = job.latency_samples;
  settings.latency.max_rounds = job.latency_samples;
  settings.latency.seed = job.seed;
  settings.batch_rows = job.batch_rows;
  settings.throughput_runs = job.batch_calls;
  settings.throughput_seed = job.seed ^ 0x5EED'BA7Cu;
  settings.env = &env;
  measure::ModelUnderTest* models[] = {&runner};
  const measure::ModelsMeasurement m = measure::measure_models(models, {&data, 1}, settings);

  if (settings.phases.accuracy) {
    out.accuracy = m.accuracy[0][0];
    out.test_rows = test.size();
  }
  out.latency_ns = m.latency.samples_ns[0];
  out.calls_per_sample = m.latency.calls_per_round;
  out.warmup_calls = m.latency.warmup_runs.empty() ? 0 : m.latency.warmup_runs[0];
  out.warmup_settled = !m.latency.warmup_settled.empty() && m.latency.warmup_settled[0];
  out.batch_ns = m.throughput.samples_ns[0];
  out.batch_rows = m.batch_rows;
  return out;
}

WorkerLauncher in_process_launcher() {
  return [](const WorkerJob& job) { return run_worker_job(job); };
}

WorkerLauncher process_launcher(std::vector<std::string> argv, const std::atomic<bool>* stop) {
  return [argv = std::move(argv), stop](const WorkerJob& job) {
    ProcessOptions options;
    options.stop = stop;
    const ProcessOutput p = run_process(argv, to_json(job).dump(), options);
    if (p.stopped) throw Interrupted("interrupted");
    // The worker's own error line, without its "tinyperf: error: " (the parent prints its own).
    std::string why = last_line(p.stderr_text);
    for (const std::string_view prefix : {"tinyperf: error: ", "tinyperf: internal error: "}) {
      if (why.starts_with(prefix)) why.erase(0, prefix.size());
    }
    if (p.exit_code == 2) throw InputError(why.empty() ? "the worker refused its job" : why);
    if (p.exit_code != 0) {
      throw Error(fmt::format("worker for {} (run {}) failed with exit code {}{}{}", job.model_file,
                              job.run, p.exit_code, why.empty() ? "" : ": ", why));
    }
    Json reply;
    try {
      reply = Json::parse(p.stdout_text);
    } catch (const Json::parse_error& e) {
      throw Error(fmt::format("worker for {} (run {}) printed no JSON: {}", job.model_file, job.run,
                              e.what()));
    }
    submission::BenchRun run = submission::parse_bench_run(reply, "worker reply");
    run.worker_seconds = p.wall_seconds;
    return run;
  };
}

}  // namespace tinyperf::workflow
