// tinyperf bench MODEL...: the user's own model files measured in worker processes and compared
// with the first at the run level (docs/bench.md). The work is the workflow module's
// (workflow/bench.h); this file parses the flags, turns Ctrl-C into a stop request, shows progress
// on stderr and prints the summary.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli.h"
#include "flag_checks.h"
#include "interrupt.h"
#include "model_tools.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/bench_render.h"
#include "tinyperf/workflow/bench.h"
#include "tinyperf/workflow/run.h"

namespace tinyperf::cli {
namespace {

struct BenchFlags {
  std::vector<std::string> models;
  std::string data;
  std::size_t runs = 10;
  bool quick = false;
  std::uint64_t seed = 42;
  int threads = 1;
  std::string out = "bench-results";
  double alpha = 0.05;
  double noise = 0.01;
  std::string fail_on = "never";
  bool json = false;
};

// One line per run on stderr: redrawn in place on a terminal, one line each elsewhere.
class RunProgress final : public workflow::BenchObserver {
 public:
  explicit RunProgress(bool terminal) : terminal_(terminal) {}
  ~RunProgress() override { finish(); }
  RunProgress(const RunProgress&) = delete;
  RunProgress& operator=(const RunProgress&) = delete;

  void run_started(std::size_t position, std::size_t total, std::string_view model,
                   std::size_t run) override {
    label_ = fmt::format("tinyperf bench: [{}/{}] {} run {}", position, total,
                         terminal_safe(std::string(model)), run);
    if (terminal_) {
      std::fprintf(stderr, "\r\033[K%s ...", label_.c_str());
      std::fflush(stderr);
      drawn_ = true;
    }
  }
  void run_finished(std::size_t /*position*/, const submission::BenchRun& r) override {
    const double median_us = median_of(r.latency_ns) * 1e-3;
    const std::string line = fmt::format("{}: batch-1 median {:.2f} us, load {:.1f} ms, {:.2f} s",
                                         label_, median_us, r.load_ms, r.worker_seconds);
    if (terminal_) {
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
      std::fflush(stderr);
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
  // Ends the redrawn line (before anything else is printed).
  void finish() {
    if (terminal_ && drawn_) std::fprintf(stderr, "\n");
    drawn_ = false;
  }

 private:
  static double median_of(std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  }
  const bool terminal_;
  bool drawn_ = false;
  std::string label_;
};

bool gate_fails(const std::string& verdict, const std::string& fail_on) {
  if (fail_on == "change") return verdict == "faster" || verdict == "slower";
  return verdict == fail_on;
}

void print_text(const submission::BenchDocument& doc) {
  std::cout << report::bench_table(doc) << std::flush;
}

int run_bench(const BenchFlags& f) {
  const SigintGuard guard;
  workflow::BenchOptions o;
  o.model_files = f.models;
  o.data = f.data;
  o.seed = f.seed;
  o.threads = f.threads;
  o.alpha = f.alpha;
  o.noise = f.noise;
  if (f.quick) workflow::apply_quick(o);
  if (!f.quick || f.runs != 10) o.runs = f.runs;  // --runs wins over --quick's 5
  o.launcher = workflow::process_launcher(worker_command(), &g_stop_requested);
  o.stop = &g_stop_requested;
  RunProgress progress(isatty(STDERR_FILENO) != 0);
  submission::BenchDocument doc;
  try {
    doc = workflow::bench(o, &progress);
  } catch (const workflow::Interrupted&) {
    progress.finish();
    std::cerr << fmt::format("tinyperf bench: interrupted: nothing was written to {}\n", f.out);
    return kExitInterrupted;
  }
  progress.finish();
  const std::vector<std::string> files = workflow::write_bench_outputs(doc, f.out);
  std::string wrote = "tinyperf bench: wrote";
  for (const std::string& file : files) wrote += " " + file;
  std::cerr << fmt::format("{}; {:.1f} s in all\n", wrote, doc.wall_seconds);
  if (f.json) {
    nlohmann::json j = submission::to_json(doc, false);
    j["files"] = files;
    print_json(j);
  } else {
    print_text(doc);
  }
  bool failed = false;
  for (const submission::BenchComparison& c : doc.comparisons) {
    failed = failed || gate_fails(c.verdict, f.fail_on);
  }
  return failed ? kExitFinding : kExitOk;
}

void add_flags(CLI::App& cmd, BenchFlags& f) {
  cmd.add_option("models", f.models, "Model files; the first is the baseline")->required();
  cmd.add_option("--data", f.data,
                 "Accuracy on the test split of: fashion-mnist, synthetic, an IDX or CSV "
                 "directory, or a .csv file (default: none, inputs are uniform random rows)");
  cmd.add_option("--runs", f.runs, "Worker processes per model (each one run)")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000));
  cmd.add_flag("--quick", f.quick,
               "5 runs per model of 500 samples each (two models in a few seconds)");
  add_seed_option(cmd, f.seed, "Seed of the run order, the rounds and synthetic data");
  add_threads_option(cmd, f.threads, "Threads for batch inference in each worker");
  cmd.add_option("--out", f.out, "Folder for bench.json, report.html, report.md")
      ->capture_default_str();
  cmd.add_option("--alpha", f.alpha, "Significance level of the verdicts, in (0, 0.5]")
      ->capture_default_str()
      ->transform(fraction_check(0.0, 0.5, true, false));
  cmd.add_option("--noise", f.noise,
                 "Relative band around speedup 1 treated as no change, in [0, 0.5] (0.01 or 1%)")
      ->capture_default_str()
      ->transform(fraction_check(0.0, 0.5));
  cmd.add_option("--fail-on", f.fail_on,
                 "Verdict of any comparison that makes the command exit 1 (change: faster or "
                 "slower)")
      ->check(CLI::IsMember({"slower", "faster", "change", "never"}))
      ->capture_default_str();
  cmd.add_flag("--json", f.json,
               "Print {models, comparisons, settings, ...} (bench.json without the samples)");
}

}  // namespace

const AddCommand add_bench_command = &bound_command<BenchFlags, add_flags, run_bench>;

}  // namespace tinyperf::cli
