#include "tinyperf/optimize/quantize.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/optimize/linear_int8.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::optimize {
namespace {

bool is_quantizable(const engine::Layer& layer) {
  return dynamic_cast<const engine::Linear*>(&layer) != nullptr ||
         dynamic_cast<const SparseLinear*>(&layer) != nullptr;
}

void check_options(const QuantizeOptions& o) {
  if (!(o.percentile > 50.0 && o.percentile <= 100.0)) {
    throw InputError(fmt::format("percentile must be in (50, 100], got {}", o.percentile),
                     "percentile");
  }
  if (o.calibration_samples == 0) {
    throw InputError("calibration_samples must be at least 1", "calibration_samples");
  }
}

// Row indices of the calibration sample: all rows when there are few enough, else a partial
// Fisher-Yates shuffle with mt19937_64(seed), kept in ascending order.
std::vector<std::size_t> sample_rows(std::size_t rows, const QuantizeOptions& o) {
  std::vector<std::size_t> idx(rows);
  for (std::size_t i = 0; i < rows; ++i) idx[i] = i;
  if (o.calibration_samples >= rows) return idx;
  std::mt19937_64 rng(o.seed);
  for (std::size_t i = 0; i < o.calibration_samples; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, rows - 1);
    std::swap(idx[i], idx[pick(rng)]);
  }
  idx.resize(o.calibration_samples);
  std::sort(idx.begin(), idx.end());
  return idx;
}

// Value at fraction q in [0, 1] of the sorted finite values (linear interpolation between the
// neighbouring order statistics); `values` is reordered.
float quantile(std::vector<float>& values, double q) {
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
  const float a = values[lo];
  if (lo + 1 >= values.size()) return a;
  const float b =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
  return static_cast<float>(a + (pos - static_cast<double>(lo)) * (b - a));
}

ActivationRange range_of(std::span<const float> activations, const QuantizeOptions& o) {
  std::vector<float> finite;
  finite.reserve(activations.size());
  for (float v : activations) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  if (finite.empty()) return {0.0f, 0.0f};
  if (o.method == CalibrationMethod::kMinMax) {
    const auto [lo, hi] = std::minmax_element(finite.begin(), finite.end());
    return {*lo, *hi};
  }
  const float hi = quantile(finite, o.percentile / 100.0);
  const float lo = quantile(finite, 1.0 - o.percentile / 100.0);
  return {lo, hi};
}

// Output of one layer on `rows` rows, with the engine's fast kernels.
std::vector<float> run_layer(const engine::Layer& layer, std::size_t width,
                             const std::vector<float>& x, std::size_t rows) {
  engine::Model single(width);
  single.add(layer.clone());
  engine::Session session(single, {engine::Backend::kFast, 1});
  std::vector<float> y(rows * single.output_features());
  session.run(x, rows, y);
  return y;
}

constexpr std::array<Choice<CalibrationMethod>, 2> kMethods = {
    {{"minmax", CalibrationMethod::kMinMax}, {"percentile", CalibrationMethod::kPercentile}}};

}  // namespace

std::string calibration_method_name(CalibrationMethod method) {
  return std::string(choice_name(kMethods, method));
}

CalibrationMethod parse_calibration_method(const std::string& name) {
  return parse_choice(kMethods, name, "calibration_method");
}

std::vector<std::optional<ActivationRange>> calibrate(const engine::Model& model,
                                                      std::span<const float> features,
                                                      const QuantizeOptions& options) {
  check_options(options);
  const std::size_t width0 = model.input_features();
  if (features.empty() || features.size() % width0 != 0) {
    throw InputError(fmt::format(
        "calibration data: {} values are not a whole, nonzero number of rows of {} features",
        features.size(), width0));
  }
  const std::vector<std::size_t> rows = sample_rows(features.size() / width0, options);
  std::vector<float> x;
  x.reserve(rows.size() * width0);
  for (std::size_t r : rows)
    x.insert(x.end(), features.begin() + r * width0, features.begin() + (r + 1) * width0);
  std::vector<std::optional<ActivationRange>> ranges(model.num_layers());
  std::size_t last = 0;  // one past the last layer that needs a range: later layers need not run
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    if (is_quantizable(model.layer(i))) last = i + 1;
  }
  std::size_t width = width0;
  for (std::size_t i = 0; i < last; ++i) {
    const engine::Layer& layer = model.layer(i);
    if (is_quantizable(layer)) ranges[i] = range_of(x, options);
    if (i + 1 < last) {
      const std::size_t next = layer.output_features(width);
      x = run_layer(layer, width, x, rows.size());
      width = next;
    }
  }
  return ranges;
}

engine::Model quantize_model(const engine::Model& model, std::span<const float> features,
                             const QuantizeOptions& options) {
  const auto ranges = calibrate(model, features, options);
  engine::Model quantized(model.input_features());
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    const engine::Layer& layer = model.layer(i);
    if (!ranges[i]) {
      quantized.add(layer.clone());
      continue;
    }
    const ActivationQuant q = choose_activation_quant(ranges[i]->lo, ranges[i]->hi);
    if (const auto* sparse = dynamic_cast<const SparseLinear*>(&layer)) {
      quantized.add(LinearInt8::from_linear(sparse->to_linear(), q));
    } else {
      quantized.add(LinearInt8::from_linear(dynamic_cast<const engine::Linear&>(layer), q));
    }
  }
  quantized.metadata() = model.metadata();
  const nlohmann::json info = {
      {"method", calibration_method_name(options.method)},
      {"percentile", options.method == CalibrationMethod::kPercentile
                         ? nlohmann::json(options.percentile)
                         : nlohmann::json(nullptr)},
      {"calibration_samples",
       std::min(options.calibration_samples, features.size() / model.input_features())},
      {"seed", options.seed},
      {"weights", "int8 symmetric per output channel"},
      {"activations", "u8 per tensor, calibrated scale and zero point"}};
  quantized.metadata()["quantization"] = info.dump();
  return quantized;
}

}  // namespace tinyperf::optimize
