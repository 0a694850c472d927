// tinyperf quantize: post-training INT8 quantization of a model file (spec/cli.md, Model tools).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/core.h>

#include "cli.h"
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

engine::LabeledData view(const data::Dataset& d) { return {d.features, d.labels, d.num_features}; }

int run_quantize(const QuantizeFlags& f) {
  const auto start = std::chrono::steady_clock::now();
  const engine::Model model = optimize::load_any_model(f.model);
  const data::DatasetSplits splits = data::load_dataset(f.data, f.seed);
  if (splits.train.num_features != model.input_features()) {
    throw InputError(fmt::format("{}: the model takes {} features but {} has {}", f.model,
                                 model.input_features(), splits.train.name,
                                 splits.train.num_features));
  }
  optimize::QuantizeOptions options;
  options.method = optimize::parse_calibration_method(f.method);
  options.percentile = f.percentile;
  options.calibration_samples = f.calibration;
  options.seed = f.seed;
  const engine::Model quantized = optimize::quantize_model(model, splits.train.features, options);
  engine::save_model(quantized, f.out);
  const double before = engine::evaluate(model, view(splits.test), f.threads);
  const double after = engine::evaluate(quantized, view(splits.test), f.threads);
  const auto size_before = std::filesystem::file_size(f.model),
             size_after = std::filesystem::file_size(f.out);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format(
      "quantize: {} -> {} (int8, {} calibration on {} rows of {})\n  size {} -> {} bytes ({:.2f}x "
      "smaller)\n"
      "  accuracy {:.4f} -> {:.4f} ({:+.2f} points) on {} ({} examples)\n",
      f.model, f.out, f.method, std::min(f.calibration, splits.train.size()), splits.train.name,
      size_before, size_after, double(size_before) / double(size_after), before, after,
      100.0 * (after - before), splits.test.name, splits.test.size());
  if (f.json) {
    print_json({{"model", f.model},
                {"out", f.out},
                {"precision", quantized.precision()},
                {"calibration",
                 {{"method", f.method},
                  {"percentile",
                   f.method == "percentile" ? nlohmann::json(f.percentile) : nlohmann::json()},
                  {"samples", std::min(f.calibration, splits.train.size())},
                  {"data", splits.train.name},
                  {"seed", f.seed}}},
                {"size_bytes_before", size_before},
                {"size_bytes_after", size_after},
                {"size_ratio", double(size_before) / double(size_after)},
                {"accuracy_before", before},
                {"accuracy_after", after},
                {"num_test_samples", splits.test.size()},
                {"data", splits.test.name},
                {"test_sha256", splits.test.sha256},
                {"seconds", seconds}});
  }
  return kExitOk;
}

}  // namespace

void add_quantize_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<QuantizeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "quantize", "Post-training INT8 quantization with calibrated activation scales");
  cmd->add_option("model", flags->model, "fp32 model file")->required();
  cmd->add_option("--out", flags->out, "Quantized model file to write")->required();
  cmd->add_option("--calibration", flags->calibration,
                  "Training rows used to calibrate activation ranges")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 24));
  cmd->add_option("--calibration-method", flags->method, "minmax or percentile")
      ->capture_default_str()
      ->check(CLI::IsMember({"minmax", "percentile"}));
  cmd->add_option("--percentile", flags->percentile,
                  "Upper percentile kept by percentile calibration, in (50, 100]")
      ->capture_default_str();
  cmd->add_option("--data", flags->data,
                  "fashion-mnist, synthetic, an IDX or CSV directory, or a .csv file")
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Seed of the calibration sample (and of synthetic data)")
      ->capture_default_str();
  cmd->add_option("--threads", flags->threads, "Threads for evaluation")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--json", flags->json,
                "Print sizes and accuracies before and after as JSON on stdout");
  cmd->footer(
      "Exit codes: 0 success, 2 bad usage or input (one line on stderr), 3 internal error.\n");
  cmd->callback([flags, &action] { action = [flags] { return run_quantize(*flags); }; });
}

}  // namespace tinyperf::cli
