// Speed of the optimized variants of the main job's MLP (784-256-128-10, ReLU, Softmax) against
// the fp32 fast path, one thread: batch-1 latency and batch-256 throughput of
//   Fp32            the engine's fast path (AVX-512 GEMV at batch 1, oneDNN otherwise)
//   Int8            LinearInt8 layers, fast backend (own VNNI GEMV at batch 1, oneDNN u8×s8
//   otherwise) Int8OneDnn      LinearInt8 layers, oneDNN at every batch size Structured50    50 %
//   of the hidden neurons removed (784-128-64-10), fp32 fast path Magnitude90Dense  90 % of each
//   layer's weights zeroed, still dense: the fp32 fast path Magnitude90Sparse the same weights as
//   SparseLinear (CSR), fast backend Magnitude90GlobalDense / Magnitude90GlobalSparse  the same
//   with one threshold across layers
//                     (the CLI's default scope for magnitude pruning)
// The model: TINYPERF_BENCH_MODEL (a trained fp32 model file) when set, else one trained here for
// TINYPERF_BENCH_EPOCHS (default 3) epochs on Fashion-MNIST (seed 42; synthetic data when the data
// set is not installed). Inputs are test-split images; calibration uses 1,000 training images.
// Results and the commands that reproduce them: docs/benchmarks.md ("Optimizations").
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "session_bench.h"
#include "tinyperf/core/error.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/quantize.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace {

namespace engine = tinyperf::engine;
namespace optimize = tinyperf::optimize;
using engine::Backend;

tinyperf::data::DatasetSplits load_data() {
  try {
    return tinyperf::data::load_fashion_mnist();
  } catch (const tinyperf::Error& e) {
    std::cerr << "optimize_bench: Fashion-MNIST unavailable (" << e.what()
              << "); using synthetic data\n";
    return tinyperf::data::make_synthetic();
  }
}

struct Variants {
  tinyperf::data::DatasetSplits data;
  engine::Model fp32{784}, int8{784}, structured{784}, magnitude_dense{784}, magnitude_sparse{784};
  engine::Model global_dense{784}, global_sparse{784};
};

engine::Model baseline(const tinyperf::data::DatasetSplits& d) {
  if (const char* path = std::getenv("TINYPERF_BENCH_MODEL")) return optimize::load_any_model(path);
  const char* epochs = std::getenv("TINYPERF_BENCH_EPOCHS");
  engine::Model model = engine::make_mlp(784, {256, 128}, 10, 42);
  engine::TrainOptions options;
  options.epochs = epochs != nullptr ? std::atoi(epochs) : 3;
  engine::train(model, {d.train.features, d.train.labels, d.train.num_features}, options);
  return model;
}

const Variants& variants() {
  static const Variants v = [] {
    Variants out;
    out.data = load_data();
    out.fp32 = baseline(out.data);
    out.int8 = optimize::quantize_model(out.fp32, out.data.train.features);
    out.structured = optimize::structured_prune(out.fp32, 0.5);
    out.magnitude_dense = out.fp32;
    optimize::magnitude_prune(out.magnitude_dense, 0.9);
    out.magnitude_sparse = optimize::to_sparse(out.magnitude_dense);
    out.global_dense = out.fp32;
    optimize::magnitude_prune(out.global_dense, 0.9, optimize::PruneScope::kGlobal);
    out.global_sparse = optimize::to_sparse(out.global_dense);
    const engine::LabeledData test{out.data.test.features, out.data.test.labels,
                                   out.data.test.num_features};
    std::cerr << "optimize_bench: test accuracy (no fine-tuning) fp32 "
              << engine::evaluate(out.fp32, test) << ", int8 " << engine::evaluate(out.int8, test)
              << ", structured-50% " << engine::evaluate(out.structured, test)
              << ", magnitude-90% per layer " << engine::evaluate(out.magnitude_sparse, test)
              << ", global " << engine::evaluate(out.global_sparse, test) << "\n";
    return out;
  }();
  return v;
}

// `model` on `backend` over the first state.range(0) test images.
void run(benchmark::State& state, const engine::Model& model, Backend backend) {
  time_session_runs(state, model, backend, variants().data.test.features,
                    static_cast<std::size_t>(state.range(0)));
}

void BM_Fp32(benchmark::State& s) { run(s, variants().fp32, Backend::kFast); }
void BM_Int8(benchmark::State& s) { run(s, variants().int8, Backend::kFast); }
void BM_Int8OneDnn(benchmark::State& s) { run(s, variants().int8, Backend::kOneDnn); }
void BM_Structured50(benchmark::State& s) { run(s, variants().structured, Backend::kFast); }
void BM_Magnitude90Dense(benchmark::State& s) {
  run(s, variants().magnitude_dense, Backend::kFast);
}
void BM_Magnitude90Sparse(benchmark::State& s) {
  run(s, variants().magnitude_sparse, Backend::kFast);
}
void BM_Magnitude90GlobalDense(benchmark::State& s) {
  run(s, variants().global_dense, Backend::kFast);
}
void BM_Magnitude90GlobalSparse(benchmark::State& s) {
  run(s, variants().global_sparse, Backend::kFast);
}

// One 784→256 Linear + ReLU at a given density (range(1), per mille), He-normal weights pruned by
// magnitude: the sparse kernels (SparseLinear, forced by Backend::kFast below the cut-off) against
// the dense fast path. This is the measurement behind kSparseGemvMaxDensity and
// kSparseKernelMaxDensity; to measure above the cut-offs, raise them and rebuild.
engine::Model layer_at_density(double density, bool sparse) {
  engine::Model m = engine::make_mlp(784, {}, 256, 42, false);
  m.add(std::make_unique<engine::ReLU>());
  optimize::magnitude_prune(m, 1.0 - density);
  if (!sparse) return m;
  engine::Model out(784);
  out.add(optimize::SparseLinear::from_linear(dynamic_cast<const engine::Linear&>(m.layer(0))));
  out.add(std::make_unique<engine::ReLU>());
  return out;
}

void layer_bench(benchmark::State& state, bool sparse) {
  const double density = static_cast<double>(state.range(1)) / 1000.0;
  const auto cut =
      state.range(0) == 1 ? optimize::kSparseGemvMaxDensity : optimize::kSparseKernelMaxDensity;
  if (sparse && density > cut) {
    state.SkipWithError("density above the sparse cut-off: the fast backend would run it dense");
    return;
  }
  run(state, layer_at_density(density, sparse), Backend::kFast);
}

void BM_LayerSparse(benchmark::State& s) { layer_bench(s, true); }
void BM_LayerDense(benchmark::State& s) { layer_bench(s, false); }

}  // namespace

BENCHMARK(BM_Fp32)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Int8)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Int8OneDnn)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Structured50)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Magnitude90Dense)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Magnitude90Sparse)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Magnitude90GlobalDense)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Magnitude90GlobalSparse)->Arg(1)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LayerSparse)
    ->ArgsProduct({{1, 256}, {20, 50, 100, 200, 300}})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LayerDense)->ArgsProduct({{1, 256}, {100, 1000}})->Unit(benchmark::kMicrosecond);
