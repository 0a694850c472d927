#include "tinyperf/engine/train.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <numeric>

#include <fmt/core.h>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/random.h"
#include "tinyperf/engine/session.h"
#include "trainer.h"

namespace tinyperf::engine {
namespace {

void check_data(const Model& model, const LabeledData& data, std::size_t classes) {
  if (data.size() == 0) throw InputError("the data set has no examples");
  if (data.num_features != model.input_features()) {
    throw InputError(fmt::format("the data set has {} features but the model takes {}",
                                 data.num_features, model.input_features()));
  }
  if (data.features.size() != data.size() * data.num_features) {
    throw InputError(
        fmt::format("the data set has {} feature values for {} examples of {} features",
                    data.features.size(), data.size(), data.num_features));
  }
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data.labels[i] < 0 || static_cast<std::size_t>(data.labels[i]) >= classes) {
      throw InputError(
          fmt::format("label {} of example {} is outside [0, {}) of the model's outputs",
                      data.labels[i], i, classes));
    }
  }
}

void check_options(const TrainOptions& o) {
  if (o.epochs < 1) {
    throw InputError(fmt::format("epochs must be at least 1, got {}", o.epochs), "epochs");
  }
  if (o.batch_size < 1) throw InputError("batch_size must be at least 1", "batch_size");
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate)) {
    throw InputError(
        fmt::format("learning_rate must be a positive number, got {}", o.learning_rate),
        "learning_rate");
  }
  if (o.threads < 1) {
    throw InputError(fmt::format("threads must be at least 1, got {}", o.threads), "threads");
  }
  if (!(o.momentum >= 0 && o.momentum < 1)) throw InputError("momentum must be in [0, 1)");
}

// Optimizer state for one parameter tensor and the update rule.
class ParamState {
 public:
  explicit ParamState(std::size_t n) : m_(n, 0.0f), v_(n, 0.0f) {}

  void adam(std::span<float> w, const float* g, double lr, long step) {
    constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEps = 1e-8f;
    const auto c1 = static_cast<float>(1.0 / (1.0 - std::pow(double{kBeta1}, step)));
    const auto c2 = static_cast<float>(1.0 / (1.0 - std::pow(double{kBeta2}, step)));
    const auto rate = static_cast<float>(lr);
    for (std::size_t i = 0; i < w.size(); ++i) {
      m_[i] = kBeta1 * m_[i] + (1 - kBeta1) * g[i];
      v_[i] = kBeta2 * v_[i] + (1 - kBeta2) * g[i] * g[i];
      w[i] -= rate * (m_[i] * c1) / (std::sqrt(v_[i] * c2) + kEps);
    }
  }

  void sgd(std::span<float> w, const float* g, double lr, double momentum) {
    const auto rate = static_cast<float>(lr), mu = static_cast<float>(momentum);
    for (std::size_t i = 0; i < w.size(); ++i) {
      m_[i] = mu * m_[i] + g[i];
      w[i] -= rate * m_[i];
    }
  }

 private:
  AlignedVector<float> m_, v_;
};

class Optimizers {
 public:
  Optimizers(const detail::Trainer& trainer, const TrainOptions& options) : options_(options) {
    for (const auto& d : trainer.dense()) {
      states_.emplace_back(d.layer->weight().numel());
      states_.emplace_back(d.layer->bias().numel());
    }
  }

  void step(detail::Trainer& trainer) {
    ++steps_;
    for (std::size_t l = 0; l < trainer.dense().size(); ++l) {
      Linear& layer = *trainer.dense()[l].layer;
      update(states_[2 * l], layer.weight().values<float>(), trainer.gradients()[l].weight.data());
      update(states_[2 * l + 1], layer.bias().values<float>(), trainer.gradients()[l].bias.data());
    }
  }

 private:
  void update(ParamState& s, std::span<float> w, const float* g) {
    if (options_.optimizer == Optimizer::kAdam) {
      s.adam(w, g, options_.learning_rate, steps_);
    } else {
      s.sgd(w, g, options_.learning_rate, options_.momentum);
    }
  }

  const TrainOptions& options_;
  std::vector<ParamState> states_;
  long steps_ = 0;
};

// Copies the rows order[first, first + n) into contiguous mini-batch buffers.
void gather(const LabeledData& data, const std::vector<std::size_t>& order, std::size_t first,
            std::size_t n, std::vector<float>& x, std::vector<std::int32_t>& y) {
  const std::size_t d = data.num_features;
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t row = order[first + r];
    std::memcpy(x.data() + r * d, data.features.data() + row * d, d * sizeof(float));
    y[r] = data.labels[row];
  }
}

constexpr std::array<Choice<Optimizer>, 2> kOptimizers = {
    {{"adam", Optimizer::kAdam}, {"sgd", Optimizer::kSgd}}};

}  // namespace

std::string optimizer_name(Optimizer optimizer) {
  return std::string(choice_name(kOptimizers, optimizer));
}

Optimizer parse_optimizer(const std::string& name) {
  return parse_choice(kOptimizers, name, "optimizer");
}

std::vector<EpochStats> train(Model& model, const LabeledData& data, const TrainOptions& options) {
  check_options(options);
  detail::Trainer trainer(model, options.threads);
  check_data(model, data, trainer.classes());
  Optimizers optimizers(trainer, options);
  std::vector<std::size_t> order(data.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  SeededRng rng(options.seed);
  std::vector<float> x(options.batch_size * data.num_features);
  std::vector<std::int32_t> y(options.batch_size);
  std::vector<EpochStats> history;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    rng.shuffle(order);
    double loss_sum = 0;
    std::size_t correct = 0;
    for (std::size_t first = 0; first < data.size(); first += options.batch_size) {
      const std::size_t n = std::min(options.batch_size, data.size() - first);
      gather(data, order, first, n, x, y);
      loss_sum +=
          trainer.forward_backward(x.data(), y.data(), n, &correct) * static_cast<double>(n);
      optimizers.step(trainer);
      if (options.after_step) options.after_step(model);
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    history.push_back({epoch, loss_sum / static_cast<double>(data.size()),
                       static_cast<double>(correct) / static_cast<double>(data.size()),
                       took.count()});
    if (options.on_epoch) options.on_epoch(history.back());
  }
  return history;
}

double evaluate(const Model& model, const LabeledData& data, int threads) {
  check_data(model, data, std::numeric_limits<std::size_t>::max());
  constexpr std::size_t kBatch = 256;
  Session session(model, {Backend::kFast, threads});
  const std::size_t classes = model.output_features(), d = data.num_features;
  std::vector<float> out(kBatch * classes);
  std::size_t correct = 0;
  for (std::size_t first = 0; first < data.size(); first += kBatch) {
    const std::size_t n = std::min(kBatch, data.size() - first);
    session.run(data.features.subspan(first * d, n * d), n,
                std::span<float>(out).first(n * classes));
    for (std::size_t r = 0; r < n; ++r) {
      const float* row = out.data() + r * classes;
      const auto best = std::max_element(row, row + classes) - row;
      correct += best == data.labels[first + r] ? 1 : 0;
    }
  }
  return static_cast<double>(correct) / static_cast<double>(data.size());
}

double cross_entropy(std::span<const float> logits, std::span<const std::int32_t> labels,
                     std::size_t classes) {
  if (classes == 0 || logits.size() != labels.size() * classes || labels.empty()) {
    throw InputError(fmt::format("cross_entropy: {} logits for {} labels of {} classes",
                                 logits.size(), labels.size(), classes));
  }
  double total = 0;
  for (std::size_t r = 0; r < labels.size(); ++r) {
    if (labels[r] < 0 || static_cast<std::size_t>(labels[r]) >= classes) {
      throw InputError(fmt::format("cross_entropy: label {} outside [0, {})", labels[r], classes));
    }
    const auto row = logits.subspan(r * classes, classes);
    const double top = *std::max_element(row.begin(), row.end());
    double sum = 0;
    for (float z : row) sum += std::exp(double{z} - top);
    total += std::log(sum) - (double{row[labels[r]]} - top);
  }
  return total / static_cast<double>(labels.size());
}

}  // namespace tinyperf::engine
