// Pruning. Magnitude pruning zeroes the smallest weights (unstructured); to_sparse then stores and
// runs them as SparseLinear (CSR). Structured pruning removes whole hidden neurons and returns a
// smaller dense model. Both can be followed by fine-tuning with the engine's trainer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/train.h"

namespace tinyperf::optimize {

enum class PruneScope {
  kLayer,   // the same fraction in every layer
  kGlobal,  // one threshold across all layers
};

// "layer" / "global"; parse_prune_scope throws InputError naming the field scope for other
// names.
std::string prune_scope_name(PruneScope scope);
PruneScope parse_prune_scope(const std::string& name);

// Sets to zero the round(sparsity × n) smallest-magnitude weights of the Linear layers (biases are
// kept): n counts each layer's weights (kLayer) or all of them (kGlobal). Ties are broken by
// position, so exactly that many are chosen; weights already zero count among the smallest.
// Throws InputError for a sparsity outside [0, 1] or a model without Linear layers. Returns the
// number of weights chosen.
std::size_t magnitude_prune(engine::Model& model, double sparsity,
                            PruneScope scope = PruneScope::kLayer);

// Removes round(fraction × width) neurons (at most width − 1) from every hidden Linear layer (one
// whose outputs reach another Linear through ReLU/Flatten only): those whose incoming weights (a
// row of W) have the smallest L2 norm; with kGlobal, all hidden neurons are ranked together by
// their RMS weight (L2 norm / sqrt(fan-in)), at least one kept per layer. The matching columns of
// the next Linear go too, so the result is a smaller dense model. Throws InputError for a fraction
// outside [0, 1), UnsupportedError for layers other than Linear/ReLU/Flatten/Softmax.
engine::Model structured_prune(const engine::Model& model, double fraction,
                               PruneScope scope = PruneScope::kLayer);

// Trains `model` with `options` while keeping every weight that is zero now at zero (the mask is
// re-applied after each optimizer step): fine-tuning after magnitude pruning. Throws what
// engine::train throws.
std::vector<engine::EpochStats> finetune_masked(engine::Model& model,
                                                const engine::LabeledData& data,
                                                engine::TrainOptions options);

// The model with each Linear layer replaced by a SparseLinear when that stores fewer bytes
// (density below ~2/3); other layers are copied.
engine::Model to_sparse(const engine::Model& model);

// The model with each SparseLinear replaced by its dense Linear.
engine::Model to_dense(const engine::Model& model);

// Fraction of zero weights of a layer's (logical, dense) weight matrix: Linear and LinearInt8
// count zero elements, SparseLinear counts what it does not store (plus stored zeros); 0 for layers
// without weights.
double weight_sparsity(const engine::Layer& layer);

}  // namespace tinyperf::optimize
