// tinyperf evaluate: accuracy of a model file on a data set's test split (spec/cli.md, Model
// tools).
#include <iostream>
#include <memory>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/error.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/model_io.h"

namespace tinyperf::cli {
namespace {

struct EvaluateFlags {
  std::string model;
  std::string data = "fashion-mnist";
  std::uint64_t seed = 42;
  int threads = 1;
  bool json = false;
};

int run_evaluate(const EvaluateFlags& f) {
  const engine::Model model = optimize::load_any_model(f.model);
  const data::DatasetSplits splits = data::load_dataset(f.data, f.seed);
  const data::Dataset& test = splits.test;
  if (test.num_features != model.input_features()) {
    throw InputError(fmt::format("{}: the model takes {} features but {} has {}", f.model,
                                 model.input_features(), test.name, test.num_features));
  }
  const double accuracy =
      engine::evaluate(model, {test.features, test.labels, test.num_features}, f.threads);
  std::cerr << fmt::format("{}: accuracy {:.4f} on {} ({} examples)\n", f.model, accuracy,
                           test.name, test.size());
  if (f.json) {
    print_json({{"accuracy", accuracy},
                {"num_samples", test.size()},
                {"model", f.model},
                {"data", test.name},
                {"data_sha256", test.sha256}});
  }
  return kExitOk;
}

}  // namespace

void add_evaluate_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<EvaluateFlags>();
  CLI::App* cmd =
      app.add_subcommand("evaluate", "Accuracy of a model file on the test split of a data set");
  cmd->add_option("model", flags->model, "Model file")->required();
  cmd->add_option("--data", flags->data,
                  "fashion-mnist, synthetic, an IDX or CSV directory, or a .csv file")
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed,
                  "Seed of synthetic data and of a .csv file's train/test split")
      ->capture_default_str();
  cmd->add_option("--threads", flags->threads, "Threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--json", flags->json, "Print {accuracy, num_samples} as JSON on stdout");
  cmd->footer(
      "Exit codes: 0 success, 2 bad usage or input (one line on stderr), 3 internal error.\n");
  cmd->callback([flags, &action] { action = [flags] { return run_evaluate(*flags); }; });
}

}  // namespace tinyperf::cli
