#include <algorithm>

#include "tinyperf/measure/benchmark.h"
#include "tinyperf/stats/metrics.h"

namespace tinyperf::measure {
namespace {

nlohmann::json by_model(const ModelResults& results) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& r : results) out[r.model_name] = r.result.to_json();
  return out;
}

bool memory_is_per_phase(const ModelResults& memory) {
  return std::all_of(memory.begin(), memory.end(), [](const ModelResult& r) {
    return r.result.metadata.value("scope", "") == "phase";
  });
}

// Objective values per model, in model order, and their names and goals.
void pareto(SuiteResults& s) {
  const bool phase_memory = memory_is_per_phase(s.memory);
  s.pareto_objectives = {"latency_ms_median", "accuracy_mean",
                         phase_memory ? "peak_memory_mb_median" : "model_size_bytes",
                         "energy_j_per_inference_median"};
  const std::vector<stats::Goal> goals = {stats::Goal::kMinimize, stats::Goal::kMaximize,
                                          stats::Goal::kMinimize, stats::Goal::kMinimize};
  std::vector<std::vector<double>> points;
  for (std::size_t i = 0; i < s.latency.size(); ++i) {
    const auto& mem = s.memory[i].result;
    const double memory =
        phase_memory ? mem.median : mem.metadata.at("model_size_bytes").get<double>();
    points.push_back(
        {s.latency[i].result.median, s.accuracy[i].result.mean, memory, s.energy[i].result.median});
  }
  for (const std::size_t i : stats::pareto_frontier(points, goals)) {
    s.pareto_frontier.push_back(s.latency[i].model_name);
  }
}

}  // namespace

nlohmann::json SuiteResults::to_json() const {
  return {{"system_info", system_info},
          {"energy_method", energy_method},
          {"pareto_objectives", pareto_objectives},
          {"pareto_frontier", pareto_frontier},
          {"results",
           {{"latency", by_model(latency)},
            {"accuracy", by_model(accuracy)},
            {"memory", by_model(memory)},
            {"energy", by_model(energy)},
            {"throughput", by_model(throughput)}}}};
}

BenchmarkSuite::BenchmarkSuite(ModelRefs models, std::vector<LabelledData> datasets,
                               BenchmarkSettings settings)
    : benchmark_(std::move(models), std::move(datasets), std::move(settings)) {}

BenchmarkSuite::BenchmarkSuite(ModelRefs models, std::vector<LabelledData> datasets,
                               BenchmarkSettings settings, Clock& clock)
    : benchmark_(std::move(models), std::move(datasets), std::move(settings), clock) {}

SuiteResults BenchmarkSuite::run_full_benchmark() {
  const ModelsMeasurement m = benchmark_.measure(Phases{});
  SuiteResults s;
  s.latency = benchmark_.latency_results(m);
  s.accuracy = benchmark_.accuracy_results(m);
  s.memory = benchmark_.memory_results(m);
  s.energy = benchmark_.energy_results(m);
  s.throughput = benchmark_.throughput_results(m);
  s.energy_method = s.energy.front().result.metadata.value("method", "");
  s.system_info = to_json(benchmark_.system_info());
  pareto(s);
  return s;
}

}  // namespace tinyperf::measure
