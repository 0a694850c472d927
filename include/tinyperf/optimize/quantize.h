// Post-training static INT8 quantization of a Model: every Linear (and SparseLinear, densified)
// becomes a LinearInt8 whose input scale and zero point are calibrated on a sample of real inputs
// (normally the training split), run through the fp32 model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/engine/model.h"

namespace tinyperf::optimize {

enum class CalibrationMethod {
  kMinMax,      // the smallest and largest value seen
  kPercentile,  // the (100 − p) and p percentiles (p = QuantizeOptions::percentile): outliers clip
};

// "minmax" / "percentile"; parse_calibration_method throws InputError naming the field
// calibration_method for other names.
std::string calibration_method_name(CalibrationMethod method);
CalibrationMethod parse_calibration_method(const std::string& name);

struct QuantizeOptions {
  CalibrationMethod method = CalibrationMethod::kPercentile;
  double percentile = 99.99;               // for kPercentile; in (50, 100]
  std::size_t calibration_samples = 1000;  // rows drawn without replacement (all when fewer)
  std::uint64_t seed = 42;                 // mt19937_64 seed of that draw
};

// Value range seen at one layer's input.
struct ActivationRange {
  float lo = 0;
  float hi = 0;
};

// The calibrated input range of every layer that quantization replaces (Linear, SparseLinear),
// nullopt for the others. `features` holds rows of model.input_features() values (row-major); the
// sample is drawn from them per `options`. Non-finite values are ignored. Throws InputError when
// features is empty or not a whole number of rows, or the options are out of range.
std::vector<std::optional<ActivationRange>> calibrate(const engine::Model& model,
                                                      std::span<const float> features,
                                                      const QuantizeOptions& options = {});

// The quantized model: Linear and SparseLinear layers replaced by LinearInt8, other layers and the
// metadata kept, plus metadata "quantization" (JSON text: method, percentile, samples, seed).
// Throws what calibrate and quantize_weight throw.
engine::Model quantize_model(const engine::Model& model, std::span<const float> features,
                             const QuantizeOptions& options = {});

}  // namespace tinyperf::optimize
