// Peak resident memory of one measured phase. Linux keeps a high-water mark of the resident set
// (VmHWM in /proc/self/status); writing "5" to /proc/self/clear_refs (Linux >= 4.0) resets it to
// the current resident size, so the mark read at the end of a phase is that phase's peak. Where the
// reset is refused (older kernel, restricted /proc) the mark is the whole process's peak so far,
// and the result says so (scope "process"): it is never presented as the phase's peak.
#pragma once

#include <cstdint>
#include <optional>
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

// Whether this process has memory on 2 MB pages: the kernel's transparent-huge-page mode (the
// bracketed word of /sys/kernel/mm/transparent_hugepage/enabled) and AnonHugePages of
// /proc/self/smaps_rollup, the anonymous memory (heap: weights, packed weights, activations) the
// kernel backs with 2 MB pages. Recorded with every bench run: under "madvise", memory nobody
// advised stays on 4 kB pages, and where buffers land in pages is one cause of the spread
// between runs (docs/methodology.md, "Verdicts over runs").
struct HugePages {
  std::string thp_mode = "unknown";             // always | madvise | never | unknown
  std::optional<std::int64_t> anon_huge_bytes;  // empty when smaps_rollup cannot be read
};

// Reads both files through `env`; what cannot be read or parsed stays unknown (never throws for
// a missing or odd file: the figure is a record, not a requirement).
HugePages read_huge_pages(const Env& env = Env::system());

// "none (THP madvise)", "6 MiB (THP always)", "unknown (THP unknown)".
std::string to_string(const HugePages& pages);

}  // namespace tinyperf::measure
