// The timing loop the engine and optimize benchmarks share: one inference session, one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <benchmark/benchmark.h>

#include "tinyperf/engine/model.h"
#include "tinyperf/engine/session.h"

// Times Session::run of `model` on `backend` with one thread over the first `batch` rows of `x`
// (batch × model.input_features() values), the session prepared for that batch before timing.
// Items processed: rows.
inline void time_session_runs(benchmark::State& state, const tinyperf::engine::Model& model,
                              tinyperf::engine::Backend backend, std::span<const float> x,
                              std::size_t batch) {
  tinyperf::engine::Session session(model, {backend, 1});
  session.prepare(batch);
  x = x.first(batch * model.input_features());
  std::vector<float> y(batch * model.output_features());
  for (auto _ : state) {
    session.run(x, batch, y);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
