// tinyperf train: trains an MLP classifier and saves it as a model file (docs/cli.md, Model tools).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/core.h>

#include "cli.h"
#include "model_tools.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/version.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/engine/train.h"

namespace tinyperf::cli {
namespace {

struct TrainFlags {
  std::string data = "fashion-mnist";
  std::string hidden = "256,128";
  int epochs = 15;
  std::uint64_t seed = 42;
  std::size_t batch_size = 128;
  double lr = 1e-3;
  std::string optimizer = "adam";
  int threads = 1;
  std::string out;
  bool json = false;
};

// "256,128" -> {256, 128}; "" -> {} (a linear classifier).
std::vector<std::size_t> parse_hidden(const std::string& text) {
  std::vector<std::size_t> sizes;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    std::size_t used = 0;
    long long v = -1;
    try {
      v = std::stoll(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size() || v < 1 || v > 1'000'000) {
      throw InputError(fmt::format("--hidden: \"{}\" is not a layer width in [1, 1000000]", item));
    }
    sizes.push_back(static_cast<std::size_t>(v));
  }
  return sizes;
}

nlohmann::json provenance(const TrainFlags& f, const data::DatasetSplits& d, double accuracy,
                          double seconds) {
  return {{"data", f.data},
          {"train_set", d.train.name},
          {"train_sha256", d.train.sha256},
          {"test_set", d.test.name},
          {"test_sha256", d.test.sha256},
          {"epochs", f.epochs},
          {"batch_size", f.batch_size},
          {"learning_rate", f.lr},
          {"optimizer", f.optimizer},
          {"seed", f.seed},
          {"threads", f.threads},
          {"init", "he-normal"},
          {"test_accuracy", accuracy},
          {"train_seconds", seconds},
          {"tool_version", build_info().version},
          {"git_commit", build_info().git_commit}};
}

int run_train(const TrainFlags& f) {
  engine::TrainOptions options = reported_training("epoch", f.epochs);
  options.batch_size = f.batch_size;
  options.learning_rate = f.lr;
  options.optimizer = engine::parse_optimizer(f.optimizer);
  options.seed = f.seed;
  options.threads = f.threads;
  const std::vector<std::size_t> hidden = parse_hidden(f.hidden);
  const data::DatasetSplits splits = data::load_dataset(f.data, f.seed);
  std::cerr << fmt::format("train: {} ({} examples, {} features, {} classes), test {} examples\n",
                           splits.train.name, splits.train.size(), splits.train.num_features,
                           splits.train.num_classes, splits.test.size());
  engine::Model model =
      engine::make_mlp(splits.train.num_features, hidden, splits.train.num_classes, f.seed);
  const auto start = std::chrono::steady_clock::now();
  engine::train(model, labeled(splits.train), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double accuracy = engine::evaluate(model, labeled(splits.test), f.threads);
  model.metadata()["training"] = provenance(f, splits, accuracy, seconds).dump();
  engine::save_model(model, f.out);
  const auto size = std::filesystem::file_size(f.out);
  std::cerr << fmt::format(
      "test accuracy {:.4f} on {} examples; {} parameters; trained in {:.1f} s; wrote {} ({} "
      "bytes)\n",
      accuracy, splits.test.size(), model.parameter_count(), seconds, f.out, size);
  if (f.json) {
    print_json({{"accuracy", accuracy},
                {"parameter_count", model.parameter_count()},
                {"size_bytes", size},
                {"seconds", seconds},
                {"num_test_samples", splits.test.size()},
                {"model", f.out},
                {"data", f.data},
                {"test_sha256", splits.test.sha256}});
  }
  return kExitOk;
}

void add_flags(CLI::App& cmd, TrainFlags& f) {
  add_data_option(cmd, f.data);
  cmd.add_option("--hidden", f.hidden, "Hidden layer widths, comma-separated")
      ->capture_default_str();
  cmd.add_option("--epochs", f.epochs, "Passes over the training set")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  add_seed_option(cmd, f.seed, "Seed of the weights and the shuffling");
  add_batch_size_option(cmd, f.batch_size, "Examples per optimizer step");
  cmd.add_option("--lr", f.lr, "Learning rate")->capture_default_str();
  cmd.add_option("--optimizer", f.optimizer, "adam or sgd (momentum 0.9)")
      ->capture_default_str()
      ->check(CLI::IsMember({"adam", "sgd"}));
  add_threads_option(cmd, f.threads, "Threads for training and evaluation");
  cmd.add_option("--out", f.out, "Model file to write (safetensors layout)")->required();
  cmd.add_flag("--json", f.json,
               "Print {accuracy, parameter_count, size_bytes, seconds} as JSON on stdout");
}

}  // namespace

const AddCommand add_train_command = &bound_command<TrainFlags, add_flags, run_train>;

}  // namespace tinyperf::cli
