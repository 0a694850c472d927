#include "variants.h"

#include <nlohmann/json.hpp>

#include "baseline.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/quantize.h"

namespace tinyperf::workflow {
namespace {

std::uint64_t steps_per_epoch(const data::Dataset& train, std::size_t batch) {
  return (train.size() + batch - 1) / batch;
}

engine::TrainOptions finetune_options(const DeriveSettings& s, PhaseTracker& tracker,
                                      std::uint64_t& steps) {
  const TrainRecipe finetune{.hidden = {},
                             .epochs = s.finetune_epochs,
                             .batch_size = s.finetune_batch_size,
                             .learning_rate = s.learning_rate,
                             .seed = s.seed,
                             .threads = s.threads};
  return tracked_train_options(finetune, tracker, steps);
}

void record_pruning(engine::Model& m, const char* method, double sparsity, const char* scope,
                    const DeriveSettings& s) {
  m.metadata()["pruning"] = nlohmann::json{
      {"method", method},
      {"sparsity", sparsity},
      {"scope", scope},
      {"finetune_epochs", s.finetune_epochs},
      {"learning_rate", s.learning_rate},
      {"seed", s.seed}}.dump();
}

optimize::QuantizeOptions quantize_options(const DeriveSettings& s) {
  optimize::QuantizeOptions q;
  q.calibration_samples = s.calibration_samples;
  q.seed = s.seed;
  return q;
}

engine::Model structured(const engine::Model& base, const data::Dataset& train,
                         const DeriveSettings& s, PhaseTracker& tracker) {
  engine::Model m = optimize::structured_prune(base, s.structured_fraction);
  std::uint64_t steps = 0;
  if (s.finetune_epochs > 0) {
    engine::train(m, labeled(train), finetune_options(s, tracker, steps));
  }
  record_pruning(m, "structured", s.structured_fraction, "layer", s);
  return m;
}

engine::Model magnitude(const engine::Model& base, const data::Dataset& train,
                        const DeriveSettings& s, PhaseTracker& tracker) {
  engine::Model m = base;
  optimize::magnitude_prune(m, s.magnitude_sparsity, optimize::PruneScope::kGlobal);
  std::uint64_t steps = 0;
  if (s.finetune_epochs > 0) {
    optimize::finetune_masked(m, labeled(train), finetune_options(s, tracker, steps));
  }
  record_pruning(m, "magnitude", s.magnitude_sparsity, "global", s);
  return optimize::to_sparse(m);
}

std::vector<std::string> pruning_techniques(const char* method, const DeriveSettings& s) {
  std::vector<std::string> t = {method};
  if (s.finetune_epochs > 0) t.emplace_back("fine_tuning");
  return t;
}

}  // namespace

Variant make_variant(std::string name, std::vector<std::string> techniques, engine::Model model) {
  const std::string bytes = engine::serialize_model(model);
  return {std::move(name), std::move(techniques), std::move(model), bytes.size(),
          sha256_hex(bytes)};
}

DeriveSettings derive_settings(const RunBudget& b, std::uint64_t seed, int threads) {
  DeriveSettings s;
  s.finetune_epochs = b.finetune_epochs;
  s.finetune_batch_size = b.train_batch_size;
  s.learning_rate = b.learning_rate;
  s.calibration_samples = b.calibration_samples;
  s.structured_fraction = b.structured_fraction;
  s.magnitude_sparsity = b.magnitude_sparsity;
  s.seed = seed;
  s.threads = threads;
  return s;
}

std::vector<Variant> derive_variants(const engine::Model& baseline, const data::Dataset& train,
                                     const DeriveSettings& s, PhaseTracker& tracker) {
  const std::uint64_t finetune_steps =
      static_cast<std::uint64_t>(s.finetune_epochs) * steps_per_epoch(train, s.finetune_batch_size);
  std::vector<Variant> out;
  out.push_back(make_variant(kBaselineName, {}, baseline));
  tracker.begin("quantize INT8 (calibrated)");
  out.push_back(
      make_variant(kInt8Name, {"int8_quantization"},
                   optimize::quantize_model(baseline, train.features, quantize_options(s))));
  tracker.begin("structured pruning + fine-tuning", finetune_steps);
  const engine::Model pruned = structured(baseline, train, s, tracker);
  out.push_back(make_variant(kStructuredName, pruning_techniques("structured_pruning", s), pruned));
  tracker.begin("magnitude pruning + fine-tuning (sparse)", finetune_steps);
  out.push_back(make_variant(kMagnitudeName, pruning_techniques("magnitude_pruning", s),
                             magnitude(baseline, train, s, tracker)));
  tracker.begin("quantize the pruned model");
  std::vector<std::string> both = pruning_techniques("structured_pruning", s);
  both.emplace_back("int8_quantization");
  out.push_back(
      make_variant(kPrunedInt8Name, std::move(both),
                   optimize::quantize_model(pruned, train.features, quantize_options(s))));
  tracker.end();
  return out;
}

}  // namespace tinyperf::workflow
