#include "tinyperf/measure/system_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <boost/version.hpp>
#include <cmath>
#include <optional>
#include <set>

#include "tinyperf/core/error.h"
#include "tinyperf/core/version.h"
#include "tinyperf/measure/memory.h"

namespace tinyperf::measure {
namespace {

constexpr std::size_t kMaxProcFileBytes = 8 << 20;  // cpuinfo of a large machine is ~1 MB
constexpr const char* kUnknown = "unknown";

// SIMD extensions worth recording, as cpuinfo spells them (x86 "flags", Arm "Features").
constexpr std::array<std::string_view, 24> kKnownIsa = {
    "sse2",     "sse3",     "ssse3",       "sse4_1",      "sse4_2",      "avx",
    "avx2",     "fma",      "f16c",        "avx512f",     "avx512dq",    "avx512cd",
    "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni",
    "amx_tile", "amx_int8", "amx_bf16",    "asimd",       "sve",         "sve2"};

// The file's text, or nothing when it cannot be read (metadata is best effort).
std::optional<std::string> try_read(const Env& env, const std::string& path) {
  try {
    return env.read_file(path, kMaxProcFileBytes);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n\"");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n\"");
  return s.substr(first, last - first + 1);
}

// The value after the first line "key<spaces>: value" (cpuinfo) or "key=value" (os-release).
std::optional<std::string> field(std::string_view text, std::string_view key, char separator) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    const std::size_t sep = line.find(separator);
    if (sep != std::string_view::npos && trim(line.substr(0, sep)) == key) {
      return std::string(trim(line.substr(sep + 1)));
    }
    pos = eol + 1;
  }
  return std::nullopt;
}

std::string first_line_of(const Env& env, const std::string& path) {
  const auto text = try_read(env, path);
  if (!text) return kUnknown;
  const std::string_view line = trim(std::string_view(*text).substr(0, text->find('\n')));
  return line.empty() ? kUnknown : std::string(line);
}

void read_uname(SystemInfo& info) {
  utsname u{};
  if (::uname(&u) != 0) {
    info.platform = info.kernel = info.machine = kUnknown;
    return;
  }
  info.kernel = u.release;
  info.machine = u.machine;
  info.platform = fmt::format("{}-{}-{}", u.sysname, u.release, u.machine);
}

void read_cpuinfo(SystemInfo& info, const Env& env) {
  const auto text = try_read(env, "/proc/cpuinfo");
  info.processor = text ? field(*text, "model name", ':').value_or(kUnknown) : kUnknown;
  std::optional<std::string> flags;
  if (text) flags = field(*text, "flags", ':');
  if (text && !flags) flags = field(*text, "Features", ':');
  if (flags) info.isa = isa_extensions(*flags);
}

double read_memory_gb(const Env& env) {
  const std::string path = "/proc/meminfo";
  const auto text = try_read(env, path);
  if (!text) return 0.0;
  try {
    return static_cast<double>(status_bytes(*text, "MemTotal", env.file_path(path))) /
           double(1 << 30);
  } catch (const InputError&) {
    return 0.0;
  }
}

std::string library_versions_fmt() {
  return fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
}

void add_libraries(SystemInfo& info) {
  info.libraries["fmt"] = library_versions_fmt();
  info.libraries["nlohmann_json"] =
      fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                  NLOHMANN_JSON_VERSION_PATCH);
  info.libraries["boost"] = fmt::format("{}.{}.{}", BOOST_VERSION / 100000,
                                        BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100);
}

void add_build(SystemInfo& info) {
  const BuildInfo& b = build_info();
  info.tool_version = b.version;
  info.git_commit = b.git_commit;
  info.build_type = b.build_type;
  info.compiler = b.compiler;
  info.flags = b.flags;
}

}  // namespace

std::vector<std::string> isa_extensions(std::string_view flags) {
  std::set<std::string_view> present;
  std::size_t pos = 0;
  while (pos < flags.size()) {
    const std::size_t start = flags.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(flags.find_first_of(" \t", start), flags.size());
    present.insert(flags.substr(start, end - start));
    pos = end;
  }
  std::vector<std::string> isa;
  for (const auto ext : kKnownIsa) {
    if (present.count(ext) != 0) isa.emplace_back(ext);
  }
  return isa;
}

SystemInfo collect_system_info(const Env& env) {
  SystemInfo info;
  read_uname(info);
  const auto os_release = try_read(env, "/etc/os-release");
  info.os = os_release ? field(*os_release, "PRETTY_NAME", '=').value_or(kUnknown) : kUnknown;
  read_cpuinfo(info, env);
  info.cpu_count = static_cast<int>(std::max(0L, ::sysconf(_SC_NPROCESSORS_ONLN)));
  info.memory_gb = read_memory_gb(env);
  info.cpu_governor = first_line_of(env, "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  info.clocksource =
      first_line_of(env, "/sys/devices/system/clocksource/clocksource0/current_clocksource");
  add_build(info);
  add_libraries(info);
  return info;
}

nlohmann::json to_json(const SystemInfo& i) {
  return {{"platform", i.platform},
          {"os", i.os},
          {"kernel", i.kernel},
          {"machine", i.machine},
          {"processor", i.processor},
          {"cpu_count", i.cpu_count},
          {"memory_gb", i.memory_gb},
          {"isa", i.isa},
          {"cpu_governor", i.cpu_governor},
          {"clocksource", i.clocksource},
          {"tool_version", i.tool_version},
          {"git_commit", i.git_commit},
          {"build_type", i.build_type},
          {"compiler", i.compiler},
          {"flags", i.flags},
          {"libraries", i.libraries}};
}

std::vector<std::string> environment_warnings(const SystemInfo& info) {
  static const std::set<std::string> kOptimized = {"Release", "RelWithDebInfo", "MinSizeRel"};
  std::vector<std::string> out;
  if (kOptimized.count(info.build_type) == 0) {
    out.push_back(fmt::format("debug build (build type '{}'): timings are not representative",
                              info.build_type));
  }
  if (info.flags.find("sanitize") != std::string::npos) {
    out.push_back(fmt::format("sanitizer build ({}): timings are not representative", info.flags));
  }
  if (info.cpu_governor != kUnknown && info.cpu_governor != "performance") {
    out.push_back(fmt::format("cpu governor is {}", info.cpu_governor));
  }
  return out;
}

}  // namespace tinyperf::measure
