// The engine's speed on the MLP of the main job, 784-256-128-10 (ReLU, Softmax), fp32, one thread:
// batch-1 latency and batch-256 throughput of the reference loops, oneDNN alone, and the fast path
// (oneDNN, plus the AVX-512 matrix-vector kernel at batch 1). Weights are He-normal (seed 42),
// inputs uniform in [0, 1) like Fashion-MNIST pixels. Results: docs/benchmarks.md.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "session_bench.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/session.h"

namespace {

using tinyperf::engine::Backend;

const tinyperf::engine::Model& mlp() {
  static const tinyperf::engine::Model model = tinyperf::engine::make_mlp(784, {256, 128}, 10, 42);
  return model;
}

std::vector<float> inputs(std::size_t batch) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
  std::vector<float> x(batch * 784);
  for (float& v : x) v = pixel(rng);
  return x;
}

void run_mlp(benchmark::State& state, Backend backend) {
  const auto batch = static_cast<std::size_t>(state.range(0));
  time_session_runs(state, mlp(), backend, inputs(batch), batch);
}

void BM_MlpReference(benchmark::State& state) { run_mlp(state, Backend::kReference); }
void BM_MlpOneDnn(benchmark::State& state) { run_mlp(state, Backend::kOneDnn); }
void BM_MlpFast(benchmark::State& state) { run_mlp(state, Backend::kFast); }

}  // namespace

BENCHMARK(BM_MlpReference)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MlpOneDnn)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MlpFast)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
