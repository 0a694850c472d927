#include "tinyperf/engine/session.h"

#include <cstring>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::engine {
namespace {

constexpr int kUserInput = -1;
constexpr int kUserOutput = -2;

struct Step {
  std::unique_ptr<LayerKernel> kernel;
  int in = kUserInput;
  int out = kUserOutput;
};

// The kernels and two ping-pong activation buffers for one batch size.
struct Plan {
  std::size_t batch = 0;
  std::vector<Step> steps;
  AlignedVector<float> buffers[2];
};

}  // namespace

struct Session::Impl {
  const Model& model;
  SessionOptions options;
  std::vector<Plan> plans;

  Plan& plan_for(std::size_t batch) {
    for (Plan& p : plans) {
      if (p.batch == batch) return p;
    }
    plans.push_back(make_plan(batch));
    return plans.back();
  }

  // One step per layer, except that Flatten is skipped (data is already flat) and a ReLU directly
  // after a layer that accepts it is fused into that layer's kernel.
  Plan make_plan(std::size_t batch) const {
    Plan plan;
    plan.batch = batch;
    std::size_t width = model.input_features(), widest = width;
    for (std::size_t i = 0; i < model.num_layers(); ++i) {
      const Layer& layer = model.layer(i);
      const std::size_t out_width = layer.output_features(width);
      widest = std::max(widest, out_width);
      if (layer.kind() == "flatten") continue;
      KernelRequest request{options.backend, batch, width, false, options.threads};
      if (layer.accepts_fused_relu() && i + 1 < model.num_layers() &&
          model.layer(i + 1).kind() == "relu") {
        request.fuse_relu = true;
        ++i;
      }
      const int in = plan.steps.empty() ? kUserInput : plan.steps.back().out;
      plan.steps.push_back({layer.prepare(request), in, static_cast<int>(plan.steps.size() % 2)});
      width = out_width;
    }
    if (!plan.steps.empty()) plan.steps.back().out = kUserOutput;
    for (auto& buffer : plan.buffers) buffer.resize(batch * widest);
    return plan;
  }
};

Session::Session(const Model& model, SessionOptions options)
    : impl_(std::make_unique<Impl>(Impl{model, options, {}})) {
  if (options.threads < 1) {
    throw InputError(fmt::format("threads must be at least 1, got {}", options.threads), "threads");
  }
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

void Session::prepare(std::size_t batch) {
  if (batch == 0) throw InputError("batch size must be at least 1");
  impl_->plan_for(batch);
}

void Session::run(std::span<const float> input, std::size_t batch, std::span<float> output) {
  if (batch == 0) throw InputError("batch size must be at least 1");
  if (input.size() != batch * input_features() || output.size() != batch * output_features()) {
    throw InputError(fmt::format(
        "session run: got {} input and {} output values for batch {}, expected {} and {}",
        input.size(), output.size(), batch, batch * input_features(), batch * output_features()));
  }
  Plan& plan = impl_->plan_for(batch);
  if (plan.steps.empty()) {
    std::memcpy(output.data(), input.data(), input.size_bytes());
    return;
  }
  auto buffer = [&](int id) -> float* {
    if (id == kUserOutput) return output.data();
    if (id == kUserInput) return const_cast<float*>(input.data());
    return plan.buffers[id].data();
  };
  for (Step& step : plan.steps) step.kernel->run(buffer(step.in), buffer(step.out));
}

Tensor Session::run(std::span<const float> input, std::size_t batch) {
  Tensor out({static_cast<std::int64_t>(batch), static_cast<std::int64_t>(output_features())});
  run(input, batch, out.values<float>());
  return out;
}

std::size_t Session::input_features() const { return impl_->model.input_features(); }
std::size_t Session::output_features() const { return impl_->model.output_features(); }
const SessionOptions& Session::options() const { return impl_->options; }

}  // namespace tinyperf::engine
