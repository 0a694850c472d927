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

int run(int argc, char** argv) {
  CLI::App app{
      "tinyperf: benchmark ML inference with statistical rigor.\n"
      "Every command has --help; every command that prints results has --json.",
      "tinyperf"};
  app.set_version_flag("--version", version_text());
  app.failure_message(one_line_failure);
  app.require_subcommand(0, 1);
  Action action;
  add_train_command(app, action);
  add_inspect_command(app, action);
  add_evaluate_command(app, action);
  add_analyze_command(app, action);
  add_compare_command(app, action);
  add_validate_command(app, action);
  add_leaderboard_command(app, action);
  add_loadgen_command(app, action);
  add_quantize_command(app, action);
  add_prune_command(app, action);
  add_history_command(app, action);
  add_report_command(app, action);
  add_run_command(app, action);
  add_system_info_command(app, action);
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
