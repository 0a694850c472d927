// tinyperf: the command-line tool. Thin by design: it parses flags, calls the library, and maps
// errors to the exit codes of docs/cli.md. Every subcommand lives in cmd_<name>.cc.
#include <cstdio>
#include <exception>
#include <iostream>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/core/version.h"

namespace tinyperf::cli {

void print_json(const nlohmann::json& doc) {
  // A file name need not be UTF-8: replace what is not rather than fail.
  std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
            << std::flush;
}

namespace {

std::string version_text() {
  const BuildInfo& info = build_info();
  return fmt::format("tinyperf {} (commit {}, {} build, {})", info.version, info.git_commit,
                     info.build_type, info.compiler);
}

// CLI11's default failure message spans two lines; docs/cli.md wants one line naming the flag.
std::string one_line_failure(const CLI::App* app, const CLI::Error& e) {
  return fmt::format("tinyperf: error: {} (try '{} --help')\n", e.what(),
                     app->get_parent() ? "tinyperf " + app->get_name() : "tinyperf");
}

// Every subcommand, in the order --help lists them.
const Command kCommands[] = {
    {"train", "Train an MLP classifier and save it as a model file", kExitCodesFooter,
     add_train_command},
    {"inspect", "Show a model file's layers, parameters, bytes, precision and sparsity",
     kExitCodesFooter, add_inspect_command},
    {"evaluate", "Accuracy of a model file on the test split of a data set", kExitCodesFooter,
     add_evaluate_command},
    {"analyze",
     "Descriptive statistics of one sample file: text (one number per line), CSV with a header, a "
     "tinyperf submission, Google Benchmark JSON or hyperfine JSON.",
     kExitCodesFooter, add_analyze_command},
    {"compare",
     "Is the candidate faster, slower, or the same as the baseline? Exit 1 when the verdict "
     "matches --fail-on (a CI regression gate).",
     "Exit codes: 0 the gate passed, 1 the verdict matches --fail-on, 2 bad usage or input "
     "(one line on stderr; also: no stored run to compare with), 3 internal error.\n",
     add_compare_command},
    {"validate",
     "Validate submissions (tinyperf v1 and TinyTorch capstone formats): every rule of "
     "docs/submission.md, each error with its JSON path. Exit 0 all valid, 1 any invalid, "
     "2 any unreadable or not JSON (files up to 64 MiB).",
     "", add_validate_command},
    {"leaderboard",
     "Rank valid submissions per event (latency_sprint, memory_challenge, accuracy_contest, "
     "extreme_push, all_around), per processor by default. Invalid or unreadable files are "
     "listed as skipped, never ranked. Exit 0, or 1 when no submission was valid.",
     "", add_leaderboard_command},
    {"loadgen",
     "MLPerf-style scenario run (SingleStream, MultiStream, Server, Offline) of a "
     "model file; exit 1 when the run is INVALID",
     "", add_loadgen_command},
    {"quantize", "Post-training INT8 quantization with calibrated activation scales",
     kExitCodesFooter, add_quantize_command},
    {"prune", "Magnitude (sparse) or structured (smaller dense) pruning", kExitCodesFooter,
     add_prune_command},
    {"history",
     "List past runs from the results store, newest first: id, time, git commit, "
     "model, scenario and key metrics (one line per model measured).",
     "Exit codes: 0 success, 2 bad usage, an unreadable or invalid file, or a store "
     "that cannot be opened (one line on stderr), 3 internal error.\n",
     add_history_command},
    {"report",
     "Render a submission as a self-contained HTML report with plots, Markdown, or the terminal "
     "summary table. Statistics are recomputed from the file's raw samples. The file is "
     "validated first: an invalid one exits 2.",
     "", add_report_command},
    {"run",
     "The main job: train or reuse the baseline, derive INT8 and pruned variants, measure "
     "them all, compare, and write submission.json, report.html, report.md and a history row",
     "Exit codes: 0 success, 2 bad usage or input (one line on stderr), 3 internal error,\n"
     "130 interrupted (Ctrl-C; nothing written to --out, no history row).\n",
     add_run_command},
    {"bench",
     "Benchmark your own model files against the first: each measured in separate processes "
     "and compared over runs; writes bench.json, report.html and report.md",
     "Exit codes: 0 success, 1 a verdict matches --fail-on, 2 bad usage or input (one line on "
     "stderr), 3 internal error,\n130 interrupted (Ctrl-C; nothing written to --out).\n",
     add_bench_command},
    {"system-info",
     "Print the system_info block every result records (processor, OS, ISA, governor, build, "
     "libraries) and the warnings a run on this machine would carry.",
     "Exit codes: 0 success, 2 bad usage (one line on stderr), 3 internal error.\n",
     add_system_info_command},
    {"worker", "One measured run of one model (started by bench and run; job as JSON on stdin)",
     kExitCodesFooter, add_worker_command, true},
};

int run(int argc, char** argv) {
  CLI::App app{
      "tinyperf: benchmark ML inference with statistical rigor.\n"
      "Every command has --help; every command that prints results has --json.",
      "tinyperf"};
  app.set_version_flag("--version", version_text());
  app.failure_message(one_line_failure);
  app.require_subcommand(0, 1);
  Action action;
  for (const Command& c : kCommands) {
    CLI::App* command = app.add_subcommand(c.name, c.description);
    c.add(*command, action);
    if (*c.footer != '\0') command->footer(c.footer);
    if (c.hidden) command->group("");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  if (!action) {
    std::cerr << app.help();
    return kExitBadInput;
  }
  return action();
}

}  // namespace
}  // namespace tinyperf::cli

int main(int argc, char** argv) {
  try {
    return tinyperf::cli::run(argc, argv);
  } catch (const tinyperf::Error& e) {
    std::fprintf(stderr, "tinyperf: error: %s\n",
                 tinyperf::terminal_safe(tinyperf::cli::error_text(e)).c_str());
    return tinyperf::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinyperf: internal error: %s\n",
                 tinyperf::terminal_safe(e.what()).c_str());
    return tinyperf::cli::kExitInternal;
  }
}
