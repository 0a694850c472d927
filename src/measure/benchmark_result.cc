#include <fmt/format.h>
#include <set>

#include "tinyperf/core/error.h"
#include "tinyperf/measure/benchmark.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::measure {

BenchmarkResult::BenchmarkResult(std::string name, std::vector<double> sample, nlohmann::json meta)
    : metric_name(std::move(name)), values(std::move(sample)), metadata(std::move(meta)) {
  stats::require_valid_sample(values, metric_name.c_str());
  const stats::Summary s = stats::summarize(values);
  mean = s.mean;
  std = s.std;
  median = s.median;
  min = s.min;
  max = s.max;
  count = s.count;
  if (s.ci95_mean) {
    ci_lower = s.ci95_mean->lo;
    ci_upper = s.ci95_mean->hi;
  }
}

nlohmann::json BenchmarkResult::to_json() const {
  const auto optional = [](const std::optional<double>& v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"metric_name", metric_name},
          {"values", values},
          {"mean", mean},
          {"std", std},
          {"median", median},
          {"min", min},
          {"max", max},
          {"count", count},
          {"ci_lower", optional(ci_lower)},
          {"ci_upper", optional(ci_upper)},
          {"metadata", metadata}};
}

std::string BenchmarkResult::to_string() const {
  return fmt::format("{}: {:.4f} ± {:.4f} (n={})", metric_name, mean, std, count);
}

const BenchmarkResult& result_for(const ModelResults& results, std::string_view model_name) {
  for (const auto& r : results) {
    if (r.model_name == model_name) return r.result;
  }
  throw InputError(fmt::format("no result for model '{}'", model_name));
}

std::vector<std::string> unique_names(std::span<const std::string> names) {
  std::set<std::string> taken;
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const auto& name : names) {
    std::string candidate = name;
    for (std::size_t k = 1; taken.count(candidate) != 0; ++k)
      candidate = fmt::format("{}_{}", name, k);
    taken.insert(candidate);
    out.push_back(std::move(candidate));
  }
  return out;
}

}  // namespace tinyperf::measure
