// Peak resident memory of one measured phase. Linux keeps a high-water mark of the resident set
// (VmHWM in /proc/self/status); writing "5" to /proc/self/clear_refs (Linux >= 4.0) resets it to
// the current resident size, so the mark read at the end of a phase is that phase's peak. Where the
// reset is refused (older kernel, restricted /proc) the mark is the whole process's peak so far,
// and the result says so (scope "process"): it is never presented as the phase's peak.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tinyperf/core/env.h"

namespace tinyperf::measure {

enum class MemoryScope {
  kPhase,    // the high-water mark was reset at the start of the phase
  kProcess,  // the reset failed: the peak covers the whole process lifetime
};

// "phase" or "process".
const char* to_string(MemoryScope scope);

struct PeakMemory {
  std::int64_t peak_rss_bytes = 0;   // VmHWM at the end of the phase
  std::int64_t start_rss_bytes = 0;  // VmRSS right after the reset (what the phase started from)
  std::int64_t end_rss_bytes = 0;    // VmRSS at the end of the phase
  MemoryScope scope = MemoryScope::kProcess;
};

// Reads the value of `key` (e.g. "VmHWM") from the text of a /proc/<pid>/status file, converted
// from kB to bytes. Throws InputError when the key is missing or its value is not "<n> kB";
// `source` names the file in the message.
std::int64_t status_bytes(std::string_view status_text, std::string_view key,
                          const std::string& source);

class PeakMemoryProbe {
 public:
  // Reads /proc/self of `env` (which must outlive the probe): the measured process is this one;
  // tests pass a RootedEnv over a fake tree.
  explicit PeakMemoryProbe(const Env& env = Env::system());

  // Starts a phase: writes "5" to /proc/self/clear_refs (never creating the file) and checks that
  // the reset took effect (VmHWM within 1 MiB of VmRSS afterwards). Returns the scope the phase's
  // peak will have. Throws IoError when /proc/self/status cannot be read.
  MemoryScope begin_phase();

  // Ends the phase begun last (or, without one, reports the process peak). Throws IoError when the
  // status file cannot be read.
  PeakMemory end_phase() const;

 private:
  const Env* env_;
  MemoryScope scope_ = MemoryScope::kProcess;
  std::int64_t start_rss_ = 0;
};

}  // namespace tinyperf::measure
