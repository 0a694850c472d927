// The engine behind the harness's model interface: an engine::Model (fp32, int8, sparse: whatever
// a Session runs) as a measure::ModelUnderTest, and the one count of its parameters and stored
// bytes that every result reports. The load-generator side is engine_sut.h.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "tinyperf/engine/model.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/measure/model.h"

namespace tinyperf::adapters {

// What a model reports about its size.
struct ModelFootprint {
  // Elements of the weight and bias tensors as stored (optimize::tensor_role kWeights and kBias):
  // pruned zeros that a sparse layer does not store are not counted; scales, zero points and
  // indices are not parameters. The same for an fp32 model and its int8 quantization.
  std::uint64_t parameters = 0;
  // Bytes of the model as stored: optimize::model_size(model).file_bytes, i.e. the size of
  // engine::serialize_model(model) and of the file engine::save_model writes.
  std::uint64_t stored_bytes = 0;
};

// The footprint of `model` (serializes it once to count its bytes).
ModelFootprint footprint(const engine::Model& model);

// How an EngineModel runs, and how a caller stops it.
struct EngineModelOptions {
  // The Session an EngineModel creates for itself (ignored when a session is passed in).
  engine::SessionOptions session = {};
  // Polled (relaxed) before every predict() and every SUT batch; may be null. Must outlive the
  // model. Once it is true, predict() calls on_stop, and an EngineSut does no more work.
  const std::atomic<bool>* stop = nullptr;
  // Called by predict() when *stop is true; it must throw the caller's own exception (e.g.
  // workflow::Interrupted). When empty, predict() throws tinyperf::Error("stopped").
  std::function<void()> on_stop = {};
};

// An engine::Model as a measure::ModelUnderTest. Not thread-safe (one Session, one caller at a
// time), as ModelUnderTest allows.
class EngineModel final : public measure::ModelUnderTest {
 public:
  // Runs `model` on a Session of its own (options.session), prepared for single rows. `model`
  // must outlive the EngineModel and not change while it exists. Throws what Session throws
  // (InputError for threads < 1).
  EngineModel(std::string name, const engine::Model& model, EngineModelOptions options = {});
  // Runs `model` on `session`, which is not owned: it must run `model`, outlive the EngineModel
  // and be used by one caller at a time. Several EngineModels may share one session (an A/A test
  // measures the same session on both sides). options.session is ignored.
  EngineModel(std::string name, const engine::Model& model, engine::Session& session,
              EngineModelOptions options = {});
  ~EngineModel() override;
  EngineModel(const EngineModel&) = delete;
  EngineModel& operator=(const EngineModel&) = delete;

  std::string name() const override { return name_; }
  std::size_t input_size() const override { return model_.input_features(); }
  std::size_t num_classes() const override { return model_.output_features(); }
  // session().run() on the rows; allocates nothing for a batch size the session has prepared.
  // Calls options.on_stop first when the stop flag is set.
  void predict(const measure::FeatureRows& x, std::span<float> scores) override;
  std::uint64_t stored_size_bytes() const override { return footprint_.stored_bytes; }
  std::uint64_t parameter_count() const override { return footprint_.parameters; }

  const ModelFootprint& footprint() const { return footprint_; }
  const engine::Model& model() const { return model_; }
  engine::Session& session() { return *session_; }
  // True once the stop flag is set.
  bool stop_requested() const;

 private:
  std::string name_;
  const engine::Model& model_;
  EngineModelOptions options_;
  ModelFootprint footprint_;
  std::unique_ptr<engine::Session> owned_;
  engine::Session* session_;
};

}  // namespace tinyperf::adapters
