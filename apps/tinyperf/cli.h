// Shared plumbing of the tinyperf subcommands: exit codes (spec/cli.md) and output helpers.
// Each subcommand lives in its own cmd_<name>.cc and registers itself through an add_* function.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tinyperf/core/error.h"

namespace tinyperf::cli {

// Exit codes, for every command (spec/cli.md).
inline constexpr int kExitOk = 0;       // success
inline constexpr int kExitFinding = 1;  // worked, and the finding is negative (regression, invalid)
inline constexpr int kExitBadInput = 2;  // bad usage or bad input
inline constexpr int kExitInternal = 3;  // a bug

// What a parsed subcommand runs; returns the exit code.
using Action = std::function<int()>;

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

// Each add_<name>_command registers its subcommand on `app` (defined in cmd_<name>.cc); when the
// subcommand is parsed it stores what to run in `action`.
void add_train_command(CLI::App& app, Action& action);
void add_inspect_command(CLI::App& app, Action& action);
void add_evaluate_command(CLI::App& app, Action& action);
void add_analyze_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_validate_command(CLI::App& app, Action& action);
void add_leaderboard_command(CLI::App& app, Action& action);
void add_loadgen_command(CLI::App& app, Action& action);
void add_quantize_command(CLI::App& app, Action& action);
void add_prune_command(CLI::App& app, Action& action);
void add_history_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_run_command(CLI::App& app, Action& action);
void add_system_info_command(CLI::App& app, Action& action);

}  // namespace tinyperf::cli
