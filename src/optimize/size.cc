#include "tinyperf/optimize/size.h"

#include "tinyperf/core/check.h"
#include "tinyperf/engine/model_file.h"

namespace tinyperf::optimize {

TensorRole tensor_role(std::string_view name) {
  if (name == "weight" || name == "values") return TensorRole::kWeights;
  if (name == "bias") return TensorRole::kBias;
  if (name.find("scale") != std::string_view::npos) return TensorRole::kScales;
  if (name.find("zero_point") != std::string_view::npos) return TensorRole::kZeroPoints;
  if (name == "col_indices" || name == "row_ptr") return TensorRole::kIndices;
  return TensorRole::kOther;
}

LayerBytes layer_bytes(const engine::Layer& layer) {
  // LayerBytes' field for each TensorRole, in the enum's order.
  static constexpr std::size_t LayerBytes::*kField[] = {
      &LayerBytes::weights,     &LayerBytes::bias,    &LayerBytes::scales,
      &LayerBytes::zero_points, &LayerBytes::indices, &LayerBytes::other};
  LayerBytes b;
  for (const auto& [name, tensor] : layer.tensors()) {
    b.*kField[static_cast<std::size_t>(tensor_role(name))] += tensor->size_bytes();
  }
  return b;
}

nlohmann::json to_json(const LayerBytes& b) {
  return {{"weights", b.weights}, {"bias", b.bias},
          {"scales", b.scales},   {"zero_points", b.zero_points},
          {"indices", b.indices}, {"other", b.other},
          {"total", b.total()}};
}

ModelSize model_size(const engine::Model& model) {
  const std::string bytes = engine::serialize_model(model);
  ModelSize size;
  size.file_bytes = bytes.size();
  std::uint64_t header = 0;
  for (int i = 7; i >= 0; --i)
    header = (header << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  size.header_bytes = 8 + static_cast<std::size_t>(header);
  std::size_t tensors = 0;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    size.layers.push_back(layer_bytes(model.layer(i)));
    tensors += size.layers.back().total();
  }
  TP_CHECK(size.header_bytes + tensors == size.file_bytes);
  return size;
}

}  // namespace tinyperf::optimize
