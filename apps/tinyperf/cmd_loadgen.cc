// tinyperf loadgen: an MLPerf-style scenario run (docs/loadgen.md, docs/cli.md) of a model file on
// the test split of a data set, or of the null SUT (--null-sut) to measure the load generator.
// The engine becomes a SUT through adapters::EngineSut: SingleStream / MultiStream run the model on
// the issue thread, Server / Offline on a worker thread that batches what is queued.
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include <fmt/core.h>

#include "cli.h"
#include "model_tools.h"
#include "tinyperf/adapters/engine_sut.h"
#include "tinyperf/core/error.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"
#include "tinyperf/measure/system_info.h"
#include "tinyperf/optimize/model_io.h"

namespace tinyperf::cli {
namespace {

namespace lg = tinyperf::loadgen;

struct LoadgenFlags {
  std::string scenario = "single-stream";
  std::string model;
  std::string data;
  double target_qps = 0;
  double latency_bound_ms = 10;
  double min_duration = 10;
  double max_duration = 0;
  std::uint64_t min_queries = 0;
  std::uint64_t max_queries = 0;
  std::uint64_t samples_per_query = 0;
  std::size_t batch_size = 0;
  std::uint64_t seed = 0;
  int threads = 1;
  bool quick = false;
  bool find_peak = false;
  bool null_sut = false;
  bool json = false;
  // The options given ("--seed", ...): the others take the scenario's defaults.
  std::set<std::string> given;
  bool has(const std::string& flag) const { return given.count(flag) > 0; }
};

void require_positive(double value, const char* flag) {
  if (!std::isfinite(value) || value <= 0) {
    throw InputError(fmt::format("{} must be > 0, got {}", flag, value));
  }
}

void apply_counts(const LoadgenFlags& f, lg::LoadgenSettings& s) {
  const bool offline = s.scenario == lg::Scenario::kOffline;
  if (f.has("--min-queries")) (offline ? s.min_sample_count : s.min_query_count) = f.min_queries;
  if (f.has("--max-queries")) {
    if (offline) {
      throw InputError(
          "--max-queries does not apply to offline (its one query holds every "
          "sample; use --samples-per-query)");
    }
    s.max_query_count = f.max_queries;
  }
  if (f.has("--samples-per-query")) s.samples_per_query = f.samples_per_query;
}

lg::LoadgenSettings settings_from(const LoadgenFlags& f) {
  lg::LoadgenSettings s = lg::default_settings(lg::parse_scenario(f.scenario));
  if (f.quick) lg::apply_quick(s);
  if (f.has("--seed")) lg::apply_seed(s, f.seed);
  if (f.has("--target-qps")) {
    require_positive(f.target_qps, "--target-qps");
    s.target_qps = f.target_qps;
  } else if (s.scenario == lg::Scenario::kServer && !f.find_peak) {
    throw InputError("--target-qps is required for --scenario server (or use --find-peak)");
  }
  if (!std::isfinite(f.latency_bound_ms)) throw InputError("--latency-bound-ms must be finite");
  s.target_latency_ns = std::llround(f.latency_bound_ms * 1e6);
  if (f.has("--min-duration")) s.min_duration_s = f.min_duration;
  if (f.has("--max-duration")) s.max_duration_s = f.max_duration;
  apply_counts(f, s);
  if (f.find_peak && s.scenario != lg::Scenario::kServer) {
    throw InputError("--find-peak needs --scenario server");
  }
  lg::LoadgenSettings check = s;  // --find-peak without --target-qps: each step sets the rate
  if (f.find_peak && check.target_qps == 0) check.target_qps = 1;
  lg::validate_settings(check);
  return s;
}

// Batch size: --batch-size, else 1 (SingleStream), the query size (MultiStream), 256 (Server,
// Offline: the MLP's throughput stops growing around there on this machine).
std::size_t batch_size_for(const LoadgenFlags& f, const lg::LoadgenSettings& s) {
  if (f.has("--batch-size")) {
    if (f.batch_size == 0) throw InputError("--batch-size must be >= 1, got 0");
    return f.batch_size;
  }
  switch (s.scenario) {
    case lg::Scenario::kSingleStream:
      return 1;
    case lg::Scenario::kMultiStream:
      return s.samples_per_query;
    default:
      return 256;
  }
}

// What the run measures: the SUT, the library, and the facts recorded next to the result.
// Built in place and never moved: the engine model refers to the model, the SUT to the data.
struct Target {
  Target() = default;
  ~Target() { sut.reset(); }  // first: the SUT's worker thread runs the engine model
  Target(const Target&) = delete;
  Target& operator=(const Target&) = delete;

  std::unique_ptr<lg::SystemUnderTest> sut;
  std::unique_ptr<lg::SampleLibrary> library;
  std::function<void()> check_errors = [] {};
  nlohmann::json description;
  // Owned data the SUT reads.
  std::optional<engine::Model> model;
  std::optional<data::DatasetSplits> data;
  std::unique_ptr<adapters::EngineModel> engine;
};

std::string default_data(bool& defaulted) {
  defaulted = true;
  return std::filesystem::exists(Env::system().fashion_mnist_dir()) ? "fashion-mnist" : "synthetic";
}

template <typename Sut>
void wrap(Target& t, std::unique_ptr<Sut> sut) {
  Sut* raw = sut.get();
  t.check_errors = [raw] {
    if (auto e = raw->first_error()) std::rethrow_exception(e);
  };
  t.sut = std::move(sut);
}

void make_model_sut(Target& t, const LoadgenFlags& f, const lg::LoadgenSettings& s) {
  const std::size_t batch = batch_size_for(f, s);
  adapters::EngineModelOptions options;
  options.session.threads = f.threads;
  t.engine = std::make_unique<adapters::EngineModel>(f.model, *t.model, std::move(options));
  const data::Dataset& test = t.data->test;
  const measure::FeatureRows rows{test.features, test.size(), test.num_features};
  wrap(t, std::make_unique<adapters::EngineSut>(*t.engine, rows, batch,
                                                adapters::threading_for(s.scenario)));
  t.description["batch_size"] = batch;
}

void build_target(Target& t, const LoadgenFlags& f, const lg::LoadgenSettings& s) {
  if (f.null_sut) {
    t.sut = std::make_unique<lg::NullSut>();
    t.library = std::make_unique<lg::IndexSampleLibrary>("null", 1024, 1024);
    t.description = {{"sut", "null"}};
    return;
  }
  if (f.model.empty()) throw InputError("--model FILE is required (or --null-sut)");
  bool defaulted = false;
  const std::string spec = f.data.empty() ? default_data(defaulted) : f.data;
  if (defaulted) std::cerr << fmt::format("tinyperf loadgen: using --data {}\n", spec);
  t.model.emplace(optimize::load_any_model(f.model));  // fp32, int8 or sparse
  t.data.emplace(data::load_dataset(spec, 42));
  const data::Dataset& test = t.data->test;
  check_features(*t.model, f.model, test);
  t.library = std::make_unique<lg::IndexSampleLibrary>(test.name, test.size(), test.size());
  make_model_sut(t, f, s);
  t.description.update({{"model_file", f.model},
                        {"data", test.name},
                        {"data_sha256", test.sha256},
                        {"session_threads", f.threads}});
}

nlohmann::json with_context(nlohmann::json j, const Target& t) {
  j["sut_description"] = t.description;
  j["system_info"] = measure::to_json(measure::collect_system_info());
  return j;
}

int run_once(const LoadgenFlags& f, const lg::LoadgenSettings& s, Target& t) {
  const lg::LoadgenResult r = lg::run_scenario(*t.sut, *t.library, s);
  t.check_errors();
  for (const auto& w : r.warnings)
    std::cerr << "tinyperf loadgen: warning: " << with_flag_names(w) << "\n";
  if (f.json) {
    print_json(with_context(lg::to_json(r), t));
  } else {
    std::cout << with_flag_names(lg::format_summary(r));
  }
  return r.valid ? kExitOk : kExitFinding;
}

int run_find_peak(const LoadgenFlags& f, const lg::LoadgenSettings& s, Target& t) {
  lg::FindPeakOptions o;
  o.start_qps = f.has("--target-qps") ? f.target_qps : 0;
  o.on_run = [](const lg::LoadgenResult& r) {
    std::cerr << fmt::format("  target {:.1f} QPS: {} (p99 {:.3f} ms)\n", r.settings.target_qps,
                             r.valid ? "VALID" : "INVALID",
                             static_cast<double>(r.latency.target_percentile_ns) * 1e-6);
  };
  std::cerr << "tinyperf loadgen: searching the peak Server QPS\n";
  const lg::FindPeakResult r = lg::find_peak(*t.sut, *t.library, s, o);
  t.check_errors();
  if (f.json) {
    print_json(with_context(lg::to_json(r), t));
  } else {
    std::cout << with_flag_names(lg::format_summary(r));
  }
  return r.peak ? kExitOk : kExitFinding;
}

int run_loadgen(const LoadgenFlags& f) {
  const lg::LoadgenSettings s = settings_from(f);
  Target t;
  build_target(t, f, s);
  return f.find_peak ? run_find_peak(f, s, t) : run_once(f, s, t);
}

// The run, once the options given are known.
int run_parsed(LoadgenFlags& f, const CLI::App& cmd) {
  for (const CLI::Option* option : cmd.get_options()) {
    if (option->count() > 0) f.given.insert(option->get_name());
  }
  return run_loadgen(f);
}

void add_flags(CLI::App& cmd, LoadgenFlags& f) {
  cmd.add_option("--scenario", f.scenario, "single-stream, multi-stream, server or offline")
      ->capture_default_str();
  cmd.add_option("--model", f.model, "Model file to run (from tinyperf train, quantize or prune)");
  cmd.add_option("--data", f.data,
                 "fashion-mnist, synthetic or a path (default fashion-mnist when "
                 "installed, else synthetic); queries draw from its test split");
  cmd.add_option("--target-qps", f.target_qps,
                 "Server: Poisson arrival rate (required unless --find-peak, "
                 "where it is the start); Offline: expected samples/s");
  cmd.add_option("--latency-bound-ms", f.latency_bound_ms, "Server: p99 latency bound, ms")
      ->capture_default_str();
  cmd.add_option("--min-duration", f.min_duration, "Minimum run time, s (default 10; --quick 1)");
  cmd.add_option("--max-duration", f.max_duration, "Stop issuing after this many s (0 = no limit)");
  cmd.add_option("--min-queries", f.min_queries,
                 "Minimum queries (Offline: samples); default: LoadGen's");
  cmd.add_option("--max-queries", f.max_queries,
                 "Stop issuing after this many queries (0 = no limit)");
  cmd.add_option("--samples-per-query", f.samples_per_query,
                 "MultiStream: samples per query (8); "
                 "Offline: the query's size");
  cmd.add_option("--batch-size", f.batch_size,
                 "Most samples the model runs at once (default: 1, the "
                 "MultiStream query size, or 256 for Server/Offline)");
  cmd.add_option("--seed", f.seed,
                 "Derive the three RNG seeds from this (default: MLPerf's seeds)");
  add_threads_option(cmd, f.threads, "Threads of the model session");
  cmd.add_flag("--quick", f.quick, "Lower minimums (1 s); the result is not MLPerf-comparable");
  cmd.add_flag("--find-peak", f.find_peak, "Server: search the highest VALID target QPS");
  cmd.add_flag("--null-sut", f.null_sut,
               "Measure the load generator itself with a SUT that "
               "completes at once (no model)");
  cmd.add_flag("--json", f.json, "Print the result with LoadGen's keys as JSON on stdout");
}

}  // namespace

const AddCommand add_loadgen_command = &bound_command<LoadgenFlags, add_flags, run_parsed>;

}  // namespace tinyperf::cli
