#include "tinyperf/measure/energy.h"

#include <time.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <thread>

#include "tinyperf/core/check.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

constexpr std::size_t kMaxCounterFileBytes = 4096;
constexpr std::string_view kPowercapDir = "/sys/class/powercap";

// Reads a sysfs file holding one unsigned integer. Throws IoError (unreadable) or InputError.
std::uint64_t read_counter(const Env& env, const std::string& path) {
  const std::string text = env.read_file(path, kMaxCounterFileBytes);
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  const bool rest_is_space = std::all_of(ptr, end, [](char c) { return c == '\n' || c == ' '; });
  if (ec != std::errc() || !rest_is_space) {
    throw InputError(fmt::format("{}: not an unsigned integer", env.file_path(path)));
  }
  return value;
}

std::string read_name(const Env& env, const std::string& dir) {
  std::string name = env.read_file(dir + "/name", kMaxCounterFileBytes);
  while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
  return name;
}

// "intel-rapl:0" has depth 1, "intel-rapl:0:2" depth 2; anything else 0.
int rapl_depth(const std::string& entry) {
  constexpr std::string_view kPrefix = "intel-rapl:";
  if (entry.rfind(kPrefix, 0) != 0) return 0;
  return static_cast<int>(std::count(entry.begin(), entry.end(), ':'));
}

bool wanted(int depth, const std::string& name) {
  return (depth == 1 && name.rfind("package", 0) == 0) || (depth == 2 && name == "dram");
}

// The domain `entry` of the powercap directory, or nothing when it is not one we count. Throws
// when a file is unreadable.
std::optional<RaplDomain> probe_domain(const Env& env, const std::string& entry) {
  const int depth = rapl_depth(entry);
  if (depth == 0) return std::nullopt;
  const std::string dir = std::string(kPowercapDir) + "/" + entry;
  RaplDomain d{read_name(env, dir), dir, 0};
  if (!wanted(depth, d.name)) return std::nullopt;
  d.max_range_uj = read_counter(env, d.path + "/max_energy_range_uj");
  read_counter(env, d.path + "/energy_uj");  // must be readable now (root-only on recent kernels)
  return d;
}

std::vector<RaplDomain> scan(const Env& env, const std::vector<std::string>& entries) {
  std::vector<RaplDomain> domains;
  for (const auto& entry : entries) {
    if (auto d = probe_domain(env, entry)) domains.push_back(std::move(*d));
  }
  return domains;
}

void sleep_seconds(double seconds) {
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

double ns_to_s(std::int64_t ns) { return static_cast<double>(ns) * 1e-9; }

std::vector<std::string> domain_names(const std::vector<RaplDomain>& domains) {
  std::vector<std::string> names;
  for (const auto& d : domains) names.push_back(d.name);
  return names;
}

}  // namespace

RaplCounters::RaplCounters(const Env& env) : env_(&env) {
  try {
    const auto entries = env.list_dir(kPowercapDir);
    if (!entries) {
      reason_ = fmt::format("no powercap directory {}", env.file_path(kPowercapDir));
      return;
    }
    domains_ = scan(env, *entries);
  } catch (const std::exception& e) {  // unreadable counter or odd sysfs: report, do not guess
    domains_.clear();
    reason_ = e.what();
    return;
  }
  if (domains_.empty()) {
    reason_ = fmt::format("no RAPL package domain under {}", env.file_path(kPowercapDir));
  }
}

std::vector<std::uint64_t> RaplCounters::read_uj() const {
  std::vector<std::uint64_t> values;
  values.reserve(domains_.size());
  for (const auto& d : domains_) values.push_back(read_counter(*env_, d.path + "/energy_uj"));
  return values;
}

double RaplCounters::joules_between(const std::vector<std::uint64_t>& start,
                                    const std::vector<std::uint64_t>& end) const {
  TP_CHECK(start.size() == domains_.size() && end.size() == domains_.size());
  double uj = 0.0;
  for (std::size_t i = 0; i < domains_.size(); ++i) {
    const std::uint64_t delta =
        end[i] >= start[i] ? end[i] - start[i] : domains_[i].max_range_uj - start[i] + end[i];
    uj += static_cast<double>(delta);
  }
  return uj * 1e-6;
}

EnergyMeter::EnergyMeter(EnergySettings settings, const Env& env)
    : settings_(std::move(settings)), counters_(env), clock_(&steady_), idle_(sleep_seconds) {}

EnergyMeter::EnergyMeter(EnergySettings settings, Clock& clock, IdleFunction idle, const Env& env)
    : settings_(std::move(settings)), counters_(env), clock_(&clock), idle_(std::move(idle)) {}

const char* EnergyMeter::method() const { return counters_.available() ? "rapl" : "estimate"; }

EnergyResult EnergyMeter::measure(const Work& work) {
  EnergyResult r = counters_.available() ? measure_rapl(work) : estimate(work);
  if (r.inferences == 0) throw InputError("energy measurement: the work ran no inference");
  r.joules_per_inference = r.joules / static_cast<double>(r.inferences);
  return r;
}

EnergyResult EnergyMeter::measure_rapl(const Work& work) {
  EnergyResult r;
  r.method = "rapl";
  r.domains = domain_names(counters_.domains());
  const auto e0 = counters_.read_uj();
  const double c0 = process_cpu_seconds();
  const std::int64_t t0 = clock_->now_ns();
  r.inferences = work();
  const std::int64_t t1 = clock_->now_ns();
  r.cpu_s = process_cpu_seconds() - c0;
  const auto e1 = counters_.read_uj();
  r.window_s = ns_to_s(t1 - t0);
  const double gross = counters_.joules_between(e0, e1);

  const auto i0 = counters_.read_uj();
  const std::int64_t t2 = clock_->now_ns();
  idle_(std::min(r.window_s, settings_.idle_baseline_max_s));
  const std::int64_t t3 = clock_->now_ns();
  const auto i1 = counters_.read_uj();
  r.idle_window_s = ns_to_s(t3 - t2);
  r.idle_watts = r.idle_window_s > 0 ? counters_.joules_between(i0, i1) / r.idle_window_s : 0.0;
  r.joules = std::max(0.0, gross - r.idle_watts * r.window_s);
  r.note = fmt::format(
      "measured: RAPL counters [{}] over a {:.3f} s window ({:.4f} J), minus an idle baseline of "
      "{:.3f} W measured over the {:.3f} s right after",
      fmt::join(r.domains, ", "), r.window_s, gross, r.idle_watts, r.idle_window_s);
  if (gross < r.idle_watts * r.window_s) r.note += "; below the idle baseline, reported as 0";
  return r;
}

EnergyResult EnergyMeter::estimate(const Work& work) {
  EnergyResult r;
  r.method = "estimate";
  const double c0 = process_cpu_seconds();
  const std::int64_t t0 = clock_->now_ns();
  r.inferences = work();
  const std::int64_t t1 = clock_->now_ns();
  r.cpu_s = process_cpu_seconds() - c0;
  r.window_s = ns_to_s(t1 - t0);
  r.joules = r.cpu_s * settings_.assumed_watts_per_core;
  r.note = fmt::format(
      "estimate, not a measurement: {:.4f} s of process CPU time x {} W per busy core (an "
      "assumption); no readable RAPL counters ({})",
      r.cpu_s, settings_.assumed_watts_per_core, counters_.unavailable_reason());
  return r;
}

EnergyMeter::Work repeat_for(std::function<void()> fn, std::size_t inferences_per_call,
                             double min_seconds) {
  return [fn = std::move(fn), inferences_per_call, min_seconds] {
    SteadyClock wall;
    const std::int64_t t0 = wall.now_ns();
    std::size_t done = 0;
    do {
      fn();
      done += inferences_per_call;
    } while (ns_to_s(wall.now_ns() - t0) < min_seconds);
    return done;
  };
}

double process_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace tinyperf::measure
