// What the model tools (train, evaluate, quantize, prune; loadgen and run in part) share: the
// flags that name the data set, the seed and the threads, the check that a model fits a data set,
// and the before/after account of a model transformation (quantize, prune).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/train.h"

namespace tinyperf::cli {

// --data SPEC (a data set name or path), its default shown in --help. `data` must outlive the
// parse.
CLI::Option* add_data_option(CLI::App& command, std::string& data);
// --seed N with `help`, its default shown.
CLI::Option* add_seed_option(CLI::App& command, std::uint64_t& seed, const std::string& help);
// --threads N in [1, 1024] with `help`, its default shown.
CLI::Option* add_threads_option(CLI::App& command, int& threads, const std::string& help);
// --batch-size N in [1, 2^20] with `help`, its default shown.
CLI::Option* add_batch_size_option(CLI::App& command, std::size_t& batch_size,
                                   const std::string& help);

// engine::LabeledData over a data set (a view: `d` must outlive it).
engine::LabeledData labeled(const data::Dataset& d);

// engine::TrainOptions for `epochs` epochs (the other fields at their defaults) whose on_epoch
// reports each epoch on stderr: "<label> N/<epochs>: loss L, train accuracy A, S s".
engine::TrainOptions reported_training(const std::string& label, int epochs);

// Throws InputError naming `model_file` unless the model takes as many features as `d` has.
void check_features(const engine::Model& model, const std::string& model_file,
                    const data::Dataset& d);

// What a model transformation changed: the files' sizes and, when measured, the accuracy on the
// test split `test` (null when there was no data).
struct ModelChange {
  std::uintmax_t size_before = 0;  // bytes of the input model file
  std::uintmax_t size_after = 0;   // bytes of the output model file
  std::optional<double> accuracy_before;
  std::optional<double> accuracy_after;
  const data::Dataset* test = nullptr;  // set when the accuracies are
};

// "  size A -> B bytes (R.RRx smaller)\n".
std::string size_text(const ModelChange& c);
// "  accuracy A -> B (+P points) on TEST (N examples)\n", or "" when accuracy was not measured.
std::string accuracy_text(const ModelChange& c);
// size_bytes_before/after, size_ratio, accuracy_before/after, num_test_samples and data.
nlohmann::json change_json(const ModelChange& c);

}  // namespace tinyperf::cli
