// bench() with the in-process launcher and a fake one: model names, the run schedule, the
// per-model summary and run-level comparisons, the checks made before any worker, and stopping.
#include "tinyperf/workflow/bench.h"

#include <atomic>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/workflow/run.h"

namespace tinyperf::workflow {
namespace {

using submission::BenchDocument;
using submission::BenchRun;
using testing::TempDir;

// A fake worker reply: `latency_ns` for every sample, a fixed batch time.
BenchRun fake_run(double latency_ns, double batch_ns = 1e6) {
  BenchRun r;
  r.latency_ns.assign(50, latency_ns);
  // A little within-run spread so the robust cv is not 0.
  for (std::size_t i = 0; i < r.latency_ns.size(); i += 2) r.latency_ns[i] *= 1.01;
  r.batch_ns.assign(5, batch_ns);
  r.batch_rows = 256;
  r.peak_rss_bytes = 20 << 20;
  r.warmup_settled = true;
  return r;
}

struct Models {
  TempDir dir;
  std::string a = dir / "mlp.safetensors";
  std::string b = dir / "other/mlp.safetensors";
  Models() {
    std::filesystem::create_directories(dir / "other");
    engine::save_model(engine::make_mlp(32, {16}, 4, 1), a);
    engine::save_model(engine::make_mlp(32, {8}, 4, 2), b);
  }
};

TEST(ModelNames, AreStemsMadeUnique) {
  EXPECT_EQ(model_names({"a/mlp.tpm", "b/mlp.tpm", "mlp_int8.tpm", "c/mlp.safetensors"}),
            (std::vector<std::string>{"mlp", "mlp-2", "mlp_int8", "mlp-3"}));
}

TEST(Bench, MeasuresEveryModelInShuffledRoundsAndComparesOverRuns) {
  Models files;
  BenchOptions o;
  o.model_files = {files.a, files.b};
  o.runs = 4;
  std::vector<std::string> order;
  // The candidate is 2x faster in every run, with 1 % spread between runs.
  o.launcher = [&](const WorkerJob& job) {
    order.push_back(job.model_file);
    const double base = job.model_file == files.a ? 10'000.0 : 5'000.0;
    return fake_run(base * (1.0 + 0.01 * static_cast<double>(job.run % 3)));
  };
  const BenchDocument doc = bench(o);
  ASSERT_EQ(doc.models.size(), 2u);
  EXPECT_EQ(doc.models[0].name, "mlp");
  EXPECT_EQ(doc.models[1].name, "mlp-2");
  EXPECT_EQ(doc.models[0].runs.size(), 4u);
  EXPECT_EQ(doc.models[0].parameters, 32u * 16 + 16 + 16 * 4 + 4);
  EXPECT_EQ(doc.models[0].precision, "fp32");
  EXPECT_EQ(doc.models[0].sha256.size(), 64u);
  EXPECT_EQ(order.size(), 8u);
  EXPECT_EQ(doc.settings.schedule.size(), 8u);
  // Each round of the schedule holds both models once.
  for (std::size_t r = 0; r < 4; ++r) EXPECT_NE(order[2 * r], order[2 * r + 1]) << r;
  // Runs are numbered per model and placed in the schedule.
  EXPECT_EQ(doc.models[1].runs.back().run, 4u);
  ASSERT_EQ(doc.comparisons.size(), 1u);
  const submission::BenchComparison& c = doc.comparisons[0];
  EXPECT_EQ(c.baseline, "mlp");
  EXPECT_EQ(c.candidate, "mlp-2");
  EXPECT_EQ(c.verdict, "faster");
  EXPECT_NEAR(c.speedup, 2.0, 0.01);
  EXPECT_LT(c.speedup_ci95.lo, c.speedup);
  EXPECT_GT(c.speedup_ci95.hi, c.speedup);
  EXPECT_EQ(c.baseline_runs, 4u);
  EXPECT_GT(c.between_run_cv, 0.0);
  EXPECT_EQ(c.throughput_verdict, "no_change");  // same batch time on both sides
  // The latency figure is the median of the run medians, in ms.
  EXPECT_NEAR(doc.models[0].latency_ms.median, 0.0101, 0.0002);
}

TEST(Bench, SameModelInEveryRunIsNotCalledFasterOrSlower) {
  Models files;
  BenchOptions o;
  o.model_files = {files.a, files.a};
  o.runs = 6;
  // Between-run spread of ~5 % that the within-run samples (1 %) do not show; both sides get the
  // same run effects in another order.
  const double effects[] = {1.00, 1.06, 0.97, 1.03, 0.95, 1.05};
  const std::vector<std::size_t> schedule = measure::run_schedule(2, 6, o.seed);
  o.launcher = [&](const WorkerJob& job) {
    const bool baseline = schedule[job.position - 1] == 0;
    return fake_run(10'000.0 * effects[baseline ? job.run - 1 : 6 - job.run]);
  };
  const BenchDocument doc = bench(o);
  EXPECT_EQ(doc.models[1].name, "mlp-2");
  EXPECT_NE(doc.comparisons[0].verdict, "faster");
  EXPECT_NE(doc.comparisons[0].verdict, "slower");
}

TEST(Bench, RealRunsInThisProcess) {
  Models files;
  BenchOptions o;
  o.model_files = {files.a, files.b};
  o.data = "synthetic";
  apply_quick(o);
  o.runs = 2;
  o.latency_samples = 20;
  o.warmup_max_s = 0.01;
  o.batch_rows = 16;
  o.batch_calls = 2;
  o.in_process = true;
  o.launcher = in_process_launcher();
  EXPECT_THROW(bench(o), InputError);  // synthetic has 784 features, the models 32
  o.data = "";
  const BenchDocument doc = bench(o);
  const BenchRun& r = doc.models[0].runs[0];
  EXPECT_EQ(r.latency_ns.size(), 20u);
  EXPECT_EQ(r.batch_ns.size(), 2u);
  EXPECT_EQ(r.batch_rows, 16u);
  EXPECT_GT(r.load_ms, 0.0);
  EXPECT_GT(r.peak_rss_bytes, 0);
  EXPECT_FALSE(r.accuracy.has_value());
  EXPECT_FALSE(doc.models[0].accuracy.has_value());
  bool warned = false;
  for (const std::string& w : doc.warnings)
    warned = warned || w.find("in this process") != std::string::npos;
  EXPECT_TRUE(warned);
  // Written whole.
  TempDir out;
  const std::vector<std::string> written = write_bench_outputs(doc, out / "results");
  ASSERT_FALSE(written.empty());
  for (const std::string& f : written) EXPECT_TRUE(std::filesystem::exists(f)) << f;
}

TEST(Bench, ChecksEverythingBeforeTheFirstWorker) {
  Models files;
  std::size_t started = 0;
  BenchOptions o;
  o.launcher = [&](const WorkerJob&) {
    ++started;
    return fake_run(1000.0);
  };
  EXPECT_THROW(bench(o), InputError);  // no model
  o.model_files = {files.a, files.dir / "missing.safetensors"};
  try {
    bench(o);
    ADD_FAILURE() << "a missing file was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.safetensors"), std::string::npos) << e.what();
  }
  const std::string garbage = files.dir / "garbage.safetensors";
  { std::ofstream(garbage) << "not a model"; }
  o.model_files = {files.a, garbage};
  EXPECT_THROW(bench(o), InputError);
  const std::string narrow = files.dir / "narrow.safetensors";
  engine::save_model(engine::make_mlp(31, {8}, 4, 1), narrow);
  o.model_files = {files.a, narrow};
  EXPECT_THROW(bench(o), InputError);  // 31 features against 32
  o.model_files = {files.a};
  o.runs = 1;
  EXPECT_THROW(bench(o), InputError);
  o.runs = 3;
  o.data = "no-such-data";
  EXPECT_THROW(bench(o), InputError);
  EXPECT_EQ(started, 0u);
}

TEST(Bench, StopsBetweenRuns) {
  Models files;
  std::atomic<bool> stop{false};
  BenchOptions o;
  o.model_files = {files.a, files.b};
  o.runs = 5;
  o.stop = &stop;
  std::size_t started = 0;
  o.launcher = [&](const WorkerJob&) {
    if (++started == 3) stop = true;
    return fake_run(1000.0);
  };
  EXPECT_THROW(bench(o), Interrupted);
  EXPECT_EQ(started, 3u);
}

}  // namespace
}  // namespace tinyperf::workflow
