// tinyperf run: the main job (docs/cli.md). The work is the workflow module's (workflow/run.h);
// this file parses the flags, turns Ctrl-C into a stop request, draws the progress on stderr and
// prints the summary table.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include <fmt/core.h>

#include "cli.h"
#include "interrupt.h"
#include "model_tools.h"
#include "tinyperf/report/render.h"
#include "tinyperf/workflow/run.h"

namespace tinyperf::cli {
namespace {

struct RunFlags {
  std::string data;
  std::string model;
  bool quick = false;
  std::uint64_t seed = 42;
  int threads = 1;
  std::string out = "results";
  std::string db;
  bool no_history = false;
  std::string cache_dir;
  bool json = false;
  std::string command;  // the options given, recorded in the history
};

// Progress on stderr. On a terminal: one line per phase, redrawn in place with a bar while the
// phase lasts (a thread redraws it 10 times a second, so the run's thread never waits for the
// terminal), then left as "done in N s". Elsewhere (a file, a pipe, CI logs): plain lines when a
// phase starts and ends.
class ProgressDisplay final : public workflow::RunObserver {
 public:
  explicit ProgressDisplay(bool terminal) : terminal_(terminal) {
    if (terminal_) drawer_ = std::thread([this] { draw_loop(); });
  }
  ~ProgressDisplay() override { close(); }
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  void phase_started(const workflow::Phase& phase) override {
    std::lock_guard lock(mutex_);
    phase_ = phase;
    done_ = 0;
    open_ = true;
    started_ = advanced_ = std::chrono::steady_clock::now();
    if (!terminal_) std::fprintf(stderr, "%s ...\n", label().c_str());
  }
  void phase_advanced(std::uint64_t done) override {
    std::lock_guard lock(mutex_);
    done_ = done;
    advanced_ = std::chrono::steady_clock::now();
  }
  void phase_finished(const workflow::Phase& phase, double seconds) override {
    std::lock_guard lock(mutex_);
    open_ = false;
    clear_line();
    std::fprintf(stderr, "%s: done in %.1f s\n", label_of(phase).c_str(), seconds);
  }
  void message(std::string_view line) override {
    std::lock_guard lock(mutex_);
    clear_line();
    std::fprintf(stderr, "tinyperf run: %.*s\n", static_cast<int>(line.size()), line.data());
    if (open_) draw();
  }
  std::string setting_name(std::string_view field) override {
    const std::string_view flag = flag_for_field(field);
    return std::string(flag.empty() ? field : flag);
  }
  std::string current_phase() {
    std::lock_guard lock(mutex_);
    return phase_.name;
  }

  // Stops the drawing thread and clears the bar (before anything else is printed).
  void close() {
    if (!drawer_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    wake_.notify_all();
    drawer_.join();
    std::lock_guard lock(mutex_);
    clear_line();
  }

 private:
  static std::string label_of(const workflow::Phase& p) {
    return fmt::format("[{}/{}] {}", p.index, p.count, p.name);
  }
  std::string label() const { return label_of(phase_); }

  void draw_loop() {
    std::unique_lock lock(mutex_);
    while (!closing_) {
      wake_.wait_for(lock, std::chrono::milliseconds(100));
      if (open_ && !closing_) draw();
    }
  }

  // Fraction done: from counted units (between two advances, moving on with the time expected per
  // unit when the phase states one), else from the expected duration, capped below 100 %; -1 when
  // the phase states neither.
  double fraction(double elapsed) const {
    const double expected = phase_.expected_seconds;
    if (phase_.units == 0) return expected > 0 ? std::min(0.99, elapsed / expected) : -1.0;
    const double units = static_cast<double>(phase_.units);
    double done = static_cast<double>(done_);
    if (expected > 0 && done_ < phase_.units) {
      const double since =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - advanced_).count();
      done += std::min(0.99, since / (expected / units));
    }
    return std::min(1.0, done / units);
  }

  void draw() {
    if (!terminal_) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double f = fraction(elapsed);
    std::string bar;
    if (f >= 0) {
      const int filled = static_cast<int>(f * 30);
      bar = fmt::format(" [{}{}] {:3.0f}%", std::string(filled, '#'), std::string(30 - filled, '.'),
                        100 * f);
    }
    std::fprintf(stderr, "\r\033[K%s%s %.1f s", label().c_str(), bar.c_str(), elapsed);
    std::fflush(stderr);
    drawn_ = true;
  }

  void clear_line() {
    if (!terminal_ || !drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
  }

  const bool terminal_;
  std::mutex mutex_;
  std::condition_variable wake_;
  workflow::Phase phase_;
  std::uint64_t done_ = 0;
  bool open_ = false;
  bool drawn_ = false;
  bool closing_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point advanced_;  // last phase_advanced (or the start)
  std::thread drawer_;
};

workflow::RunOptions options_of(const RunFlags& f) {
  workflow::RunOptions o;
  o.data = f.data;
  o.model_path = f.model;
  o.quick = f.quick;
  o.budget = f.quick ? workflow::quick_budget() : workflow::full_budget();
  o.seed = f.seed;
  o.threads = f.threads;
  o.out_dir = f.out;
  o.db = f.db;
  o.record_history = !f.no_history;
  o.cache_dir = f.cache_dir;
  o.command = f.command;
  o.stop = &g_stop_requested;
  o.launcher = workflow::process_launcher(worker_command(), &g_stop_requested);
  return o;
}

void print_summary(const workflow::RunResult& r, bool json) {
  const bool to_stdout = !json;
  const bool color =
      isatty(to_stdout ? STDOUT_FILENO : STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  (to_stdout ? std::cout : std::cerr)
      << report::render_summary_table(r.submission, color) << std::flush;
  std::string where = "tinyperf run: wrote";
  for (const auto& file : r.files) where += " " + file;
  if (r.history_id)
    where += fmt::format("; history run {} in {}", *r.history_id, r.history_location);
  std::cerr << fmt::format("{}; {:.0f} s in all\n", where, r.seconds);
  if (!json) return;
  nlohmann::json doc = r.to_json();
  // A data set the options chose is named by its field ("data"): print the flag instead.
  const std::string_view flag = flag_for_field(r.data_choice);
  if (!flag.empty()) doc["data_choice"] = std::string(flag);
  print_json(doc);
}

int run_main_job(const RunFlags& f) {
  const SigintGuard guard;
  ProgressDisplay display(isatty(STDERR_FILENO) != 0);
  try {
    const workflow::RunResult result = workflow::run(options_of(f), display);
    display.close();
    print_summary(result, f.json);
    return kExitOk;
  } catch (const workflow::Interrupted&) {
    const std::string phase = display.current_phase();
    display.close();
    std::cerr << fmt::format(
        "tinyperf run: interrupted during \"{}\": nothing was written to {} and no history row "
        "was recorded\n",
        phase, f.out);
    return kExitInterrupted;
  }
}

// "tinyperf run" and every option given, in the order of --help (the history's command column).
std::string command_line(const CLI::App& cmd) {
  std::string out = "tinyperf run";
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt->count() == 0) continue;
    out += " " + opt->get_name();
    if (opt->get_expected_max() == 0) continue;  // a flag
    for (const auto& value : opt->results()) out += " " + value;
  }
  return out;
}

// The run, with the command line it records.
int run_parsed(RunFlags& f, const CLI::App& cmd) {
  f.command = command_line(cmd);
  return run_main_job(f);
}

void add_flags(CLI::App& cmd, RunFlags& f) {
  cmd.add_option("--data", f.data,
                 "fashion-mnist, synthetic, an IDX or CSV directory, or a .csv file (default: "
                 "fashion-mnist when installed, else synthetic)");
  cmd.add_option("--model", f.model, "Baseline fp32 model file: skips training");
  cmd.add_flag("--quick", f.quick,
               "Small run for smoke tests (under a minute): fewer epochs and measurements");
  cmd.add_option("--seed", f.seed, "Seed of weights, shuffling, calibration, round orders")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  add_threads_option(cmd, f.threads, "Threads for training and batch inference");
  cmd.add_option("--out", f.out, "Folder for submission.json, report.html, report.md")
      ->capture_default_str();
  cmd.add_option("--db", f.db,
                 "Results history: a SQLite file or postgresql:// URL (default: $TINYPERF_DB, "
                 "else $XDG_DATA_HOME/tinyperf/history.db, else "
                 "~/.local/share/tinyperf/history.db)")
      ->check(non_empty_value());
  cmd.add_flag("--no-history", f.no_history, "Record no history row");
  cmd.add_option("--cache-dir", f.cache_dir,
                 "Cache of trained baselines (default: $TINYPERF_CACHE_DIR, else "
                 "$XDG_CACHE_HOME/tinyperf/models, else ~/.cache/tinyperf/models)");
  cmd.add_flag("--json", f.json, "Print a JSON summary of the run on stdout");
}

}  // namespace

const AddCommand add_run_command = &bound_command<RunFlags, add_flags, run_parsed>;

}  // namespace tinyperf::cli
