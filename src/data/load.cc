#include <algorithm>
#include <filesystem>
#include <numeric>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/random.h"
#include "tinyperf/data/dataset.h"

namespace tinyperf::data {
namespace {

Dataset take_rows(const Dataset& all, const std::vector<std::size_t>& rows,
                  const std::string& name) {
  Dataset ds;
  ds.name = name;
  ds.num_features = all.num_features;
  ds.num_classes = all.num_classes;
  ds.sha256 = all.sha256;
  for (std::size_t r : rows) {
    const auto first = all.features.begin() + static_cast<std::ptrdiff_t>(r * all.num_features);
    ds.features.insert(ds.features.end(), first,
                       first + static_cast<std::ptrdiff_t>(all.num_features));
    ds.labels.push_back(all.labels[r]);
  }
  return ds;
}

// 80 % / 20 % by a seeded Fisher-Yates shuffle of the row indices.
DatasetSplits split_csv(const std::string& path, std::uint64_t seed) {
  const Dataset all = load_csv(path);
  if (all.size() < 2)
    throw InputError(fmt::format("{}: at least 2 rows are needed to split train/test", path));
  std::vector<std::size_t> order(all.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  SeededRng(seed).shuffle(order);
  const std::size_t test = std::max<std::size_t>(1, order.size() / 5);
  const std::vector<std::size_t> train_rows(order.begin(),
                                            order.end() - static_cast<std::ptrdiff_t>(test));
  const std::vector<std::size_t> test_rows(order.end() - static_cast<std::ptrdiff_t>(test),
                                           order.end());
  return {take_rows(all, train_rows, path + "/train"), take_rows(all, test_rows, path + "/test")};
}

DatasetSplits load_csv_dir(const std::string& dir) {
  DatasetSplits s{load_csv((std::filesystem::path(dir) / "train.csv").string()),
                  load_csv((std::filesystem::path(dir) / "test.csv").string())};
  if (s.train.num_features != s.test.num_features) {
    throw InputError(fmt::format("{}: train.csv has {} features but test.csv {}", dir,
                                 s.train.num_features, s.test.num_features));
  }
  s.train.num_classes = s.test.num_classes = std::max(s.train.num_classes, s.test.num_classes);
  return s;
}

}  // namespace

DatasetSplits load_dataset(const std::string& spec, std::uint64_t seed) {
  if (spec == "fashion-mnist") return load_fashion_mnist();
  if (spec == "synthetic") {
    SyntheticOptions options;
    options.seed = seed;
    return make_synthetic(options);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(spec, ec)) {
    if (std::filesystem::exists(std::filesystem::path(spec) / "train.csv", ec))
      return load_csv_dir(spec);
    return load_idx_dir(spec, spec);
  }
  if (spec.ends_with(".csv")) return split_csv(spec, seed);
  if (!std::filesystem::exists(spec, ec)) {
    throw InputError(
        fmt::format("data {}: not fashion-mnist, synthetic, a directory or a .csv file", spec),
        "data");
  }
  throw InputError(
      fmt::format("data {}: a file must be a .csv (for IDX files give their directory)", spec),
      "data");
}

Dataset load_test_split(const std::string& spec, std::uint64_t seed) {
  if (spec == "fashion-mnist") return load_fashion_mnist_test();
  std::error_code ec;
  if (std::filesystem::is_directory(spec, ec) &&
      !std::filesystem::exists(std::filesystem::path(spec) / "train.csv", ec)) {
    return load_idx_test(spec, spec);
  }
  return load_dataset(spec, seed).test;
}

}  // namespace tinyperf::data
