#include "tinyperf/measure/model.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "tinyperf/core/check.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {

FeatureRows FeatureRows::slice(std::size_t first, std::size_t count) const {
  TP_CHECK(first <= rows && count <= rows - first);
  return {values.subspan(first * cols, count * cols), count, cols};
}

void validate_inputs(const ModelUnderTest& model, const FeatureRows& x,
                     std::span<const std::int32_t> labels, std::string_view what) {
  if (x.rows == 0) throw InputError(fmt::format("{} must contain at least one sample", what));
  if (x.cols == 0 || x.values.size() / x.cols != x.rows || x.values.size() % x.cols != 0) {
    throw InputError(fmt::format("{}: {} values do not form {} rows of {} features", what,
                                 x.values.size(), x.rows, x.cols));
  }
  if (x.cols != model.input_size()) {
    throw InputError(fmt::format("{}: rows have {} features but model '{}' takes {}", what, x.cols,
                                 model.name(), model.input_size()));
  }
  if (labels.size() != x.rows) {
    throw InputError(
        fmt::format("labels must contain one class index per sample: {} labels for {} "
                    "samples",
                    labels.size(), x.rows));
  }
  const std::size_t classes = model.num_classes();
  if (classes == 0) throw InputError(fmt::format("model '{}' has no classes", model.name()));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= classes) {
      throw InputError(fmt::format("label {} of sample {} is outside the model's classes [0, {})",
                                   labels[i], i, classes));
    }
  }
}

void require_finite_scores(std::span<const float> scores, std::size_t num_classes,
                           std::string_view model_name) {
  const auto bad =
      std::find_if(scores.begin(), scores.end(), [](float s) { return !std::isfinite(s); });
  if (bad == scores.end()) return;
  const auto index = static_cast<std::size_t>(bad - scores.begin());
  throw InputError(
      fmt::format("model '{}' produced a non-finite score ({}) for sample {}, class {}", model_name,
                  *bad, index / num_classes, index % num_classes));
}

std::size_t argmax_row(std::span<const float> row) {
  TP_CHECK(!row.empty());
  return static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

std::function<void()> predict_call(ModelUnderTest& model, FeatureRows x) {
  auto scores = std::make_shared<std::vector<float>>(x.rows * model.num_classes());
  return [&model, x, scores] { model.predict(x, *scores); };
}

double measure_accuracy(ModelUnderTest& model, const LabelledData& data, std::size_t batch_size) {
  if (batch_size == 0) throw InputError("accuracy batch_size must be at least 1");
  validate_inputs(model, data.x, data.labels, data.name);
  const std::size_t classes = model.num_classes();
  const std::string name = model.name();
  std::vector<float> scores(std::min(batch_size, data.x.rows) * classes);
  std::size_t correct = 0;
  for (std::size_t first = 0; first < data.x.rows; first += batch_size) {
    const std::size_t count = std::min(batch_size, data.x.rows - first);
    const std::span<float> out(scores.data(), count * classes);
    model.predict(data.x.slice(first, count), out);
    require_finite_scores(out, classes, name);
    for (std::size_t r = 0; r < count; ++r) {
      const std::size_t predicted = argmax_row(out.subspan(r * classes, classes));
      correct += predicted == static_cast<std::size_t>(data.labels[first + r]) ? 1 : 0;
    }
  }
  return static_cast<double>(correct) / static_cast<double>(data.x.rows);
}

}  // namespace tinyperf::measure
