// Data sets for classification: IDX (MNIST / Fashion-MNIST, plain or .gz), CSV, and a seeded
// synthetic task. Every loader returns features as fp32 row-major [n, d] with integer labels, and a
// sha256 of what it read, so that a result can name exactly the data it came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tinyperf/core/env.h"

namespace tinyperf::data {

struct Dataset {
  std::string name;                  // e.g. "fashion-mnist/train", "synthetic/test", a file path
  std::vector<float> features;       // [size(), num_features], row-major
  std::vector<std::int32_t> labels;  // size() labels in [0, num_classes)
  std::size_t num_features = 0;
  std::size_t num_classes = 0;  // 1 + the largest label of the source (both splits)
  // Hex SHA-256 of the bytes the set came from: for IDX, the decompressed image file followed by
  // the decompressed label file; for CSV, the file as read; for synthetic data, the generated
  // features (little-endian fp32) followed by the labels (little-endian int32).
  std::string sha256;

  std::size_t size() const { return labels.size(); }
};

struct DatasetSplits {
  Dataset train;
  Dataset test;
};

// Largest label any loader accepts: 65,535, so at most 65,536 classes (ImageNet-21k has 21,841).
// A model's output layer and every per-class table are sized by the largest label, so a label of
// two billion in a CSV file would otherwise ask for gigabytes; it is refused naming the line.
inline constexpr std::int32_t kMaxLabel = 65535;

// Largest decompressed input any loader accepts: 1 GiB (Fashion-MNIST's training images are 47 MB).
inline constexpr std::size_t kMaxDataBytes = std::size_t{1} << 30;

// The content of `path`, gunzipped when it starts with the gzip magic bytes (whatever its name).
// Throws IoError when unreadable, InputError for a truncated or corrupt gzip stream or content
// above kMaxDataBytes.
std::string read_maybe_gzip(const std::string& path);

// An IDX image file (unsigned bytes, ≥ 2 dimensions: n × rows × cols ...) and its label file
// (unsigned bytes, 1 dimension). Pixels are scaled to [0, 1] by dividing by 255. Throws InputError
// naming the file for a wrong magic number, an unsupported element type, a truncated file or
// trailing bytes, and for image and label counts that differ.
Dataset load_idx(const std::string& images_path, const std::string& labels_path,
                 const std::string& name);

// train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte
// (each optionally with .gz) from `dir`; names "<label>/train" and "<label>/test". Throws IoError
// when a file is missing.
DatasetSplits load_idx_dir(const std::string& dir, const std::string& label);

// Fashion-MNIST (60,000 train / 10,000 test images of 28×28 = 784 features, 10 classes) from `dir`.
// The default is where the Debian package dataset-fashion-mnist installs it
// (Env::fashion_mnist_dir).
DatasetSplits load_fashion_mnist(const std::string& dir = Env::system().fashion_mnist_dir());

// The test split alone: t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (optionally .gz) from
// `dir`, named "<label>/test"; num_classes from its own labels. What a measurement that needs no
// training reads (a `bench` worker), without decompressing the 60,000 training images.
Dataset load_idx_test(const std::string& dir, const std::string& label);
Dataset load_fashion_mnist_test(const std::string& dir = Env::system().fashion_mnist_dir());

struct CsvOptions {
  std::string label_column = "label";  // header name of the integer label column
};

// A CSV file with a header row: every column but the label column is a numeric feature. Labels
// must be integers ≥ 0. Throws InputError naming the line and column for a missing or non-numeric
// cell, a row with the wrong number of cells, a missing label column, or an empty file.
Dataset load_csv(const std::string& path, const CsvOptions& options = {});

struct SyntheticOptions {
  std::size_t train_size = 6000;
  std::size_t test_size = 1000;
  std::size_t num_features = 784;  // the width of Fashion-MNIST, so the same MLP fits both
  std::size_t num_classes = 10;
  // Standard deviation of each class centre's coordinates; samples add N(0, 1) noise to their
  // centre. 0.15 in 784 dimensions makes a task an MLP learns to ~95 %+ accuracy quickly.
  double center_spread = 0.15;
  std::uint64_t seed = 42;
};

// Gaussian clusters: one centre per class, labels uniform, drawn from mt19937_64(seed) with a
// Box-Muller normal, so the same options give the same bytes on every run. Throws InputError for a
// zero size, fewer than 2 classes or a negative spread.
DatasetSplits make_synthetic(const SyntheticOptions& options = {});

// A data setting (the field "data" of the options that hold one): "fashion-mnist", "synthetic"
// (make_synthetic with `seed`), a directory holding the four IDX files or train.csv and test.csv,
// or one .csv file, split by a seeded shuffle (mt19937_64(seed)) into 80 % train and 20 % test.
// Throws InputError with field() "data" for anything else, and what the loaders throw.
DatasetSplits load_dataset(const std::string& spec, std::uint64_t seed = 42);

// load_dataset(spec, seed).test, but for "fashion-mnist" and a directory of IDX files only the test
// files are read (the same rows, labels and sha256 as load_dataset's test split).
Dataset load_test_split(const std::string& spec, std::uint64_t seed = 42);

}  // namespace tinyperf::data
