#include "tinyperf/engine/model_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"

namespace tinyperf::engine {
namespace {

constexpr const char* kFormatKey = "tinyperf.format";
constexpr const char* kFormatName = "tinyperf-model";
constexpr const char* kVersionKey = "tinyperf.format_version";
constexpr const char* kFormatVersion = "1";
constexpr const char* kArchitectureKey = "tinyperf.architecture";
constexpr const char* kPrecisionKey = "tinyperf.precision";
constexpr const char* kReservedPrefix = "tinyperf.";

std::string tensor_key(std::size_t layer, const std::string& name) {
  return fmt::format("layers.{}.{}", layer, name);
}

nlohmann::json architecture(const Model& model) {
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t i = 0; i < model.num_layers(); ++i) layers.push_back(model.layer(i).config());
  return {{"input_features", model.input_features()}, {"layers", layers}};
}

nlohmann::json metadata_of(const Model& model) {
  nlohmann::json meta = nlohmann::json::object();
  for (const auto& [key, value] : model.metadata()) {
    if (!key.starts_with(kReservedPrefix)) meta[key] = value;
  }
  meta[kFormatKey] = kFormatName;
  meta[kVersionKey] = kFormatVersion;
  meta[kArchitectureKey] = architecture(model).dump();
  meta[kPrecisionKey] = model.precision();
  return meta;
}

// A tensor entry of the header after its own fields were checked.
struct Entry {
  std::string name;
  DType dtype;
  std::vector<std::int64_t> shape;
  std::uint64_t begin, end;
};

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw InputError(fmt::format("{}: invalid model file: {}", source, what));
}

Entry parse_entry(const std::string& source, const std::string& name, const nlohmann::json& j) {
  if (!j.is_object()) fail(source, fmt::format("tensor \"{}\" is not a JSON object", name));
  const auto dtype_it = j.find("dtype");
  if (dtype_it == j.end() || !dtype_it->is_string())
    fail(source, fmt::format("tensor \"{}\" has no dtype", name));
  const auto dtype = dtype_from_name(dtype_it->get<std::string>());
  if (!dtype) {
    fail(source,
         fmt::format("tensor \"{}\" has unsupported dtype \"{}\" (supported: F32, I8, I32, U8)",
                     name, dtype_it->get<std::string>()));
  }
  Entry e{name, *dtype, {}, 0, 0};
  const auto shape_it = j.find("shape");
  if (shape_it == j.end() || !shape_it->is_array())
    fail(source, fmt::format("tensor \"{}\" has no shape array", name));
  for (const auto& d : *shape_it) {
    if (!d.is_number_unsigned())
      fail(source,
           fmt::format("tensor \"{}\" has a shape entry that is not a non-negative integer", name));
    e.shape.push_back(
        static_cast<std::int64_t>(std::min<std::uint64_t>(d.get<std::uint64_t>(), INT64_MAX)));
  }
  const auto off_it = j.find("data_offsets");
  if (off_it == j.end() || !off_it->is_array() || off_it->size() != 2 ||
      !(*off_it)[0].is_number_unsigned() || !(*off_it)[1].is_number_unsigned()) {
    fail(source,
         fmt::format("tensor \"{}\" needs data_offsets [begin, end] of non-negative integers",
                     name));
  }
  e.begin = (*off_it)[0].get<std::uint64_t>();
  e.end = (*off_it)[1].get<std::uint64_t>();
  return e;
}

// Every byte range must match its tensor's size, and together they must tile the data area exactly:
// no overlap, no gap, nothing past the end.
void check_layout(const std::string& source, std::vector<Entry>& entries, std::uint64_t data_size) {
  for (const Entry& e : entries) {
    if (e.begin > e.end || e.end > data_size) {
      fail(source, fmt::format("tensor \"{}\" has data_offsets [{}, {}] outside the {} data bytes",
                               e.name, e.begin, e.end, data_size));
    }
    std::uint64_t numel = 1;
    for (std::int64_t d : e.shape) {
      const auto du = static_cast<std::uint64_t>(d);
      if (du != 0 && numel > data_size / du) {
        fail(source, fmt::format("tensor \"{}\" shape is larger than the file", e.name));
      }
      numel *= du;
    }
    if (numel * dtype_size(e.dtype) != e.end - e.begin) {
      fail(source, fmt::format("tensor \"{}\" shape needs {} bytes but data_offsets span {}",
                               e.name, numel * dtype_size(e.dtype), e.end - e.begin));
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::uint64_t at = 0;
  for (const Entry& e : entries) {
    if (e.begin != at) {
      fail(
          source,
          fmt::format("tensor \"{}\" starts at byte {} of the data but the previous one ends at {} "
                      "(overlap or gap)",
                      e.name, e.begin, at));
    }
    at = e.end;
  }
  if (at != data_size)
    fail(source, fmt::format("{} data bytes but the tensors cover {}", data_size, at));
}

std::string metadata_string(const std::string& source, const nlohmann::json& meta,
                            const char* key) {
  const auto it = meta.find(key);
  if (it == meta.end() || !it->is_string())
    fail(source, fmt::format("__metadata__ has no string \"{}\"", key));
  return it->get<std::string>();
}

// Checks the format tag and version, and returns the parsed architecture.
nlohmann::json read_architecture(const std::string& source, const nlohmann::json& meta) {
  if (metadata_string(source, meta, kFormatKey) != kFormatName) {
    fail(source, fmt::format("\"{}\" is not \"{}\"", kFormatKey, kFormatName));
  }
  const std::string version = metadata_string(source, meta, kVersionKey);
  if (version != kFormatVersion) {
    throw UnsupportedError(
        fmt::format("{}: model format version {} is not supported (this build reads {})", source,
                    version, kFormatVersion));
  }
  nlohmann::json arch =
      parse_json(metadata_string(source, meta, kArchitectureKey), source + " architecture");
  if (!arch.is_object() || !arch.contains("input_features") ||
      !arch["input_features"].is_number_unsigned() ||
      arch["input_features"].get<std::uint64_t>() == 0 || !arch.contains("layers") ||
      !arch["layers"].is_array()) {
    fail(source, "architecture needs input_features >= 1 and a layers array");
  }
  return arch;
}

std::unique_ptr<Layer> make_layer(LayerSpec& spec, const LayerLoader& extra) {
  std::unique_ptr<Layer> layer;
  if (extra) layer = extra(spec);
  if (!layer) layer = load_builtin_layer(spec);
  if (!layer)
    fail(spec.source, fmt::format("layer {} has unknown type \"{}\"", spec.index, spec.kind));
  return layer;
}

Model build_model(const std::string& source, const nlohmann::json& arch, const nlohmann::json& meta,
                  std::map<std::string, Tensor>& tensors, const LayerLoader& extra) {
  Model model(arch["input_features"].get<std::size_t>());
  const nlohmann::json& layers = arch["layers"];
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const nlohmann::json& config = layers[i];
    if (!config.is_object() || !config.contains("type") || !config["type"].is_string()) {
      fail(source, fmt::format("layer {} has no \"type\"", i));
    }
    LayerSpec spec{i, config["type"].get<std::string>(), config, {}, source};
    const std::string prefix = fmt::format("layers.{}.", i);
    for (auto it = tensors.lower_bound(prefix);
         it != tensors.end() && it->first.starts_with(prefix);) {
      spec.tensors.emplace(it->first.substr(prefix.size()), std::move(it->second));
      it = tensors.erase(it);
    }
    try {
      model.add(make_layer(spec, extra));
    } catch (const InputError& e) {
      if (std::string(e.what()).starts_with(source)) throw;
      fail(source, fmt::format("layer {} ({}): {}", i, spec.kind, e.what()));
    }
  }
  if (!tensors.empty())
    fail(source, fmt::format("tensor \"{}\" belongs to no layer", tensors.begin()->first));
  for (const auto& [key, value] : meta.items()) {
    if (!key.starts_with(kReservedPrefix) && value.is_string())
      model.metadata()[key] = value.get<std::string>();
  }
  return model;
}

void require_tensors(const LayerSpec& spec, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (!spec.tensors.contains(n))
      fail(spec.source, fmt::format("layer {} has no tensor \"{}\"", spec.index, n));
  }
  if (spec.tensors.size() != names.size()) {
    fail(spec.source, fmt::format("layer {} ({}) has {} tensors, expected {}", spec.index,
                                  spec.kind, spec.tensors.size(), names.size()));
  }
}

std::unique_ptr<Layer> load_linear(const LayerSpec& spec) {
  require_tensors(spec, {"weight", "bias"});
  auto layer = std::make_unique<Linear>(spec.tensors.at("weight"), spec.tensors.at("bias"));
  const auto& c = spec.config;
  if (!c.contains("in_features") || !c.contains("out_features") ||
      c["in_features"] != layer->in_features() || c["out_features"] != layer->out_features()) {
    fail(spec.source,
         fmt::format("layer {}: in_features/out_features do not match the weight shape [{}, {}]",
                     spec.index, layer->out_features(), layer->in_features()));
  }
  return layer;
}

}  // namespace

std::unique_ptr<Layer> load_builtin_layer(const LayerSpec& spec) {
  if (spec.kind == "linear") return load_linear(spec);
  std::unique_ptr<Layer> layer;
  if (spec.kind == "relu") layer = std::make_unique<ReLU>();
  if (spec.kind == "softmax") layer = std::make_unique<Softmax>();
  if (spec.kind == "flatten") layer = std::make_unique<Flatten>();
  if (layer) require_tensors(spec, {});
  return layer;
}

std::string serialize_model(const Model& model) {
  nlohmann::json header = nlohmann::json::object();
  header["__metadata__"] = metadata_of(model);
  std::string data;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    for (const auto& [name, tensor] : model.layer(i).tensors()) {
      const std::size_t begin = data.size();
      data.append(reinterpret_cast<const char*>(tensor->bytes().data()), tensor->size_bytes());
      header[tensor_key(i, name)] = {{"dtype", dtype_name(tensor->dtype())},
                                     {"shape", tensor->shape()},
                                     {"data_offsets", {begin, data.size()}}};
    }
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');  // keeps the data area 8-byte aligned in the file
  std::string out(8, '\0');
  for (int b = 0; b < 8; ++b)
    out[b] = static_cast<char>((std::uint64_t{text.size()} >> (8 * b)) & 0xff);
  return out + text + data;
}

void save_model(const Model& model, const std::string& path) {
  write_file_atomic(path, serialize_model(model));
}

Model parse_model(std::string_view bytes, const std::string& source, const LayerLoader& extra) {
  if (bytes.size() < 8)
    fail(source, fmt::format("{} bytes, shorter than the 8-byte header length", bytes.size()));
  std::uint64_t header_len = 0;
  for (int b = 7; b >= 0; --b)
    header_len = (header_len << 8) | static_cast<unsigned char>(bytes[b]);
  if (header_len > kMaxModelHeaderBytes) {
    fail(source, fmt::format("header length {} is above the {} MiB limit", header_len,
                             kMaxModelHeaderBytes >> 20));
  }
  if (header_len > bytes.size() - 8) {
    fail(source, fmt::format("header length {} runs past the end of the file ({} bytes)",
                             header_len, bytes.size()));
  }
  const nlohmann::json header = parse_json(bytes.substr(8, header_len), source + " header");
  if (!header.is_object()) fail(source, "header is not a JSON object");
  const auto meta_it = header.find("__metadata__");
  if (meta_it == header.end() || !meta_it->is_object())
    fail(source, "header has no __metadata__ object");
  const nlohmann::json arch = read_architecture(source, *meta_it);
  std::vector<Entry> entries;
  for (const auto& [name, value] : header.items()) {
    if (name != "__metadata__") entries.push_back(parse_entry(source, name, value));
  }
  const std::string_view data = bytes.substr(8 + header_len);
  check_layout(source, entries, data.size());
  std::map<std::string, Tensor> tensors;
  for (const Entry& e : entries) {
    Tensor t(e.shape, e.dtype);
    if (t.size_bytes() > 0) std::memcpy(t.bytes().data(), data.data() + e.begin, t.size_bytes());
    tensors.emplace(e.name, std::move(t));
  }
  return build_model(source, arch, *meta_it, tensors, extra);
}

Model load_model(const std::string& path, const LayerLoader& extra) {
  return parse_model(read_text_file(path, kMaxModelFileBytes), path, extra);
}

}  // namespace tinyperf::engine
