// Size accounting: every byte a saved model takes, by kind. The total is exactly the size of
// engine::serialize_model(model), i.e. of the file save_model writes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/model.h"

namespace tinyperf::optimize {

// What a stored tensor is, by its name: "weight"/"values" are weights, "bias" is the bias, names
// containing "scale" or "zero_point" are scales and zero points, "col_indices"/"row_ptr" are
// indices; anything else is other. Weights and bias are the model's parameters.
enum class TensorRole { kWeights, kBias, kScales, kZeroPoints, kIndices, kOther };

TensorRole tensor_role(std::string_view name);

// Bytes of one layer's stored tensors, by role (tensor_role).
struct LayerBytes {
  std::size_t weights = 0;
  std::size_t bias = 0;
  std::size_t scales = 0;
  std::size_t zero_points = 0;
  std::size_t indices = 0;
  std::size_t other = 0;
  std::size_t total() const { return weights + bias + scales + zero_points + indices + other; }
};

LayerBytes layer_bytes(const engine::Layer& layer);

// {"weights", "bias", "scales", "zero_points", "indices", "other", "total"}: byte counts.
nlohmann::json to_json(const LayerBytes& bytes);

struct ModelSize {
  std::size_t file_bytes = 0;  // the whole file: header + every tensor byte
  std::size_t header_bytes =
      0;  // 8-byte length + JSON header (architecture, metadata, tensor table, padding)
  std::vector<LayerBytes> layers;  // one per layer; file_bytes = header_bytes + Σ layers[i].total()
};

// Serializes the model to count; allocates the file's bytes once.
ModelSize model_size(const engine::Model& model);

}  // namespace tinyperf::optimize
