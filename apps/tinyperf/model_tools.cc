#include "model_tools.h"

#include <iostream>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/error.h"

namespace tinyperf::cli {

CLI::Option* add_data_option(CLI::App& command, std::string& data) {
  return command
      .add_option("--data", data,
                  "fashion-mnist, synthetic, an IDX or CSV directory, or a .csv file")
      ->capture_default_str();
}

CLI::Option* add_seed_option(CLI::App& command, std::uint64_t& seed, const std::string& help) {
  return command.add_option("--seed", seed, help)->capture_default_str();
}

CLI::Option* add_threads_option(CLI::App& command, int& threads, const std::string& help) {
  return command.add_option("--threads", threads, help)
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
}

CLI::Option* add_batch_size_option(CLI::App& command, std::size_t& batch_size,
                                   const std::string& help) {
  return command.add_option("--batch-size", batch_size, help)
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
}

engine::LabeledData labeled(const data::Dataset& d) {
  return {d.features, d.labels, d.num_features};
}

engine::TrainOptions reported_training(const std::string& label, int epochs) {
  engine::TrainOptions options;
  options.epochs = epochs;
  options.on_epoch = [label, epochs](const engine::EpochStats& e) {
    std::cerr << fmt::format("{} {}/{}: loss {:.4f}, train accuracy {:.4f}, {:.1f} s\n", label,
                             e.epoch, epochs, e.loss, e.train_accuracy, e.seconds);
  };
  return options;
}

void check_features(const engine::Model& model, const std::string& model_file,
                    const data::Dataset& d) {
  if (d.num_features != model.input_features()) {
    throw InputError(fmt::format("{}: the model takes {} features but {} has {}", model_file,
                                 model.input_features(), d.name, d.num_features));
  }
}

namespace {

double size_ratio(const ModelChange& c) {
  return static_cast<double>(c.size_before) / static_cast<double>(c.size_after);
}

}  // namespace

std::string size_text(const ModelChange& c) {
  return fmt::format("  size {} -> {} bytes ({:.2f}x smaller)\n", c.size_before, c.size_after,
                     size_ratio(c));
}

std::string accuracy_text(const ModelChange& c) {
  if (!c.accuracy_before || !c.accuracy_after || c.test == nullptr) return "";
  return fmt::format("  accuracy {:.4f} -> {:.4f} ({:+.2f} points) on {} ({} examples)\n",
                     *c.accuracy_before, *c.accuracy_after,
                     100.0 * (*c.accuracy_after - *c.accuracy_before), c.test->name,
                     c.test->size());
}

nlohmann::json change_json(const ModelChange& c) {
  using nlohmann::json;
  return {{"size_bytes_before", c.size_before},
          {"size_bytes_after", c.size_after},
          {"size_ratio", size_ratio(c)},
          {"accuracy_before", optional_json(c.accuracy_before)},
          {"accuracy_after", optional_json(c.accuracy_after)},
          {"num_test_samples", c.test ? json(c.test->size()) : json()},
          {"data", c.test ? json(c.test->name) : json()}};
}

}  // namespace tinyperf::cli
