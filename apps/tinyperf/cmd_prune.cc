// tinyperf prune: magnitude (sparse) or structured (smaller dense) pruning of a model file, with
// optional fine-tuning (docs/cli.md, Model tools).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/core.h>

#include "cli.h"
#include "model_tools.h"
#include "tinyperf/core/error.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/optimize/prune.h"

namespace tinyperf::cli {
namespace {

struct PruneFlags {
  std::string model;
  std::string out;
  std::string method;
  double sparsity = 0;
  std::string scope;  // default: global for magnitude, layer for structured
  int finetune_epochs = 0;
  double lr = 1e-3;
  std::size_t batch_size = 128;
  std::string data = "fashion-mnist";
  bool data_given = false;
  std::uint64_t seed = 42;
  int threads = 1;
  bool json = false;
};

// The data set, or nullopt when the default data set is not installed and nothing needs it.
std::optional<data::DatasetSplits> load_data(const PruneFlags& f) {
  try {
    return data::load_dataset(f.data, f.seed);
  } catch (const IoError& e) {
    if (f.data_given || f.finetune_epochs > 0) throw;
    std::cerr << fmt::format("prune: no data ({}): accuracy not measured\n", error_text(e));
    return std::nullopt;
  }
}

// Weights and biases of the model as dense matrices would hold them (in × out + out per layer with
// parameters), whatever the storage: what "parameters" means to a user.
std::size_t logical_parameters(const engine::Model& m) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < m.num_layers(); ++i) {
    const std::size_t in = m.input_features_of(i), out = m.layer(i).output_features(in);
    if (m.layer(i).parameter_count() > 0) n += in * out + out;
  }
  return n;
}

// Fraction of zero weights over all weight matrices.
double overall_sparsity(const engine::Model& m) {
  double zeros = 0, total = 0;
  for (std::size_t i = 0; i < m.num_layers(); ++i) {
    const engine::Layer& l = m.layer(i);
    const std::size_t in = m.input_features_of(i), n = in * l.output_features(in);
    if (l.parameter_count() == 0) continue;
    zeros += optimize::weight_sparsity(l) * double(n);
    total += double(n);
  }
  return total == 0 ? 0.0 : zeros / total;
}

engine::Model prune(engine::Model model, const PruneFlags& f,
                    const std::optional<data::DatasetSplits>& d) {
  const optimize::PruneScope scope = optimize::parse_prune_scope(f.scope);
  engine::TrainOptions options = reported_training("fine-tune epoch", f.finetune_epochs);
  options.learning_rate = f.lr;
  options.batch_size = f.batch_size;
  options.seed = f.seed;
  options.threads = f.threads;
  if (f.method == "structured") {
    engine::Model pruned = optimize::structured_prune(model, f.sparsity, scope);
    if (f.finetune_epochs > 0) engine::train(pruned, labeled(d->train), options);
    return pruned;
  }
  model = optimize::to_dense(model);
  optimize::magnitude_prune(model, f.sparsity, scope);
  if (f.finetune_epochs > 0) optimize::finetune_masked(model, labeled(d->train), options);
  return optimize::to_sparse(model);
}

int run_prune(const PruneFlags& f) {
  const auto start = std::chrono::steady_clock::now();
  const engine::Model model = optimize::load_any_model(f.model);
  const auto splits = load_data(f);
  if (splits) check_features(model, f.model, splits->test);
  engine::Model pruned = prune(model, f, splits);
  pruned.metadata()["pruning"] =
      nlohmann::json{{"method", f.method},    {"sparsity", f.sparsity},
                     {"scope", f.scope},      {"finetune_epochs", f.finetune_epochs},
                     {"learning_rate", f.lr}, {"seed", f.seed}}
          .dump();
  engine::save_model(pruned, f.out);
  ModelChange change;
  change.size_before = std::filesystem::file_size(f.model);
  change.size_after = std::filesystem::file_size(f.out);
  if (splits) {
    change.accuracy_before = engine::evaluate(model, labeled(splits->test), f.threads);
    change.accuracy_after = engine::evaluate(pruned, labeled(splits->test), f.threads);
    change.test = &splits->test;
  }
  std::cerr
      << fmt::format(
             "prune: {} -> {} ({}, {:.1f} % target, scope {}, {} fine-tuning epochs)\n"
             "  parameters {} -> {} (as dense matrices), weight sparsity {:.1f} % -> {:.1f} %\n",
             f.model, f.out, f.method, 100 * f.sparsity, f.scope, f.finetune_epochs,
             logical_parameters(model), logical_parameters(pruned), 100 * overall_sparsity(model),
             100 * overall_sparsity(pruned))
      << size_text(change) << accuracy_text(change);
  if (f.json) {
    nlohmann::json doc = change_json(change);
    doc.update({{"model", f.model},
                {"out", f.out},
                {"method", f.method},
                {"sparsity_target", f.sparsity},
                {"scope", f.scope},
                {"finetune_epochs", f.finetune_epochs},
                {"weight_sparsity_before", overall_sparsity(model)},
                {"weight_sparsity_after", overall_sparsity(pruned)},
                {"parameter_count_before", logical_parameters(model)},
                {"parameter_count_after", logical_parameters(pruned)},
                {"seconds",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}});
    print_json(doc);
  }
  return kExitOk;
}

// The flags that depend on what was given: whether --data was, and --scope's default.
int run_parsed(PruneFlags& f, const CLI::App& cmd) {
  f.data_given = cmd.count("--data") > 0;
  if (f.scope.empty()) f.scope = f.method == "magnitude" ? "global" : "layer";
  return run_prune(f);
}

void add_flags(CLI::App& cmd, PruneFlags& f) {
  cmd.add_option("model", f.model, "fp32 model file (dense or sparse)")->required();
  cmd.add_option("--out", f.out, "Pruned model file to write")->required();
  cmd.add_option("--method", f.method,
                 "magnitude: zero the smallest weights, stored sparse; "
                 "structured: remove hidden neurons by L2 norm")
      ->required()
      ->check(CLI::IsMember({"magnitude", "structured"}));
  cmd.add_option("--sparsity", f.sparsity,
                 "Fraction of weights (magnitude) or hidden neurons (structured) removed")
      ->required()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--scope", f.scope,
                 "layer: the fraction in every layer; global: one ranking across layers "
                 "(default: global for magnitude, layer for structured)")
      ->check(CLI::IsMember({"layer", "global"}));
  cmd.add_option("--finetune-epochs", f.finetune_epochs,
                 "Training epochs after pruning (pruned weights stay zero)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd.add_option("--lr", f.lr, "Fine-tuning learning rate (Adam)")->capture_default_str();
  add_batch_size_option(cmd, f.batch_size, "Fine-tuning mini-batch size");
  add_data_option(cmd, f.data);
  add_seed_option(cmd, f.seed, "Seed of fine-tuning's shuffling (and of synthetic data)");
  add_threads_option(cmd, f.threads, "Threads");
  cmd.add_flag("--json", f.json,
               "Print sizes, sparsity and accuracies before and after as JSON on stdout");
}

}  // namespace

const AddCommand add_prune_command = &bound_command<PruneFlags, add_flags, run_parsed>;

}  // namespace tinyperf::cli
