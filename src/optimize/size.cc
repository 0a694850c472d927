#include "tinyperf/optimize/size.h"

#include "tinyperf/core/check.h"
#include "tinyperf/engine/model_file.h"

namespace tinyperf::optimize {

LayerBytes layer_bytes(const engine::Layer& layer) {
  LayerBytes b;
  for (const auto& [name, tensor] : layer.tensors()) {
    const std::size_t n = tensor->size_bytes();
    if (name == "weight" || name == "values") {
      b.weights += n;
    } else if (name == "bias") {
      b.bias += n;
    } else if (name.find("scale") != std::string::npos) {
      b.scales += n;
    } else if (name.find("zero_point") != std::string::npos) {
      b.zero_points += n;
    } else if (name == "col_indices" || name == "row_ptr") {
      b.indices += n;
    } else {
      b.other += n;
    }
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
