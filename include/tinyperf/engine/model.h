// Model: a Sequential stack of layers with a fixed input width, plus free-form metadata (training
// provenance) that model files carry. Session (session.h) runs it fast; forward() here runs the
// reference kernels and is meant for tests and one-off checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::engine {

class Model {
 public:
  // An empty model taking rows of `input_features` values; throws InputError when it is 0.
  explicit Model(std::size_t input_features);

  // Deep copies (layers are cloned).
  Model(const Model& other);
  Model& operator=(const Model& other);
  Model(Model&&) noexcept = default;
  Model& operator=(Model&&) noexcept = default;
  virtual ~Model() = default;

  // Appends `layer`; throws InputError when it does not accept the current output width. Each
  // layer's widths are fixed when it is added (replace_layer keeps them), so the width queries
  // below take constant time and loading a model is linear in its layers.
  void add(std::unique_ptr<Layer> layer);

  std::size_t input_features() const { return input_features_; }
  // Output width of the last layer (input_features() when there are no layers).
  std::size_t output_features() const { return input_features_of(layers_.size()); }
  // Input width of layer `index` (index == num_layers(): the output width).
  std::size_t input_features_of(std::size_t index) const;

  std::size_t num_layers() const { return layers_.size(); }
  const Layer& layer(std::size_t index) const { return *layers_.at(index); }
  Layer& layer(std::size_t index) { return *layers_.at(index); }
  // Replaces layer `index` (e.g. by a quantized version); throws InputError when widths change.
  void replace_layer(std::size_t index, std::unique_ptr<Layer> layer);

  std::size_t parameter_count() const;
  // Bytes of all parameter tensors (what a model file stores besides its header).
  std::size_t parameter_bytes() const;
  // "fp32" when every layer is fp32, else the distinct precisions joined by "+" (e.g. "fp32+int8").
  std::string precision() const;

  // Free-form string metadata saved in the model file's __metadata__ (e.g. "training": a JSON
  // document of the training provenance). Keys starting with "tinyperf." are reserved.
  std::map<std::string, std::string>& metadata() { return metadata_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

  // Runs the reference kernels on `batch` rows of `input` (batch × input_features() values) and
  // returns [batch, output_features()]. Throws InputError when input has the wrong size. Allocates;
  // for repeated or fast inference use Session.
  Tensor forward(std::span<const float> input, std::size_t batch) const;

 private:
  std::size_t input_features_;
  std::vector<std::unique_ptr<Layer>> layers_;
  // widths_[i] is the input width of layer i, widths_.back() the model's output width.
  std::vector<std::size_t> widths_;
  std::map<std::string, std::string> metadata_;
};

// A multilayer perceptron: Linear(in, h1), ReLU, ..., Linear(hk, out), then Softmax when `softmax`.
// Weights are He-normal (std = sqrt(2 / fan_in)) drawn from mt19937_64(seed); biases are zero. The
// same seed gives the same weights bit for bit on one machine. Throws InputError for a 0 size.
Model make_mlp(std::size_t inputs, const std::vector<std::size_t>& hidden, std::size_t outputs,
               std::uint64_t seed, bool softmax = true);

// The seeds' SimpleMLP: Linear(input, hidden), ReLU, Linear(hidden, output), Softmax.
// SimpleMLP(10, 20, 3) has 10·20 + 20 + 20·3 + 3 = 283 parameters.
class SimpleMLP : public Model {
 public:
  SimpleMLP(std::size_t input_size, std::size_t hidden_size, std::size_t output_size,
            std::uint64_t seed = 0);
};

// Re-initializes every Linear layer of `model`: He-normal weights from mt19937_64(seed), zero bias.
void init_he(Model& model, std::uint64_t seed);

}  // namespace tinyperf::engine
