#include "tinyperf/optimize/model_io.h"

#include <fmt/format.h>

#include "tinyperf/core/error.h"
#include "tinyperf/optimize/linear_int8.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::optimize {
namespace {

using engine::LayerSpec;

[[noreturn]] void fail(const LayerSpec& spec, const std::string& what) {
  throw InputError(fmt::format("{}: invalid model file: layer {} ({}): {}", spec.source, spec.index,
                               spec.kind, what));
}

void require_tensors(const LayerSpec& spec, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (!spec.tensors.contains(n)) fail(spec, fmt::format("no tensor \"{}\"", n));
  }
  if (spec.tensors.size() != names.size()) {
    fail(spec, fmt::format("{} tensors, expected {}", spec.tensors.size(), names.size()));
  }
}

std::size_t config_size(const LayerSpec& spec, const char* field) {
  const auto it = spec.config.find(field);
  if (it == spec.config.end() || !it->is_number_unsigned())
    fail(spec, fmt::format("\"{}\" is not a non-negative integer", field));
  return it->get<std::size_t>();
}

void check_widths(const LayerSpec& spec, std::size_t in, std::size_t out) {
  if (config_size(spec, "in_features") != in || config_size(spec, "out_features") != out) {
    fail(spec,
         fmt::format("in_features/out_features do not match the tensors ({} -> {})", in, out));
  }
}

std::unique_ptr<engine::Layer> load_int8(const LayerSpec& spec) {
  require_tensors(spec, {"weight", "weight_scale", "bias", "input_scale", "input_zero_point"});
  const auto& t = spec.tensors;
  auto layer = std::make_unique<LinearInt8>(t.at("weight"), t.at("weight_scale"), t.at("bias"),
                                            t.at("input_scale"), t.at("input_zero_point"));
  check_widths(spec, layer->in_features(), layer->out_features());
  return layer;
}

std::unique_ptr<engine::Layer> load_sparse(const LayerSpec& spec) {
  require_tensors(spec, {"values", "col_indices", "row_ptr", "bias"});
  const auto format = spec.config.find("format");
  if (format == spec.config.end() || *format != "csr") fail(spec, "\"format\" must be \"csr\"");
  const auto& t = spec.tensors;
  auto layer = std::make_unique<SparseLinear>(config_size(spec, "in_features"), t.at("values"),
                                              t.at("col_indices"), t.at("row_ptr"), t.at("bias"));
  check_widths(spec, layer->in_features(), layer->out_features());
  return layer;
}

}  // namespace

engine::LayerLoader layer_loader() {
  return [](const LayerSpec& spec) -> std::unique_ptr<engine::Layer> {
    if (spec.kind == "linear_int8") return load_int8(spec);
    if (spec.kind == "linear_sparse") return load_sparse(spec);
    return nullptr;
  };
}

engine::Model parse_any_model(std::string_view bytes, const std::string& source) {
  return engine::parse_model(bytes, source, layer_loader());
}

engine::Model load_any_model(const std::string& path) {
  return engine::load_model(path, layer_loader());
}

}  // namespace tinyperf::optimize
