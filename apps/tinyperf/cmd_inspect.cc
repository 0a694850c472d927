// tinyperf inspect: what a model file holds, layer by layer (docs/cli.md, Model tools).
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/text.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/size.h"

namespace tinyperf::cli {
namespace {

struct InspectFlags {
  std::string model;
  bool json = false;
};

// True when element i of t is zero: compared as a float for F32 (so -0.0 counts), else bytewise.
bool is_zero(const engine::Tensor& t, std::size_t i) {
  if (t.dtype() == engine::DType::kF32) return t.values<float>()[i] == 0.0f;
  const std::size_t width = engine::dtype_size(t.dtype());
  const auto bytes = t.bytes().subspan(i * width, width);
  return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

// Fraction of zero elements in the layer's "weight" tensor (in all its tensors when it has none);
// 0 for a layer without parameters.
double sparsity(const engine::Layer& layer) {
  if (layer.kind() == "linear_sparse")
    return optimize::weight_sparsity(layer);  // CSR: count what is not stored
  auto tensors = layer.tensors();
  const bool has_weight = std::any_of(tensors.begin(), tensors.end(),
                                      [](const auto& p) { return p.first == "weight"; });
  std::size_t zeros = 0, total = 0;
  for (const auto& [name, t] : tensors) {
    if (has_weight && name != "weight") continue;
    for (std::size_t i = 0; i < t->numel(); ++i) zeros += is_zero(*t, i) ? 1 : 0;
    total += t->numel();
  }
  return total == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(total);
}

nlohmann::json describe(const engine::Model& model, std::size_t i) {
  const engine::Layer& layer = model.layer(i);
  const std::size_t in = model.input_features_of(i);
  return {{"index", i},
          {"type", layer.kind()},
          {"input_features", in},
          {"output_features", layer.output_features(in)},
          {"parameters", layer.parameter_count()},
          {"bytes", layer.parameter_bytes()},
          {"bytes_breakdown", optimize::to_json(optimize::layer_bytes(layer))},
          {"precision", layer.parameter_count() ? layer.precision() : "-"},
          {"sparsity", sparsity(layer)},
          {"config", layer.config()}};
}

void print_text(const nlohmann::json& doc) {
  std::cerr << fmt::format(
      "{}: {} bytes, {} -> {} features, {} parameters ({} bytes), precision {}\n",
      terminal_safe(doc["file"].get<std::string>()), doc["size_bytes"].get<std::size_t>(),
      doc["input_features"].get<std::size_t>(), doc["output_features"].get<std::size_t>(),
      doc["parameter_count"].get<std::size_t>(), doc["parameter_bytes"].get<std::size_t>(),
      doc["precision"].get<std::string>());
  std::cerr << fmt::format("{:>5}  {:<10} {:>14} {:>12} {:>12} {:>9} {:>9}\n", "layer", "type",
                           "shape", "parameters", "bytes", "precision", "sparsity");
  for (const auto& l : doc["layers"]) {
    std::cerr << fmt::format("{:>5}  {:<10} {:>14} {:>12} {:>12} {:>9} {:>8.1f}%\n",
                             l["index"].get<std::size_t>(), l["type"].get<std::string>(),
                             fmt::format("{}->{}", l["input_features"].get<std::size_t>(),
                                         l["output_features"].get<std::size_t>()),
                             l["parameters"].get<std::size_t>(), l["bytes"].get<std::size_t>(),
                             l["precision"].get<std::string>(),
                             100.0 * l["sparsity"].get<double>());
  }
  for (const auto& [key, value] : doc["metadata"].items()) {
    std::cerr << fmt::format("metadata {}: {}\n", terminal_safe(key),
                             terminal_safe(value.get<std::string>()));
  }
}

int run_inspect(const InspectFlags& f) {
  const engine::Model model = optimize::load_any_model(f.model);
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t i = 0; i < model.num_layers(); ++i) layers.push_back(describe(model, i));
  const nlohmann::json doc = {{"file", f.model},
                              {"size_bytes", std::filesystem::file_size(f.model)},
                              {"input_features", model.input_features()},
                              {"output_features", model.output_features()},
                              {"parameter_count", model.parameter_count()},
                              {"parameter_bytes", model.parameter_bytes()},
                              {"precision", model.precision()},
                              {"layers", layers},
                              {"metadata", model.metadata()}};
  if (f.json) {
    print_json(doc);
  } else {
    print_text(doc);
  }
  return kExitOk;
}

void add_flags(CLI::App& cmd, InspectFlags& f) {
  cmd.add_option("model", f.model, "Model file")->required();
  cmd.add_flag("--json", f.json, "Print the description as JSON on stdout");
}

}  // namespace

const AddCommand add_inspect_command = &bound_command<InspectFlags, add_flags, run_inspect>;

}  // namespace tinyperf::cli
