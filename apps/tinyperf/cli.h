// Shared plumbing of the tinyperf subcommands: exit codes (docs/cli.md) and output helpers.
// Each subcommand lives in its own cmd_<name>.cc and registers itself through an add_* function.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tinyperf/core/error.h"

namespace tinyperf::cli {

// Exit codes, for every command (docs/cli.md).
inline constexpr int kExitOk = 0;       // success
inline constexpr int kExitFinding = 1;  // worked, and the finding is negative (regression, invalid)
inline constexpr int kExitBadInput = 2;  // bad usage or bad input
inline constexpr int kExitInternal = 3;  // a bug

// What a parsed subcommand runs; returns the exit code.
using Action = std::function<int()>;

// The footer of a command whose only failures are bad usage or input.
inline constexpr const char* kExitCodesFooter =
    "Exit codes: 0 success, 2 bad usage or input (one line on stderr), 3 internal error.\n";

// One subcommand, as main.cc registers it: its name, the description and footer ("" for none)
// its --help shows, and `add`, which adds its options to the App made for it (`command`) and,
// when it is parsed, stores what to run in `action`. main.cc sets the footer after `add` has run:
// a subcommand (`history add`) inherits its parent's footer when created.
using AddCommand = void (*)(CLI::App& command, Action& action);
struct Command {
  const char* name;
  const char* description;
  const char* footer;
  AddCommand add;
  bool hidden = false;  // left out of --help (the worker, which other commands start)
};

// Gives subcommand `command` a Flags, default-constructed and owned by its callbacks (so that it
// outlives the parse), and calls add_flags(command, flags) to add the options that fill it. When
// the subcommand is parsed, `action` becomes a call of run(flags) or, when `run` takes it,
// run(flags, the subcommand's App) (for what depends on the options given, such as
// CLI::App::count); it returns the exit code.
template <typename Flags, void (*add_flags)(CLI::App&, Flags&), auto run>
void bound_command(CLI::App& command, Action& action) {
  auto flags = std::make_shared<Flags>();
  add_flags(command, *flags);
  CLI::App* cmd = &command;
  cmd->callback([flags, cmd, &action] {
    action = [flags, cmd] {
      if constexpr (std::is_invocable_v<decltype(run), Flags&, const CLI::App&>) {
        return run(*flags, *cmd);
      } else {
        return run(*flags);
      }
    };
  });
}

// A value, or JSON null when there is none.
template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

// Prints one JSON document on stdout (the only thing --json puts there); bytes that are not UTF-8
// (a file name) become U+FFFD.
void print_json(const nlohmann::json& doc);

// Library settings fields and the flags that set them (flag_names.cc). The library names a
// setting by its field ("max_duration_s"); what the CLI prints names it by its flag.
//
// The flag that sets the settings field `field` ("max_duration_s" -> "--max-duration"); empty
// for a field no flag sets.
std::string_view flag_for_field(std::string_view field);
// `text` with fields replaced by their flags where they stand as whole words: `field` (the one an
// error is about), and every field whose name holds an underscore (such names are not words of
// prose). Other text is left as it is.
std::string with_flag_names(std::string_view text, std::string_view field = {});
// What the CLI prints for a library error: with_flag_names(e.what(), e.field()).
std::string error_text(const Error& e);

// A CLI11 check that refuses an empty value, for flags where "" would otherwise silently mean
// their default (`--db ""` the default history).
inline CLI::Validator non_empty_value() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? std::string("must not be empty (leave the flag out for its default)")
                            : std::string();
      },
      "NONEMPTY");
}

// The tinyperf v1 submission in `file` (validated), as the results store reads it. Throws
// InputError "FILE: a FORMAT submission; WHY" for the other format, `why` saying what needs v1.
nlohmann::json load_v1_submission(const std::string& file, std::string_view why);

// Each add_<name>_command is the `add` of subcommand <name> (defined in cmd_<name>.cc): it adds
// the options to `app`, the subcommand's App, and when it is parsed stores what to run in
// `action`.
extern const AddCommand add_train_command;
extern const AddCommand add_inspect_command;
extern const AddCommand add_evaluate_command;
extern const AddCommand add_analyze_command;
extern const AddCommand add_compare_command;
extern const AddCommand add_validate_command;
extern const AddCommand add_leaderboard_command;
extern const AddCommand add_loadgen_command;
extern const AddCommand add_quantize_command;
extern const AddCommand add_prune_command;
extern const AddCommand add_history_command;
extern const AddCommand add_report_command;
extern const AddCommand add_run_command;
extern const AddCommand add_system_info_command;
extern const AddCommand add_bench_command;
extern const AddCommand add_worker_command;

// How to start a worker process of this program: {path of this executable, "worker"}
// (cmd_worker.cc). Throws IoError when /proc/self/exe cannot be read.
std::vector<std::string> worker_command();

}  // namespace tinyperf::cli
