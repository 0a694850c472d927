#include "tinyperf/optimize/prune.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/optimize/linear_int8.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::optimize {
namespace {

using engine::Linear;
using engine::Model;

std::vector<Linear*> linear_layers(Model& model) {
  std::vector<Linear*> out;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    if (auto* l = dynamic_cast<Linear*>(&model.layer(i))) out.push_back(l);
  }
  return out;
}

// Zeroes the round(sparsity × n) smallest |w| among `weights` (ties: lower position first).
std::size_t prune_group(const std::vector<float*>& weights, double sparsity) {
  const auto k =
      static_cast<std::size_t>(std::llround(sparsity * static_cast<double>(weights.size())));
  if (k == 0) return 0;
  std::vector<std::uint32_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0u);
  auto smaller = [&](std::uint32_t a, std::uint32_t b) {
    const float x = std::fabs(*weights[a]), y = std::fabs(*weights[b]);
    return x < y || (x == y && a < b);
  };
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k - 1), order.end(),
                   smaller);
  for (std::size_t i = 0; i < k; ++i) *weights[order[i]] = 0.0f;
  return k;
}

std::vector<float*> weight_pointers(Linear& layer) {
  std::vector<float*> out;
  for (float& w : layer.weight().values<float>()) {
    if (!std::isfinite(w)) throw InputError("prune: a weight is NaN or infinite");
    out.push_back(&w);
  }
  return out;
}

constexpr std::array<Choice<PruneScope>, 2> kScopes = {
    {{"global", PruneScope::kGlobal}, {"layer", PruneScope::kLayer}}};

}  // namespace

std::string prune_scope_name(PruneScope scope) { return std::string(choice_name(kScopes, scope)); }

PruneScope parse_prune_scope(const std::string& name) {
  return parse_choice(kScopes, name, "scope");
}

std::size_t magnitude_prune(Model& model, double sparsity, PruneScope scope) {
  if (!(sparsity >= 0.0 && sparsity <= 1.0))
    throw InputError(fmt::format("sparsity must be in [0, 1], got {}", sparsity), "sparsity");
  const std::vector<Linear*> layers = linear_layers(model);
  if (layers.empty()) throw InputError("prune: the model has no linear (fp32 dense) layer");
  if (scope == PruneScope::kLayer) {
    std::size_t chosen = 0;
    for (Linear* l : layers) chosen += prune_group(weight_pointers(*l), sparsity);
    return chosen;
  }
  std::vector<float*> all;
  for (Linear* l : layers) {
    const auto w = weight_pointers(*l);
    all.insert(all.end(), w.begin(), w.end());
  }
  return prune_group(all, sparsity);
}

std::vector<engine::EpochStats> finetune_masked(Model& model, const engine::LabeledData& data,
                                                engine::TrainOptions options) {
  // Positions of the zero weights of each layer (by layer index), re-zeroed after every step.
  std::vector<std::pair<std::size_t, std::vector<std::uint32_t>>> zeros;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    auto* l = dynamic_cast<Linear*>(&model.layer(i));
    if (l == nullptr) continue;
    std::vector<std::uint32_t> idx;
    const auto w = l->weight().values<float>();
    for (std::size_t k = 0; k < w.size(); ++k) {
      if (w[k] == 0.0f) idx.push_back(static_cast<std::uint32_t>(k));
    }
    zeros.emplace_back(i, std::move(idx));
  }
  auto previous = options.after_step;
  options.after_step = [zeros = std::move(zeros), previous](Model& m) {
    for (const auto& [layer, idx] : zeros) {
      auto w = dynamic_cast<Linear&>(m.layer(layer)).weight().values<float>();
      for (std::uint32_t k : idx) w[k] = 0.0f;
    }
    if (previous) previous(m);
  };
  return engine::train(model, data, options);
}

Model to_sparse(const Model& model) {
  Model out(model.input_features());
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    const auto* l = dynamic_cast<const Linear*>(&model.layer(i));
    if (l == nullptr) {
      out.add(model.layer(i).clone());
      continue;
    }
    std::size_t nnz = 0;
    for (float w : l->weight().values<float>()) nnz += w != 0.0f ? 1 : 0;
    const std::size_t index_bytes = l->in_features() <= 65536 ? 2 : 4;
    const std::size_t sparse_bytes = nnz * (4 + index_bytes) + (l->out_features() + 1) * 4;
    if (sparse_bytes < l->weight().size_bytes()) {
      out.add(SparseLinear::from_linear(*l));
    } else {
      out.add(l->clone());
    }
  }
  out.metadata() = model.metadata();
  return out;
}

Model to_dense(const Model& model) {
  Model out(model.input_features());
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    if (const auto* s = dynamic_cast<const SparseLinear*>(&model.layer(i))) {
      out.add(std::make_unique<Linear>(s->to_linear()));
    } else {
      out.add(model.layer(i).clone());
    }
  }
  out.metadata() = model.metadata();
  return out;
}

double weight_sparsity(const engine::Layer& layer) {
  std::size_t zeros = 0, total = 0;
  if (const auto* l = dynamic_cast<const Linear*>(&layer)) {
    for (float w : l->weight().values<float>()) zeros += w == 0.0f ? 1 : 0;
    total = l->weight().numel();
  } else if (const auto* q = dynamic_cast<const LinearInt8*>(&layer)) {
    for (std::int8_t w : q->weight().values<std::int8_t>()) zeros += w == 0 ? 1 : 0;
    total = q->weight().numel();
  } else if (const auto* s = dynamic_cast<const SparseLinear*>(&layer)) {
    total = s->in_features() * s->out_features();
    zeros = total - s->nonzeros();
    for (float v : s->values()) zeros += v == 0.0f ? 1 : 0;
  }
  return total == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(total);
}

}  // namespace tinyperf::optimize
