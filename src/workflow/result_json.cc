// RunResult::to_json: the --json summary of `tinyperf run`.
#include <optional>
#include <utility>

#include "tinyperf/workflow/run.h"

namespace tinyperf::workflow {
namespace {

using nlohmann::json;

template <class T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json pair_json(const std::optional<std::pair<double, double>>& v) {
  return v ? json::array({v->first, v->second}) : json(nullptr);
}

json variant_json(const VariantSummary& v) {
  return {{"name", v.name},
          {"role", v.role},
          {"techniques_applied", v.techniques},
          {"precision", v.precision},
          {"accuracy", v.accuracy},
          {"latency_ms_median", v.latency_ms_median},
          {"latency_ms_ci95", pair_json(v.latency_ms_ci95)},
          {"throughput_samples_per_sec", v.throughput_samples_per_sec},
          {"offline_valid", v.offline_valid},
          {"size_bytes", v.size_bytes},
          {"peak_memory_mb", v.peak_memory_mb},
          {"energy_j_per_inference", v.energy_j_per_inference},
          {"energy_method", v.energy_method},
          {"speedup", optional_json(v.speedup)},
          {"speedup_ci95", pair_json(v.speedup_ci95)},
          {"p_value", optional_json(v.p_value)},
          {"verdict", v.verdict.empty() ? json(nullptr) : json(v.verdict)},
          {"compression_ratio", optional_json(v.compression_ratio)},
          {"accuracy_delta", optional_json(v.accuracy_delta)},
          {"efficiency_score", optional_json(v.efficiency_score)},
          {"on_pareto_frontier", v.on_frontier}};
}

}  // namespace

json RunResult::to_json() const {
  json variants_out = json::array();
  for (const auto& v : variants) variants_out.push_back(variant_json(v));
  json history = nullptr;
  if (history_id) history = {{"location", history_location}, {"run_id", *history_id}};
  return {{"data", data_spec},
          {"data_choice", data_choice},
          {"baseline", {{"source", baseline_source}, {"path", baseline_path}}},
          {"submitted", submitted},
          {"variants", variants_out},
          {"files", files},
          {"history", history},
          {"quick", quick},
          {"seconds", seconds}};
}

}  // namespace tinyperf::workflow
