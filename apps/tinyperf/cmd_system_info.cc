// tinyperf system-info: the system_info block every result carries (docs/cli.md "Model tools",
// docs/submission.md), and the warnings about this environment that a run would record, so that
// a machine can be checked before anything is measured on it.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/measure/system_info.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

// A field's value as text: strings as they are, lists joined by spaces, objects as "k v, ...".
std::string value_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  std::string text;
  if (value.is_array()) {
    for (const auto& item : value) text += (text.empty() ? "" : " ") + value_text(item);
    return text;
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      text += fmt::format("{}{} {}", text.empty() ? "" : ", ", key, value_text(item));
    }
    return text;
  }
  return value.dump();
}

// The order of measure::to_json's contract (the machine first, then the build); a key not listed
// there would follow in JSON order.
constexpr const char* kKeyOrder[] = {"platform",     "os",          "kernel",       "machine",
                                     "processor",    "cpu_count",   "memory_gb",    "isa",
                                     "cpu_governor", "clocksource", "tool_version", "git_commit",
                                     "build_type",   "compiler",    "flags",        "libraries"};

std::vector<std::string> ordered_keys(const json& info) {
  std::vector<std::string> keys;
  for (const char* key : kKeyOrder) {
    if (info.contains(key)) keys.emplace_back(key);
  }
  for (const auto& [key, value] : info.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

void print_text(const json& info, const std::vector<std::string>& warnings) {
  const std::vector<std::string> keys = ordered_keys(info);
  std::size_t width = 0;
  for (const auto& key : keys) width = std::max(width, key.size());
  for (const auto& key : keys) {
    std::string text = value_text(info[key]);
    if (key == "memory_gb" && info[key].is_number()) {
      text = fmt::format("{:.2f} (GiB)", info[key].get<double>());
    }
    std::cout << fmt::format("{:<{}}  {}\n", key, width, text.empty() ? "-" : text);
  }
  if (warnings.empty()) std::cout << "warnings: none\n";
  for (const auto& w : warnings) std::cout << "warning: " << w << "\n";
}

struct SystemInfoFlags {
  bool json = false;
};

int run_system_info(const SystemInfoFlags& flags) {
  const measure::SystemInfo info = measure::collect_system_info();
  const json block = measure::to_json(info);
  const std::vector<std::string> warnings = measure::environment_warnings(info);
  if (flags.json) {
    print_json({{"system_info", block}, {"warnings", warnings}});
  } else {
    print_text(block, warnings);
  }
  return kExitOk;
}

void add_flags(CLI::App& cmd, SystemInfoFlags& f) {
  cmd.add_flag("--json", f.json,
               "print {\"system_info\": {...}, \"warnings\": [...]}, the two keys as a "
               "submission holds them");
}

}  // namespace

const AddCommand add_system_info_command =
    &bound_command<SystemInfoFlags, add_flags, run_system_info>;

}  // namespace tinyperf::cli
