// tinyperf evaluate: accuracy of a model file on a data set's test split (docs/cli.md, Model
// tools).
#include <iostream>

#include <fmt/core.h>

#include "cli.h"
#include "model_tools.h"
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
  check_features(model, f.model, test);
  const double accuracy = engine::evaluate(model, labeled(test), f.threads);
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

void add_flags(CLI::App& cmd, EvaluateFlags& f) {
  cmd.add_option("model", f.model, "Model file")->required();
  add_data_option(cmd, f.data);
  add_seed_option(cmd, f.seed, "Seed of synthetic data and of a .csv file's train/test split");
  add_threads_option(cmd, f.threads, "Threads");
  cmd.add_flag("--json", f.json, "Print {accuracy, num_samples} as JSON on stdout");
}

}  // namespace

const AddCommand add_evaluate_command = &bound_command<EvaluateFlags, add_flags, run_evaluate>;

}  // namespace tinyperf::cli
