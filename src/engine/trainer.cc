#include "trainer.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::engine::detail {

struct Trainer::Pass {
  std::vector<fast::Matmul> forward, weight_grad, input_grad;  // per dense layer
  std::vector<AlignedVector<float>> activations;  // output of each dense layer [n, out]
  std::vector<AlignedVector<float>> deltas;       // dLoss/d(pre-activation) [n, out]
};

namespace {

std::vector<Trainer::Dense> read_structure(Model& model) {
  std::vector<Trainer::Dense> dense;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    Layer& layer = model.layer(i);
    const std::string kind = layer.kind();
    const bool last = i + 1 == model.num_layers();
    if (auto* linear = dynamic_cast<Linear*>(&layer)) {
      dense.push_back({linear, false});
    } else if (kind == "relu" && !dense.empty() && !dense.back().relu &&
               dynamic_cast<Linear*>(&model.layer(i - 1)) != nullptr) {
      dense.back().relu = true;
    } else if (kind == "softmax" && last && i > 0 &&
               dynamic_cast<Linear*>(&model.layer(i - 1)) != nullptr) {
      // The loss applies softmax to the logits itself.
    } else if (kind != "flatten") {
      throw UnsupportedError(
          fmt::format("training does not support layer {} ({}) at this position; "
                      "supported: Linear [ReLU] ... Linear [Softmax], Flatten",
                      i, kind));
    }
  }
  if (dense.empty() || dense.back().relu) {
    throw InputError(
        "training needs a model that ends in a Linear layer (optionally then Softmax)");
  }
  return dense;
}

}  // namespace

Trainer::Trainer(Model& model, int threads) : dense_(read_structure(model)), threads_(threads) {
  for (const Dense& d : dense_) {
    grads_.push_back({AlignedVector<float>(d.layer->weight().numel()),
                      AlignedVector<float>(d.layer->bias().numel())});
  }
}

Trainer::~Trainer() = default;

Trainer::Pass& Trainer::pass_for(std::size_t n) {
  auto& slot = passes_[n];
  if (slot) return *slot;
  slot = std::make_unique<Pass>();
  for (std::size_t l = 0; l < dense_.size(); ++l) {
    const std::size_t in = dense_[l].layer->in_features(), out = dense_[l].layer->out_features();
    slot->forward.emplace_back(fast::Matmul::Shape{n, in, out, false, true, true, dense_[l].relu},
                               threads_);
    slot->weight_grad.emplace_back(fast::Matmul::Shape{out, n, in, true, false, false, false},
                                   threads_);
    slot->input_grad.emplace_back(fast::Matmul::Shape{n, out, in, false, false, false, false},
                                  threads_);
    slot->activations.emplace_back(n * out);
    slot->deltas.emplace_back(n * out);
  }
  return *slot;
}

double Trainer::forward_backward(const float* x, const std::int32_t* y, std::size_t n,
                                 std::size_t* correct) {
  Pass& pass = pass_for(n);
  const float* input = x;
  for (std::size_t l = 0; l < dense_.size(); ++l) {
    const Linear& layer = *dense_[l].layer;
    pass.forward[l].run(input, layer.weight().values<float>().data(),
                        layer.bias().values<float>().data(), pass.activations[l].data());
    input = pass.activations[l].data();
  }
  // Softmax cross-entropy on the logits; its gradient is (p - onehot) / n.
  const std::size_t classes = this->classes();
  const float* logits = pass.activations.back().data();
  float* delta = pass.deltas.back().data();
  double loss = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const float* z = logits + r * classes;
    const std::size_t best = static_cast<std::size_t>(std::max_element(z, z + classes) - z);
    double sum = 0;
    for (std::size_t c = 0; c < classes; ++c) sum += std::exp(double{z[c]} - z[best]);
    loss += std::log(sum) - (double{z[y[r]]} - z[best]);
    for (std::size_t c = 0; c < classes; ++c) {
      const double p = std::exp(double{z[c]} - z[best]) / sum;
      delta[r * classes + c] =
          static_cast<float>((p - (c == static_cast<std::size_t>(y[r]) ? 1.0 : 0.0)) / n);
    }
    *correct += best == static_cast<std::size_t>(y[r]) ? 1 : 0;
  }
  backward(pass, x, n);
  return loss / static_cast<double>(n);
}

void Trainer::backward(Pass& pass, const float* x, std::size_t n) {
  for (std::size_t l = dense_.size(); l-- > 0;) {
    const Linear& layer = *dense_[l].layer;
    const std::size_t out = layer.out_features(), in = layer.in_features();
    const float* delta = pass.deltas[l].data();
    const float* prev = l == 0 ? x : pass.activations[l - 1].data();
    pass.weight_grad[l].run(delta, prev, nullptr, grads_[l].weight.data());
    float* db = grads_[l].bias.data();
    std::fill(db, db + out, 0.0f);
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t j = 0; j < out; ++j) db[j] += delta[r * out + j];
    }
    if (l == 0) break;
    float* prev_delta = pass.deltas[l - 1].data();
    pass.input_grad[l].run(delta, layer.weight().values<float>().data(), nullptr, prev_delta);
    if (dense_[l - 1].relu) {
      for (std::size_t i = 0; i < n * in; ++i)
        prev_delta[i] = prev[i] > 0.0f ? prev_delta[i] : 0.0f;
    }
  }
}

}  // namespace tinyperf::engine::detail
