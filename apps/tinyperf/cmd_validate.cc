// tinyperf validate FILE...: checks submissions of both formats (docs/submission.md) and lists
// every error with its JSON path. Exit 0 when all are valid, 1 when any is invalid, 2 when any
// cannot be read or parsed (the others are still reported).
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

struct ValidateFlags {
  std::vector<std::string> files;
  bool json = false;
};

struct FileResult {
  std::string file;
  std::optional<submission::ValidationResult> result;  // empty when unreadable
  std::string read_error;                              // why, naming the file
};

FileResult check_file(const std::string& file) {
  try {
    return {file, submission::validate_submission_file(file), {}};
  } catch (const Error& e) {
    return {file, std::nullopt, error_text(e)};
  }
}

json errors_json(const std::vector<submission::ValidationError>& errors) {
  json out = json::array();
  for (const auto& e : errors) out.push_back({{"path", e.path}, {"message", e.message}});
  return out;
}

json file_json(const FileResult& r) {
  if (!r.result) {
    return {{"file", r.file},
            {"valid", false},
            {"readable", false},
            {"format", "unknown"},
            {"errors", json::array({{{"path", "$"}, {"message", r.read_error}}})}};
  }
  return {{"file", r.file},
          {"valid", r.result->valid()},
          {"readable", true},
          {"format", submission::to_string(r.result->format)},
          {"errors", errors_json(r.result->errors)}};
}

void print_text(const FileResult& r) {
  if (!r.result) {
    std::cerr << "tinyperf: error: " << terminal_safe(r.read_error) << "\n";
  } else if (r.result->valid()) {
    std::cout << fmt::format("{}: valid ({})\n", terminal_safe(r.file),
                             submission::to_string(r.result->format));
  } else {
    for (const auto& e : r.result->errors) {
      std::cout << fmt::format("{}: {}: {}\n", terminal_safe(r.file), terminal_safe(e.path),
                               terminal_safe(e.message));
    }
  }
}

int run_validate(const ValidateFlags& flags) {
  std::vector<FileResult> results;
  for (const auto& file : flags.files) results.push_back(check_file(file));
  bool unreadable = false;
  bool invalid = false;
  json out = json::array();
  for (const auto& r : results) {
    unreadable = unreadable || !r.result;
    invalid = invalid || (r.result && !r.result->valid());
    if (flags.json) {
      out.push_back(file_json(r));
    } else {
      print_text(r);
    }
  }
  if (flags.json) print_json(out);
  if (unreadable) return kExitBadInput;
  return invalid ? kExitFinding : kExitOk;
}

void add_flags(CLI::App& cmd, ValidateFlags& f) {
  cmd.add_option("files", f.files, "Submission files (JSON)")->required();
  cmd.add_flag("--json", f.json,
               "Print a JSON list of {file, valid, readable, format, errors: [{path, message}]}");
}

}  // namespace

const AddCommand add_validate_command = &bound_command<ValidateFlags, add_flags, run_validate>;

}  // namespace tinyperf::cli
