#include "tinyperf/measure/memory.h"

#include <fmt/format.h>
#include <charconv>

#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

// A reset counts as effective when the mark is this close to the resident size right after it.
constexpr std::int64_t kResetSlackBytes = std::int64_t{1} << 20;
// /proc/self/status is a few kB; anything larger is not a status file.
constexpr std::size_t kMaxStatusBytes = 1 << 20;

constexpr const char* kStatus = "/proc/self/status";
constexpr const char* kClearRefs = "/proc/self/clear_refs";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::int64_t parse_kib(std::string_view value, std::string_view key, const std::string& source) {
  value = trim(value);
  std::int64_t kib = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), kib);
  const std::string_view unit = trim(std::string_view(end, value.data() + value.size() - end));
  if (ec != std::errc() || kib < 0 || unit != "kB" || kib > (std::int64_t{1} << 50)) {
    throw InputError(fmt::format("{}: {} is not '<number> kB': '{}'", source, key, value));
  }
  return kib * 1024;
}

}  // namespace

const char* to_string(MemoryScope scope) {
  return scope == MemoryScope::kPhase ? "phase" : "process";
}

std::int64_t status_bytes(std::string_view text, std::string_view key, const std::string& source) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == ':') {
      return parse_kib(line.substr(key.size() + 1), key, source);
    }
    pos = eol + 1;
  }
  throw InputError(fmt::format("{}: no {} line", source, key));
}

PeakMemoryProbe::PeakMemoryProbe(const Env& env) : env_(&env) {}

MemoryScope PeakMemoryProbe::begin_phase() {
  // Writes "5" to the existing clear_refs file; false when it is absent or the kernel refuses.
  const bool written = env_->write_existing_file(kClearRefs, "5");
  const std::string source = env_->file_path(kStatus);
  const std::string status = env_->read_file(kStatus, kMaxStatusBytes);
  const std::int64_t hwm = status_bytes(status, "VmHWM", source);
  start_rss_ = status_bytes(status, "VmRSS", source);
  scope_ =
      written && hwm <= start_rss_ + kResetSlackBytes ? MemoryScope::kPhase : MemoryScope::kProcess;
  return scope_;
}

PeakMemory PeakMemoryProbe::end_phase() const {
  const std::string source = env_->file_path(kStatus);
  const std::string status = env_->read_file(kStatus, kMaxStatusBytes);
  PeakMemory out;
  out.peak_rss_bytes = status_bytes(status, "VmHWM", source);
  out.end_rss_bytes = status_bytes(status, "VmRSS", source);
  out.start_rss_bytes = start_rss_;
  out.scope = scope_;
  return out;
}

HugePages read_huge_pages(const Env& env) {
  HugePages out;
  try {
    const std::string mode = env.read_file("/sys/kernel/mm/transparent_hugepage/enabled", 4096);
    const std::size_t open = mode.find('[');
    const std::size_t close = mode.find(']', open);
    if (open != std::string::npos && close != std::string::npos) {
      const std::string word = mode.substr(open + 1, close - open - 1);
      if (word == "always" || word == "madvise" || word == "never") out.thp_mode = word;
    }
  } catch (const Error&) {
    // not a Linux with THP, or not readable: unknown
  }
  try {
    const std::string rollup = env.read_file("/proc/self/smaps_rollup", kMaxStatusBytes);
    out.anon_huge_bytes = status_bytes(rollup, "AnonHugePages", "/proc/self/smaps_rollup");
  } catch (const Error&) {
    // kernel < 4.14 or a restricted /proc: unknown
  }
  return out;
}

std::string to_string(const HugePages& pages) {
  std::string amount = "unknown";
  if (pages.anon_huge_bytes) {
    amount = *pages.anon_huge_bytes == 0
                 ? std::string("none")
                 : fmt::format("{} MiB", *pages.anon_huge_bytes / (std::int64_t{1} << 20));
  }
  return fmt::format("{} (THP {})", amount, pages.thp_mode);
}

}  // namespace tinyperf::measure
