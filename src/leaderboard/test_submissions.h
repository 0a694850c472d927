// Test helpers shared by the leaderboard's tests and the report module's leaderboard-render tests.
#pragma once

#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tinyperf/leaderboard/leaderboard.h"

namespace tinyperf::leaderboard::testing {

using nlohmann::json;

// A valid baseline-only capstone submission.
json submission(double accuracy, double latency_ms, double size_mb,
                const std::string& processor = "cpu-a", const std::string& name = "") {
  json doc = {{"tinytorch_version", "0.1.0"},
              {"submission_type", "capstone_benchmark"},
              {"timestamp", "2025-01-15 14:30:00"},
              {"system_info",
               {{"platform", "Linux"}, {"python_version", "3.11"}, {"processor", processor}}},
              {"baseline",
               {{"model_name", "mlp"},
                {"metrics",
                 {{"parameter_count", 100},
                  {"model_size_mb", size_mb},
                  {"accuracy", accuracy},
                  {"latency_ms_mean", latency_ms},
                  {"latency_ms_median", latency_ms}}}}}};
  if (!name.empty()) doc["student_name"] = name;
  return doc;
}

std::vector<LeaderboardInput> inputs_of(const std::vector<json>& docs) {
  std::vector<LeaderboardInput> inputs;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    inputs.push_back({fmt::format("s{}.json", i),
                      docs[i],
                      {}});  // not "s" + ...: a g++ 12 -Wrestrict false alarm
  }
  return inputs;
}

}  // namespace tinyperf::leaderboard::testing
