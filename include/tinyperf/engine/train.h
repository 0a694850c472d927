// Training (cross-entropy loss, backpropagation, SGD or Adam) and evaluation of classifier models.
// Both use the fast kernels (oneDNN matmul) and are deterministic for a fixed seed and thread count
// on one machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/engine/model.h"

namespace tinyperf::engine {

// A read-only view of labelled examples: features row-major [size(), num_features], labels in
// [0, classes). The viewed memory must outlive the view. (data::Dataset converts to this.)
struct LabeledData {
  std::span<const float> features;
  std::span<const std::int32_t> labels;
  std::size_t num_features = 0;
  std::size_t size() const { return labels.size(); }
};

enum class Optimizer { kSgd, kAdam };

// "sgd" / "adam"; parse_optimizer throws InputError for other names.
std::string optimizer_name(Optimizer optimizer);
Optimizer parse_optimizer(const std::string& name);

struct EpochStats {
  int epoch = 0;              // 1-based
  double loss = 0;            // mean cross-entropy over the epoch's mini-batches (nats)
  double train_accuracy = 0;  // fraction of training examples classified right during the epoch
  double seconds = 0;         // wall-clock time of the epoch
};

struct TrainOptions {
  int epochs = 10;
  std::size_t batch_size = 128;  // the last, smaller mini-batch of an epoch is used too
  double learning_rate = 1e-3;
  Optimizer optimizer = Optimizer::kAdam;  // Adam: beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected
  double momentum = 0.9;                   // SGD only (0 = plain SGD)
  std::uint64_t seed = 42;  // shuffling order (mt19937_64); weights are set by the caller
  int threads = 1;          // oneDNN/OpenMP threads
  // Called after each epoch (progress output); may be empty.
  std::function<void(const EpochStats&)> on_epoch;
  // Called after every optimizer step (e.g. to re-apply a pruning mask); may be empty.
  std::function<void(Model&)> after_step;
};

// Trains `model` in place on `data` and returns one EpochStats per epoch. The model must be
// Linear/ReLU/Flatten layers ending in a Linear, optionally followed by a Softmax (the loss is
// computed on the logits either way). Throws InputError for an empty data set, a label outside
// [0, output_features()), a feature width not matching the model, or bad options;
// UnsupportedError for a layer kind training does not support.
std::vector<EpochStats> train(Model& model, const LabeledData& data, const TrainOptions& options);

// Fraction of `data` whose arg-max output equals the label, computed with a fast Session.
// Throws InputError when the widths do not match or data is empty.
double evaluate(const Model& model, const LabeledData& data, int threads = 1);

// Mean cross-entropy (nats) of row-wise softmax(logits) against `labels`; logits [labels.size(),
// classes]. Throws InputError on a size mismatch or a label out of range.
double cross_entropy(std::span<const float> logits, std::span<const std::int32_t> labels,
                     std::size_t classes);

}  // namespace tinyperf::engine
