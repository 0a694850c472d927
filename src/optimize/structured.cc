// Structured pruning: whole hidden neurons out, a smaller dense model back (prune.h).
#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "tinyperf/core/error.h"
#include "tinyperf/optimize/prune.h"

namespace tinyperf::optimize {
namespace {

using engine::Linear;
using engine::Model;

// A hidden neuron candidate: layer (index into the Linear list), row, and its score.
struct Neuron {
  std::size_t layer = 0, row = 0;
  double score = 0;
};

void check_kinds(const Model& model) {
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    const std::string kind = model.layer(i).kind();
    if (kind != "linear" && kind != "relu" && kind != "flatten" && kind != "softmax") {
      throw UnsupportedError(
          fmt::format("structured pruning needs a dense fp32 model of linear, relu, flatten and "
                      "softmax layers; layer {} is \"{}\"",
                      i, kind));
    }
  }
}

// Model indices of the Linear layers, and for each whether it is hidden (its outputs reach the
// next Linear through ReLU / Flatten only).
std::vector<std::pair<std::size_t, bool>> linear_positions(const Model& model) {
  std::vector<std::pair<std::size_t, bool>> out;
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    if (model.layer(i).kind() != "linear") continue;
    std::size_t j = i + 1;
    while (j < model.num_layers() &&
           (model.layer(j).kind() == "relu" || model.layer(j).kind() == "flatten"))
      ++j;
    out.emplace_back(i, j < model.num_layers() && model.layer(j).kind() == "linear");
  }
  return out;
}

double row_norm(const Linear& l, std::size_t row) {
  double s = 0;
  for (std::size_t k = 0; k < l.in_features(); ++k) {
    const double w = l.weight().values<float>()[row * l.in_features() + k];
    s += w * w;
  }
  return std::sqrt(s);
}

bool lower(const Neuron& a, const Neuron& b) {
  if (a.score != b.score) return a.score < b.score;
  return a.layer != b.layer ? a.layer < b.layer : a.row < b.row;
}

// removed[l][row] for each Linear l (all false for non-hidden ones).
std::vector<std::vector<bool>> choose(const Model& model,
                                      const std::vector<std::pair<std::size_t, bool>>& linears,
                                      double fraction, PruneScope scope) {
  std::vector<std::vector<bool>> removed;
  std::vector<Neuron> all;
  std::size_t hidden_total = 0;
  for (std::size_t l = 0; l < linears.size(); ++l) {
    const auto& layer = dynamic_cast<const Linear&>(model.layer(linears[l].first));
    removed.emplace_back(layer.out_features(), false);
    if (!linears[l].second) continue;
    std::vector<Neuron> neurons;
    for (std::size_t r = 0; r < layer.out_features(); ++r) {
      const double norm = row_norm(layer, r);
      neurons.push_back(
          {l, r,
           scope == PruneScope::kGlobal ? norm / std::sqrt(double(layer.in_features())) : norm});
    }
    hidden_total += neurons.size();
    if (scope == PruneScope::kGlobal) {
      all.insert(all.end(), neurons.begin(), neurons.end());
      continue;
    }
    std::sort(neurons.begin(), neurons.end(), lower);
    const auto k = std::min<std::size_t>(
        static_cast<std::size_t>(std::llround(fraction * double(neurons.size()))),
        neurons.size() - 1);
    for (std::size_t i = 0; i < k; ++i) removed[l][neurons[i].row] = true;
  }
  if (scope == PruneScope::kGlobal) {
    std::sort(all.begin(), all.end(), lower);
    auto k = static_cast<std::size_t>(std::llround(fraction * double(hidden_total)));
    std::vector<std::size_t> left(linears.size());
    for (std::size_t l = 0; l < linears.size(); ++l) left[l] = removed[l].size();
    for (const Neuron& n : all) {
      if (k == 0) break;
      if (left[n.layer] <= 1) continue;  // every layer keeps at least one neuron
      removed[n.layer][n.row] = true;
      --left[n.layer];
      --k;
    }
  }
  return removed;
}

std::vector<std::size_t> kept(const std::vector<bool>& removed) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < removed.size(); ++i) {
    if (!removed[i]) out.push_back(i);
  }
  return out;
}

std::unique_ptr<Linear> slice(const Linear& l, const std::vector<std::size_t>& rows,
                              const std::vector<std::size_t>& cols) {
  auto out = std::make_unique<Linear>(cols.size(), rows.size());
  const auto w = l.weight().values<float>();
  auto dst = out->weight().values<float>();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < cols.size(); ++c)
      dst[r * cols.size() + c] = w[rows[r] * l.in_features() + cols[c]];
    out->bias().values<float>()[r] = l.bias().values<float>()[rows[r]];
  }
  return out;
}

}  // namespace

Model structured_prune(const Model& model, double fraction, PruneScope scope) {
  if (!(fraction >= 0.0 && fraction < 1.0))
    throw InputError(fmt::format("sparsity must be in [0, 1), got {}", fraction), "sparsity");
  check_kinds(model);
  const auto linears = linear_positions(model);
  const auto removed = choose(model, linears, fraction, scope);
  Model out(model.input_features());
  std::size_t l = 0;
  std::vector<std::size_t> cols;  // inputs kept by the next Linear
  for (std::size_t c = 0; c < model.input_features(); ++c) cols.push_back(c);
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    const auto* linear = dynamic_cast<const Linear*>(&model.layer(i));
    if (linear == nullptr) {
      out.add(model.layer(i).clone());
      continue;
    }
    const std::vector<std::size_t> rows = kept(removed[l]);
    out.add(slice(*linear, rows, cols));
    cols = rows;
    ++l;
  }
  out.metadata() = model.metadata();
  return out;
}

}  // namespace tinyperf::optimize
