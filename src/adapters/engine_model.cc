#include "tinyperf/adapters/engine_model.h"

#include "tinyperf/core/error.h"
#include "tinyperf/optimize/size.h"

namespace tinyperf::adapters {
namespace {

bool is_parameter(const std::string& tensor_name) {
  const optimize::TensorRole role = optimize::tensor_role(tensor_name);
  return role == optimize::TensorRole::kWeights || role == optimize::TensorRole::kBias;
}

std::uint64_t parameter_elements(const engine::Model& model) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    for (const auto& [name, tensor] : model.layer(i).tensors()) {
      if (is_parameter(name)) n += tensor->numel();
    }
  }
  return n;
}

}  // namespace

ModelFootprint footprint(const engine::Model& model) {
  return {parameter_elements(model), optimize::model_size(model).file_bytes};
}

EngineModel::EngineModel(std::string name, const engine::Model& model, EngineModelOptions options)
    : name_(std::move(name)),
      model_(model),
      options_(std::move(options)),
      footprint_(adapters::footprint(model)),
      owned_(std::make_unique<engine::Session>(model, options_.session)),
      session_(owned_.get()) {
  session_->prepare(1);
}

EngineModel::EngineModel(std::string name, const engine::Model& model, engine::Session& session,
                         EngineModelOptions options)
    : name_(std::move(name)),
      model_(model),
      options_(std::move(options)),
      footprint_(adapters::footprint(model)),
      session_(&session) {
  session_->prepare(1);
}

EngineModel::~EngineModel() = default;

bool EngineModel::stop_requested() const {
  return options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed);
}

void EngineModel::predict(const measure::FeatureRows& x, std::span<float> scores) {
  if (stop_requested()) {
    if (options_.on_stop) options_.on_stop();
    throw Error("stopped");
  }
  session_->run(x.values, x.rows, scores);
}

}  // namespace tinyperf::adapters
