// The run's data set and its baseline model: which data set (and why), and the fp32 MLP trained
// once per (data, architecture, seed, training settings) and cached, or given with --model.
// Private to the workflow module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/train.h"
#include "tracker.h"

namespace tinyperf::workflow {

struct RunData {
  std::string spec;    // what was loaded: "fashion-mnist", "synthetic" or the path given
  std::string name;    // the data set's name without its split, e.g. "fashion-mnist"
  std::string choice;  // why: "data" (RunOptions::data named it) or "default: Fashion-MNIST is
                       // (not) installed in DIR"
  data::DatasetSplits splits;
};

// Loads `requested` (or, when empty, default_data_spec(fashion_dir)) with `seed`, and checks that
// both splits are non-empty. Throws what data::load_dataset throws.
RunData load_run_data(const std::string& requested, std::uint64_t seed,
                      const std::string& fashion_dir = Env::system().fashion_mnist_dir());

// Checks, before any work, what can be checked cheaply: `requested` is "", "fashion-mnist" (then
// installed in fashion_dir), "synthetic" or an existing path; `model_path` is "" or a readable
// file. Throws InputError / IoError naming --data or --model.
void check_inputs(const std::string& requested, const std::string& model_path,
                  const std::string& fashion_dir = Env::system().fashion_mnist_dir());

// How the baseline is trained: make_mlp(features, hidden, classes, seed), then engine::train.
struct TrainRecipe {
  std::vector<std::size_t> hidden = {256, 128};
  int epochs = 15;
  std::size_t batch_size = 128;
  double learning_rate = 1e-3;
  std::uint64_t seed = 42;
  int threads = 1;  // training is bit-reproducible per thread count, so the count is in the key
};

// Everything the trained weights depend on, as JSON: the training split's name, sha256, size and
// shape, the architecture, and the recipe. Recorded in the model's metadata and the submission.
nlohmann::json recipe_json(const data::Dataset& train, const TrainRecipe& recipe);

// engine::TrainOptions with the recipe's epochs, batch size, learning rate, seed and threads, whose
// after_step checks `tracker` (Interrupted on stop) and reports the step count kept in `steps`;
// both must outlive the training.
engine::TrainOptions tracked_train_options(const TrainRecipe& recipe, PhaseTracker& tracker,
                                           std::uint64_t& steps);

// SHA-256 (hex) of recipe_json's compact text: the baseline's cache key.
std::string baseline_cache_key(const data::Dataset& train, const TrainRecipe& recipe);

struct Baseline {
  engine::Model model{1};
  std::string source;     // "trained", "cache" or "file"
  std::string path;       // the cache file or --model ("" when it could not be cached)
  nlohmann::json recipe;  // recipe_json, or {"model_file": path} for a given model_path
};

// The baseline: the fp32 model in `model_path` when given (InputError naming --model unless it is
// an fp32 MLP of Linear/ReLU/Softmax/Flatten layers taking the data's width and giving at least its
// classes); else <cache_dir>/<key>.safetensors when it exists and loads; else a model trained now
// (progress per optimizer step; Interrupted when the stop flag is set) and saved there atomically.
// An unreadable cache entry is reported and replaced; a cache that cannot be written is reported
// and the run goes on with the trained model. Begins one tracker phase (load or train).
Baseline obtain_baseline(const std::string& model_path, const std::string& cache_dir,
                         const RunData& data, const TrainRecipe& recipe, PhaseTracker& tracker);

// engine::LabeledData over a data set (a view: `d` must outlive it).
engine::LabeledData labeled(const data::Dataset& d);

}  // namespace tinyperf::workflow
