// The variants a run measures: the fp32 baseline and the optimized models derived from it with the
// optimize module, each with its stored bytes counted and hashed. Private to the workflow module.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/workflow/run.h"
#include "tracker.h"

namespace tinyperf::workflow {

// Model names, stable across runs (the history compares runs by them).
inline constexpr const char* kBaselineName = "mlp_fp32";
inline constexpr const char* kInt8Name = "mlp_int8";
inline constexpr const char* kStructuredName = "mlp_structured_pruned";
inline constexpr const char* kMagnitudeName = "mlp_magnitude_pruned";
inline constexpr const char* kPrunedInt8Name = "mlp_pruned_int8";

struct Variant {
  std::string name;
  std::vector<std::string> techniques;  // docs/submission.md names
  engine::Model model{1};
  std::uint64_t size_bytes = 0;  // engine::serialize_model(model).size(): the bytes stored
  std::string sha256;            // of those bytes
};

// A variant of `model`: serializes it once to count and hash its bytes.
Variant make_variant(std::string name, std::vector<std::string> techniques, engine::Model model);

// What the optimizations need besides the baseline.
struct DeriveSettings {
  int finetune_epochs = 3;
  std::size_t finetune_batch_size = 128;
  double learning_rate = 1e-3;
  std::size_t calibration_samples = 1000;
  double structured_fraction = 0.5;
  double magnitude_sparsity = 0.9;
  std::uint64_t seed = 42;
  int threads = 1;
};

DeriveSettings derive_settings(const RunBudget& budget, std::uint64_t seed, int threads);

// The baseline and its four optimized variants, in this order: mlp_fp32; mlp_int8 (INT8, calibrated
// on training rows); mlp_structured_pruned (structured_fraction of the hidden neurons removed,
// fine-tuned); mlp_magnitude_pruned (magnitude_sparsity of the weights zeroed by one global
// ranking, fine-tuned with the mask, stored and run as CSR); mlp_pruned_int8 (the structured-pruned
// model quantized). One tracker phase each for the four; Interrupted when the stop flag is set.
std::vector<Variant> derive_variants(const engine::Model& baseline, const data::Dataset& train,
                                     const DeriveSettings& settings, PhaseTracker& tracker);

}  // namespace tinyperf::workflow
