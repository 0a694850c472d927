// Model files in the safetensors layout: an 8-byte little-endian header length N, N bytes of JSON
// header, then the raw little-endian tensor bytes. The header maps each tensor name
// ("layers.<i>.<param>") to {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative to
// the data area) and holds "__metadata__", a string-to-string map with:
//   "tinyperf.format": "tinyperf-model", "tinyperf.format_version": "1",
//   "tinyperf.architecture": JSON text {"input_features": n, "layers": [config() of each layer]},
//   "tinyperf.precision": Model::precision(),
// plus the model's own metadata() (e.g. "training": the training provenance as JSON text).
// Loading checks every offset, shape and dtype against the file size before touching the data.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::engine {

// Largest model file load_model reads: 1 GiB.
inline constexpr std::size_t kMaxModelFileBytes = std::size_t{1} << 30;
// Largest header accepted: 16 MiB (real headers are a few KiB).
inline constexpr std::size_t kMaxModelHeaderBytes = std::size_t{16} << 20;

// One layer as read from a file, handed to a LayerLoader.
struct LayerSpec {
  std::size_t index = 0;                  // position in the model
  std::string kind;                       // the architecture entry's "type"
  nlohmann::json config;                  // the whole architecture entry
  std::map<std::string, Tensor> tensors;  // "weight", "bias", ... (name without "layers.<i>.")
  std::string source;                     // file name, for messages
};

// Makes a layer from its spec, or returns nullptr when it does not know spec.kind. Throws
// InputError when it knows the kind but the spec is wrong (missing tensor, shape, dtype).
using LayerLoader = std::function<std::unique_ptr<Layer>(const LayerSpec& spec)>;

// Loader of the engine's own layers: linear, relu, softmax, flatten.
std::unique_ptr<Layer> load_builtin_layer(const LayerSpec& spec);

// The model as file bytes.
std::string serialize_model(const Model& model);

// Writes serialize_model(model) to `path` atomically. Throws IoError.
void save_model(const Model& model, const std::string& path);

// Parses file bytes; `source` names them in messages. Layers are made by `extra` first (for kinds
// defined outside the engine, e.g. quantized layers), then by load_builtin_layer. Throws
// InputError naming the source and the field for every inconsistency: short file, header length
// past the end or above kMaxModelHeaderBytes, header not a JSON object, unknown dtype, shape not
// matching the byte range, offsets overlapping, leaving gaps or passing the end, tensors missing
// or left over, layer widths that do not chain; UnsupportedError for a newer format version.
Model parse_model(std::string_view bytes, const std::string& source, const LayerLoader& extra = {});

// Reads and parses `path` (at most kMaxModelFileBytes). Throws IoError when it cannot be read.
Model load_model(const std::string& path, const LayerLoader& extra = {});

}  // namespace tinyperf::engine
