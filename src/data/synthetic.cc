#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/random.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/data/dataset.h"

namespace tinyperf::data {
namespace {

Dataset sample(std::size_t n, const std::vector<double>& centers, const SyntheticOptions& o,
               SeededRng& rng, const std::string& name) {
  Dataset ds;
  ds.name = name;
  ds.num_features = o.num_features;
  ds.num_classes = o.num_classes;
  ds.features.resize(n * o.num_features);
  for (std::size_t i = 0; i < n; ++i) {
    const auto label = static_cast<std::int32_t>(rng.uniform_below(o.num_classes));
    ds.labels.push_back(label);
    const double* center = centers.data() + static_cast<std::size_t>(label) * o.num_features;
    for (std::size_t f = 0; f < o.num_features; ++f) {
      ds.features[i * o.num_features + f] = static_cast<float>(center[f] + rng.standard_normal());
    }
  }
  Sha256 hash;
  hash.update(std::as_bytes(std::span<const float>(ds.features)));
  hash.update(std::as_bytes(std::span<const std::int32_t>(ds.labels)));
  ds.sha256 = hash.hex_digest();
  return ds;
}

}  // namespace

DatasetSplits make_synthetic(const SyntheticOptions& o) {
  if (o.train_size == 0 || o.test_size == 0 || o.num_features == 0) {
    throw InputError("synthetic data: sizes and feature count must be at least 1");
  }
  if (o.num_classes < 2) throw InputError("synthetic data: at least 2 classes are needed");
  if (!(o.center_spread >= 0) || !std::isfinite(o.center_spread)) {
    throw InputError("synthetic data: center_spread must be a finite number >= 0");
  }
  SeededRng rng(o.seed);
  std::vector<double> centers(o.num_classes * o.num_features);
  for (double& c : centers) c = o.center_spread * rng.standard_normal();
  DatasetSplits s;
  s.train = sample(o.train_size, centers, o, rng, "synthetic/train");
  s.test = sample(o.test_size, centers, o, rng, "synthetic/test");
  return s;
}

}  // namespace tinyperf::data
