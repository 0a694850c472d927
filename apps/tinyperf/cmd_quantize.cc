// tinyperf quantize: post-training INT8 quantization of a model file (docs/cli.md, Model tools).
#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/core.h>

#include "cli.h"
#include "model_tools.h"
#include "tinyperf/core/error.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/optimize/quantize.h"
#include "tinyperf/optimize/size.h"

namespace tinyperf::cli {
namespace {

struct QuantizeFlags {
  std::string model;
  std::string out;
  std::size_t calibration = 1000;
  std::string method = "percentile";
  double percentile = 99.99;
  std::string data = "fashion-mnist";
  std::uint64_t seed = 42;
  int threads = 1;
  bool json = false;
};

int run_quantize(const QuantizeFlags& f) {
  const auto start = std::chrono::steady_clock::now();
  const engine::Model model = optimize::load_any_model(f.model);
  const data::DatasetSplits splits = data::load_dataset(f.data, f.seed);
  check_features(model, f.model, splits.train);
  optimize::QuantizeOptions options;
  options.method = optimize::parse_calibration_method(f.method);
  options.percentile = f.percentile;
  options.calibration_samples = f.calibration;
  options.seed = f.seed;
  const engine::Model quantized = optimize::quantize_model(model, splits.train.features, options);
  engine::save_model(quantized, f.out);
  const ModelChange change{std::filesystem::file_size(f.model), std::filesystem::file_size(f.out),
                           engine::evaluate(model, labeled(splits.test), f.threads),
                           engine::evaluate(quantized, labeled(splits.test), f.threads),
                           &splits.test};
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format("quantize: {} -> {} (int8, {} calibration on {} rows of {})\n", f.model,
                           f.out, f.method, std::min(f.calibration, splits.train.size()),
                           splits.train.name)
            << size_text(change) << accuracy_text(change);
  if (f.json) {
    nlohmann::json doc = change_json(change);
    doc.update({{"model", f.model},
                {"out", f.out},
                {"precision", quantized.precision()},
                {"calibration",
                 {{"method", f.method},
                  {"percentile",
                   f.method == "percentile" ? nlohmann::json(f.percentile) : nlohmann::json()},
                  {"samples", std::min(f.calibration, splits.train.size())},
                  {"data", splits.train.name},
                  {"seed", f.seed}}},
                {"test_sha256", splits.test.sha256},
                {"seconds", seconds}});
    print_json(doc);
  }
  return kExitOk;
}

void add_flags(CLI::App& cmd, QuantizeFlags& f) {
  cmd.add_option("model", f.model, "fp32 model file")->required();
  cmd.add_option("--out", f.out, "Quantized model file to write")->required();
  cmd.add_option("--calibration", f.calibration,
                 "Training rows used to calibrate activation ranges")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 24));
  cmd.add_option("--calibration-method", f.method, "minmax or percentile")
      ->capture_default_str()
      ->check(CLI::IsMember({"minmax", "percentile"}));
  cmd.add_option("--percentile", f.percentile,
                 "Upper percentile kept by percentile calibration, in (50, 100]")
      ->capture_default_str();
  add_data_option(cmd, f.data);
  add_seed_option(cmd, f.seed, "Seed of the calibration sample (and of synthetic data)");
  add_threads_option(cmd, f.threads, "Threads for evaluation");
  cmd.add_flag("--json", f.json, "Print sizes and accuracies before and after as JSON on stdout");
}

}  // namespace

const AddCommand add_quantize_command = &bound_command<QuantizeFlags, add_flags, run_quantize>;

}  // namespace tinyperf::cli
