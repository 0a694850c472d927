#include "tinyperf/loadgen/settings.h"

#include <cmath>
#include <string>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::loadgen {
namespace {

struct ScenarioNames {
  Scenario scenario;
  std::string_view loadgen;
  std::string_view flag;
};

constexpr ScenarioNames kNames[] = {
    {Scenario::kSingleStream, "SingleStream", "single-stream"},
    {Scenario::kMultiStream, "MultiStream", "multi-stream"},
    {Scenario::kServer, "Server", "server"},
    {Scenario::kOffline, "Offline", "offline"},
};

// InputError "loadgen setting <field> <why>", carrying the field.
[[noreturn]] void reject(std::string_view field, const std::string& why) {
  throw InputError(fmt::format("loadgen setting {} {}", field, why), std::string(field));
}

void require_finite_non_negative(double value, std::string_view field) {
  if (!std::isfinite(value) || value < 0) {
    reject(field, fmt::format("must be a finite number >= 0, got {}", value));
  }
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

void validate_rates(const LoadgenSettings& s) {
  if (!std::isfinite(s.target_qps) || s.target_qps < 0 ||
      (s.scenario == Scenario::kServer && s.target_qps == 0)) {
    reject("target_qps", fmt::format("must be > 0, got {}", s.target_qps));
  }
  if (s.scenario == Scenario::kServer &&
      s.target_qps * s.min_duration_s > static_cast<double>(kMaxTraceSamples)) {
    reject("target_qps",
           fmt::format("× min_duration_s ({} × {} s) asks for more than {} queries in one run",
                       s.target_qps, s.min_duration_s, kMaxTraceSamples));
  }
  if (s.target_latency_ns < kMinLatencyBoundNs) {
    reject("target_latency_ns",
           fmt::format("is {} ns, below the {} ns the clock can meaningfully resolve "
                       "(steady_clock steps ~10 ns and costs ~24 ns a read)",
                       s.target_latency_ns, kMinLatencyBoundNs));
  }
  if (s.expected_latency_ns < 0) {
    reject("expected_latency_ns",
           fmt::format("must be 0 (measure) or > 0, got {}", s.expected_latency_ns));
  }
  if (!(s.target_latency_percentile > 0 && s.target_latency_percentile < 1)) {
    reject("target_latency_percentile",
           fmt::format("must be a fraction in (0, 1), got {}", s.target_latency_percentile));
  }
}

void validate_lengths(const LoadgenSettings& s) {
  require_finite_non_negative(s.min_duration_s, "min_duration_s");
  require_finite_non_negative(s.max_duration_s, "max_duration_s");
  if (s.max_duration_s > 0 && s.max_duration_s < s.min_duration_s) {
    reject("max_duration_s",
           fmt::format("({} s) is below min_duration_s ({} s): the run could never be VALID",
                       s.max_duration_s, s.min_duration_s));
  }
  if (s.min_query_count == 0) reject("min_query_count", "must be >= 1, got 0");
  if (s.max_query_count != 0 && s.max_query_count < s.min_query_count) {
    reject("max_query_count",
           fmt::format("({}) is below min_query_count ({}): the run could never be VALID",
                       s.max_query_count, s.min_query_count));
  }
  if (s.server_spin_window_ns < 0) {
    reject("server_spin_window_ns", "must be >= 0");
  }
}

void validate_samples_per_query(const LoadgenSettings& s) {
  const bool single = s.scenario == Scenario::kSingleStream || s.scenario == Scenario::kServer;
  if (single && s.samples_per_query != 1) {
    reject("samples_per_query",
           fmt::format("must be 1 in {}, got {}", scenario_name(s.scenario), s.samples_per_query));
  }
  if (s.scenario == Scenario::kMultiStream && s.samples_per_query == 0) {
    reject("samples_per_query", "must be >= 1, got 0");
  }
  if (s.samples_per_query > kMaxTraceSamples) {
    reject("samples_per_query", fmt::format("({}) exceeds the {} samples one run can hold",
                                            s.samples_per_query, kMaxTraceSamples));
  }
}

}  // namespace

std::string_view scenario_name(Scenario scenario) {
  for (const auto& n : kNames) {
    if (n.scenario == scenario) return n.loadgen;
  }
  return "unknown";
}

Scenario parse_scenario(std::string_view text) {
  for (const auto& n : kNames) {
    if (text == n.loadgen || text == n.flag) return n.scenario;
  }
  throw InputError(
      fmt::format("unknown scenario '{}': expected single-stream, multi-stream, server or offline",
                  text),
      "scenario");
}

LoadgenSettings default_settings(Scenario scenario) {
  LoadgenSettings s;
  s.scenario = scenario;
  switch (scenario) {
    case Scenario::kSingleStream:
      break;
    case Scenario::kMultiStream:
      s.samples_per_query = 8;
      s.min_query_count = 662;
      s.target_latency_percentile = 0.99;
      break;
    case Scenario::kServer:
      s.target_latency_percentile = 0.99;
      s.min_query_count = 459;  // h(0) at p99: fewer queries can never pass early stopping
      break;
    case Scenario::kOffline:
      s.target_latency_percentile = 0.99;
      s.min_query_count = 1;
      s.min_sample_count = kMlperfOfflineMinSamples;
      s.samples_per_query = 0;
      break;
  }
  return s;
}

void apply_quick(LoadgenSettings& s) {
  s.min_duration_s = 1.0;
  if (s.scenario == Scenario::kOffline) s.min_sample_count = 4096;
  s.quick = true;
}

void apply_seed(LoadgenSettings& s, std::uint64_t seed) {
  s.qsl_rng_seed = splitmix64(seed + 1);
  s.sample_index_rng_seed = splitmix64(seed + 2);
  s.schedule_rng_seed = splitmix64(seed + 3);
}

void validate_settings(const LoadgenSettings& s) {
  validate_rates(s);
  validate_lengths(s);
  validate_samples_per_query(s);
}

void validate_settings(const LoadgenSettings& s, const SampleLibrary& library) {
  validate_settings(s);
  const std::uint64_t total = library.total_sample_count();
  if (total == 0) {
    throw InputError(fmt::format("sample library '{}' holds no samples", library.name()));
  }
  if (s.performance_sample_count > total) {
    reject("performance_sample_count",
           fmt::format("({}) exceeds the {} samples library '{}' holds", s.performance_sample_count,
                       total, library.name()));
  }
  const std::uint64_t loaded = s.performance_sample_count != 0
                                   ? s.performance_sample_count
                                   : std::min(library.performance_sample_count(), total);
  if (loaded == 0) {
    throw InputError(
        fmt::format("sample library '{}' reports a performance sample count of 0", library.name()));
  }
  if (s.scenario == Scenario::kMultiStream && s.samples_per_query > loaded) {
    reject("samples_per_query", fmt::format("({}) exceeds the {} samples library '{}' loads",
                                            s.samples_per_query, loaded, library.name()));
  }
}

nlohmann::json settings_to_json(const LoadgenSettings& s) {
  return {
      {"scenario", std::string(scenario_name(s.scenario))},
      {"target_qps", s.target_qps},
      {"target_latency_ns", s.target_latency_ns},
      {"target_latency_percentile", s.target_latency_percentile},
      {"min_duration_ms", std::llround(s.min_duration_s * 1e3)},
      {"max_duration_ms", std::llround(s.max_duration_s * 1e3)},
      {"min_query_count", s.min_query_count},
      {"max_query_count", s.max_query_count},
      {"min_sample_count", s.min_sample_count},
      {"samples_per_query", s.samples_per_query},
      {"performance_sample_count", s.performance_sample_count},
      {"expected_latency_ns", s.expected_latency_ns},
      {"qsl_rng_seed", s.qsl_rng_seed},
      {"sample_index_rng_seed", s.sample_index_rng_seed},
      {"schedule_rng_seed", s.schedule_rng_seed},
      {"server_spin_window_ns", s.server_spin_window_ns},
      {"quick", s.quick},
  };
}

}  // namespace tinyperf::loadgen
