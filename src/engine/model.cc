#include "tinyperf/engine/model.h"

#include <cmath>
#include <set>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/random.h"

namespace tinyperf::engine {

Model::Model(std::size_t input_features)
    : input_features_(input_features), widths_{input_features} {
  if (input_features == 0) throw InputError("a model needs at least 1 input feature");
}

Model::Model(const Model& other)
    : input_features_(other.input_features_), widths_(other.widths_), metadata_(other.metadata_) {
  for (const auto& layer : other.layers_) layers_.push_back(layer->clone());
}

Model& Model::operator=(const Model& other) {
  if (this != &other) *this = Model(other);
  return *this;
}

void Model::add(std::unique_ptr<Layer> layer) {
  TP_CHECK(layer != nullptr);
  const std::size_t out = layer->output_features(output_features());  // throws when it does not fit
  widths_.push_back(out);
  try {
    layers_.push_back(std::move(layer));
  } catch (...) {
    widths_.pop_back();  // leave the model as it was
    throw;
  }
}

std::size_t Model::input_features_of(std::size_t index) const {
  TP_CHECK(index <= layers_.size());
  return widths_.empty() ? input_features_ : widths_[index];  // empty only when moved from
}

void Model::replace_layer(std::size_t index, std::unique_ptr<Layer> layer) {
  TP_CHECK(layer != nullptr && index < layers_.size());
  const std::size_t in = input_features_of(index);
  if (layer->output_features(in) != layers_[index]->output_features(in)) {
    throw InputError(fmt::format("replacing layer {} would change its output width", index));
  }
  layers_[index] = std::move(layer);
}

std::size_t Model::parameter_count() const {
  std::size_t n = 0;
  for (const auto& layer : layers_) n += layer->parameter_count();
  return n;
}

std::size_t Model::parameter_bytes() const {
  std::size_t n = 0;
  for (const auto& layer : layers_) n += layer->parameter_bytes();
  return n;
}

std::string Model::precision() const {
  std::set<std::string> kinds;
  for (const auto& layer : layers_) {
    if (layer->parameter_count() > 0) kinds.insert(layer->precision());
  }
  if (kinds.empty()) return "fp32";
  std::string joined;
  for (const std::string& k : kinds) joined += (joined.empty() ? "" : "+") + k;
  return joined;
}

Tensor Model::forward(std::span<const float> input, std::size_t batch) const {
  if (input.size() != batch * input_features_) {
    throw InputError(fmt::format("model input has {} values, expected {} rows x {} features",
                                 input.size(), batch, input_features_));
  }
  std::vector<float> current(input.begin(), input.end());
  std::size_t width = input_features_;
  for (const auto& layer : layers_) {
    const std::size_t out_width = layer->output_features(width);
    std::vector<float> next(batch * out_width);
    layer->forward_reference(current, next, batch, width);
    current = std::move(next);
    width = out_width;
  }
  return Tensor::from_floats({static_cast<std::int64_t>(batch), static_cast<std::int64_t>(width)},
                             current);
}

void init_he(Model& model, std::uint64_t seed) {
  SeededRng rng(seed);
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    auto* linear = dynamic_cast<Linear*>(&model.layer(i));
    if (linear == nullptr) continue;
    const double stddev = std::sqrt(2.0 / static_cast<double>(linear->in_features()));
    for (float& w : linear->weight().values<float>()) {
      w = static_cast<float>(stddev * rng.standard_normal());
    }
    for (float& b : linear->bias().values<float>()) b = 0.0f;
  }
}

Model make_mlp(std::size_t inputs, const std::vector<std::size_t>& hidden, std::size_t outputs,
               std::uint64_t seed, bool softmax) {
  Model model(inputs);
  std::size_t width = inputs;
  for (std::size_t h : hidden) {
    model.add(std::make_unique<Linear>(width, h));
    model.add(std::make_unique<ReLU>());
    width = h;
  }
  model.add(std::make_unique<Linear>(width, outputs));
  if (softmax) model.add(std::make_unique<Softmax>());
  init_he(model, seed);
  return model;
}

SimpleMLP::SimpleMLP(std::size_t input_size, std::size_t hidden_size, std::size_t output_size,
                     std::uint64_t seed)
    : Model(make_mlp(input_size, {hidden_size}, output_size, seed)) {}

}  // namespace tinyperf::engine
