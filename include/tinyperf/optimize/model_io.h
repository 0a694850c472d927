// Loading models that contain the optimize module's layer kinds ("linear_int8", "linear_sparse")
// as well as the engine's. Saving needs nothing special: engine::save_model writes any layer.
#pragma once

#include <string>
#include <string_view>

#include "tinyperf/engine/model.h"
#include "tinyperf/engine/model_file.h"

namespace tinyperf::optimize {

// The LayerLoader for the optimize module's kinds (nullptr for other kinds), to pass as `extra` to
// engine::parse_model / load_model. It throws InputError for a wrong tensor set, dtype, shape or
// value (see LinearInt8 and SparseLinear), and for config fields that disagree with the tensors.
engine::LayerLoader layer_loader();

// engine::parse_model / load_model with layer_loader(): reads fp32, int8 and sparse models alike.
// Throws what they throw (InputError, IoError, UnsupportedError).
engine::Model parse_any_model(std::string_view bytes, const std::string& source);
engine::Model load_any_model(const std::string& path);

}  // namespace tinyperf::optimize
