// The environment a measurement was taken in, recorded in every output so that two results can be
// judged comparable (or not), and the warnings that make a result's weaknesses visible.
// No host name, user name or address is ever collected.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"

namespace tinyperf::measure {

struct SystemInfo {
  std::string platform;          // "<sysname>-<release>-<machine>", e.g. "Linux-6.1.0-x86_64"
  std::string os;                // PRETTY_NAME of os-release, e.g. "Debian GNU/Linux 12 (bookworm)"
  std::string kernel;            // uname release, e.g. "6.1.0-18-amd64"
  std::string machine;           // uname machine, e.g. "x86_64"
  std::string processor;         // first "model name" of cpuinfo, or "unknown"
  int cpu_count = 0;             // logical CPUs online
  double memory_gb = 0.0;        // MemTotal in GiB (2^30 bytes)
  std::vector<std::string> isa;  // SIMD extensions found in the cpuinfo flags, in a fixed order
  std::string cpu_governor;      // cpu0's cpufreq scaling_governor, or "unknown"
  std::string clocksource;       // the kernel's current clocksource (e.g. "tsc"), or "unknown"
  std::string tool_version;      // tinyperf build_info()
  std::string git_commit;
  std::string build_type;  // CMake build type, e.g. "Release"
  std::string compiler;
  std::string flags;  // notable extra flags (sanitizers); empty when none
  // Library name -> version of every library the measurement used. Filled with fmt, nlohmann_json
  // and boost; callers add theirs (the engine adds oneDNN).
  std::map<std::string, std::string> libraries;
};

// Reads the system description from `env`: /proc/cpuinfo, /proc/meminfo, cpu0's
// /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor, the current clocksource under
// /sys/devices/system/clocksource and /etc/os-release (uname and the online CPU count come from
// the kernel directly). Never throws for a missing or odd file: the field becomes "unknown" (or
// 0), because a measurement must not fail for want of metadata.
SystemInfo collect_system_info(const Env& env = Env::system());

// The SIMD extensions among cpuinfo `flags` (e.g. "sse4_2 avx avx2 fma avx512f avx512_vnni"), in
// the order of tinyperf's list of known extensions, not the flags' order.
std::vector<std::string> isa_extensions(std::string_view cpuinfo_flags);

// Keys: platform, os, kernel, machine, processor, cpu_count, memory_gb, isa, cpu_governor,
// clocksource, tool_version, git_commit, build_type, compiler, flags, libraries.
nlohmann::json to_json(const SystemInfo& info);

// Warnings about the environment, each one line: "debug build" (a build type other than Release,
// RelWithDebInfo or MinSizeRel), "sanitizer build (...): timings are not representative",
// "cpu governor is <g>" for a known governor other than "performance".
std::vector<std::string> environment_warnings(const SystemInfo& info);

}  // namespace tinyperf::measure
