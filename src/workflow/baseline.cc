#include "baseline.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/core/version.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/optimize/model_io.h"

namespace tinyperf::workflow {
namespace {

namespace fs = std::filesystem;

// The data set's name without the split suffix the loaders add ("fashion-mnist/test").
std::string base_name(const std::string& split_name) {
  const auto slash = split_name.rfind('/');
  return slash == std::string::npos ? split_name : split_name.substr(0, slash);
}

void require_rows(const data::Dataset& d) {
  if (d.size() == 0) throw InputError(fmt::format("data: {} holds no rows", d.name), "data");
}

// The layer kinds of an fp32 MLP, which every optimization below accepts.
bool is_fp32_mlp(const engine::Model& m) {
  for (std::size_t i = 0; i < m.num_layers(); ++i) {
    const std::string kind = m.layer(i).kind();
    if (kind != "linear" && kind != "relu" && kind != "softmax" && kind != "flatten") return false;
  }
  return m.num_layers() > 0;
}

void check_model_fits(const engine::Model& m, const std::string& path, const RunData& data) {
  if (!is_fp32_mlp(m)) {
    throw InputError(fmt::format("model_path {}: tinyperf run needs an fp32 MLP (linear, relu, "
                                 "softmax, flatten layers) to optimize; this model's precision "
                                 "is {}",
                                 path, m.precision()),
                     "model_path");
  }
  const data::Dataset& test = data.splits.test;
  if (m.input_features() != test.num_features || m.output_features() < test.num_classes) {
    throw InputError(fmt::format("model_path {}: the model maps {} features to {} classes but {} "
                                 "has {} features and {} classes",
                                 path, m.input_features(), m.output_features(), test.name,
                                 test.num_features, test.num_classes),
                     "model_path");
  }
}

Baseline from_file(const std::string& path, const RunData& data) {
  Baseline b{optimize::load_any_model(path), "file", path, {{"model_file", path}}};
  check_model_fits(b.model, path, data);
  return b;
}

engine::Model train_now(const RunData& data, const TrainRecipe& r, PhaseTracker& tracker) {
  const data::Dataset& train = data.splits.train;
  engine::Model model = engine::make_mlp(train.num_features, r.hidden, train.num_classes, r.seed);
  std::uint64_t steps = 0;
  engine::train(model, labeled(train), tracked_train_options(r, tracker, steps));
  return model;
}

// The cached model, or nothing when it is missing, unreadable or not what the key promises.
std::optional<engine::Model> load_cached(const std::string& path, const RunData& data,
                                         PhaseTracker& tracker) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    engine::Model m = optimize::load_any_model(path);
    check_model_fits(m, path, data);
    return m;
  } catch (const Error& e) {
    tracker.message(fmt::format("cached baseline unusable ({}); training it again", e.what()));
    return std::nullopt;
  }
}

void save_cached(const engine::Model& model, const std::string& path, PhaseTracker& tracker) {
  try {
    fs::create_directories(fs::path(path).parent_path());
    engine::save_model(model, path);
  } catch (const fs::filesystem_error& e) {
    tracker.message(
        fmt::format("could not cache the baseline at {} ({}); the run goes on", path, e.what()));
  } catch (const Error& e) {
    tracker.message(
        fmt::format("could not cache the baseline at {} ({}); the run goes on", path, e.what()));
  }
}

}  // namespace

engine::LabeledData labeled(const data::Dataset& d) {
  return {d.features, d.labels, d.num_features};
}

void check_inputs(const std::string& requested, const std::string& model_path,
                  const std::string& fashion_dir) {
  std::error_code ec;
  if (requested == "fashion-mnist" && default_data_spec(fashion_dir) != "fashion-mnist") {
    throw IoError(fmt::format("data fashion-mnist: not installed in {} (install the Debian "
                              "package dataset-fashion-mnist, or choose data \"synthetic\")",
                              fashion_dir),
                  "data");
  }
  if (!requested.empty() && requested != "fashion-mnist" && requested != "synthetic" &&
      !fs::exists(requested, ec)) {
    throw InputError(
        fmt::format("data {}: not fashion-mnist, synthetic, a directory or a .csv file", requested),
        "data");
  }
  if (model_path.empty()) return;
  if (fs::is_directory(model_path, ec)) {
    throw InputError(fmt::format("model_path {}: is a directory, not a model file", model_path),
                     "model_path");
  }
  if (!std::ifstream(model_path, std::ios::binary)) {
    throw IoError(fmt::format("model_path {}: cannot open: {}", model_path,
                              std::error_code(errno, std::generic_category()).message()),
                  "model_path");
  }
}

RunData load_run_data(const std::string& requested, std::uint64_t seed,
                      const std::string& fashion_dir) {
  RunData d;
  if (requested.empty()) {
    d.spec = default_data_spec(fashion_dir);
    d.choice = d.spec == "fashion-mnist"
                   ? fmt::format("default: Fashion-MNIST is installed in {}", fashion_dir)
                   : fmt::format("default: Fashion-MNIST is not installed in {}", fashion_dir);
  } else {
    d.spec = requested;
    d.choice = "data";
  }
  d.splits = d.spec == "fashion-mnist" ? data::load_fashion_mnist(fashion_dir)
                                       : data::load_dataset(d.spec, seed);
  require_rows(d.splits.train);
  require_rows(d.splits.test);
  d.name = base_name(d.splits.test.name);
  return d;
}

engine::TrainOptions tracked_train_options(const TrainRecipe& recipe, PhaseTracker& tracker,
                                           std::uint64_t& steps) {
  engine::TrainOptions o;
  o.epochs = recipe.epochs;
  o.batch_size = recipe.batch_size;
  o.learning_rate = recipe.learning_rate;
  o.seed = recipe.seed;
  o.threads = recipe.threads;
  o.after_step = [&tracker, &steps](engine::Model&) {
    tracker.check();
    tracker.advance(++steps);
  };
  return o;
}

nlohmann::json recipe_json(const data::Dataset& train, const TrainRecipe& r) {
  std::vector<std::size_t> widths = {train.num_features};
  widths.insert(widths.end(), r.hidden.begin(), r.hidden.end());
  widths.push_back(train.num_classes);
  return {{"cache_format", 1},
          {"train_set", train.name},
          {"train_sha256", train.sha256},
          {"train_rows", train.size()},
          {"architecture", widths},
          {"init", "he-normal"},
          {"optimizer", "adam"},
          {"epochs", r.epochs},
          {"batch_size", r.batch_size},
          {"learning_rate", r.learning_rate},
          {"seed", r.seed},
          {"threads", r.threads}};
}

std::string baseline_cache_key(const data::Dataset& train, const TrainRecipe& recipe) {
  return sha256_hex(recipe_json(train, recipe).dump());
}

Baseline obtain_baseline(const std::string& model_path, const std::string& cache_dir,
                         const RunData& data, const TrainRecipe& recipe, PhaseTracker& tracker) {
  if (!model_path.empty()) {
    tracker.begin("load the baseline model");
    return from_file(model_path, data);
  }
  const data::Dataset& train = data.splits.train;
  Baseline b;
  b.recipe = recipe_json(train, recipe);
  b.path = (fs::path(cache_dir) / (baseline_cache_key(train, recipe) + ".safetensors")).string();
  if (auto cached = load_cached(b.path, data, tracker)) {
    tracker.begin("load the cached baseline");
    b.model = std::move(*cached);
    b.source = "cache";
    return b;
  }
  const std::uint64_t steps = static_cast<std::uint64_t>(recipe.epochs) *
                              ((train.size() + recipe.batch_size - 1) / recipe.batch_size);
  tracker.begin("train the baseline", steps);
  b.model = train_now(data, recipe, tracker);
  nlohmann::json provenance = b.recipe;
  provenance["tool_version"] = build_info().version;
  provenance["git_commit"] = build_info().git_commit;
  b.model.metadata()["training"] = provenance.dump();
  b.source = "trained";
  save_cached(b.model, b.path, tracker);
  return b;
}

}  // namespace tinyperf::workflow
