#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/data/dataset.h"

namespace tinyperf::data {
namespace {

// The dimensions of an IDX file of unsigned bytes, after checking that its size matches them.
// Layout (big-endian): 0x00 0x00, element type (0x08 = unsigned byte), number of dimensions, then
// one 32-bit size per dimension, then the elements.
std::vector<std::size_t> idx_dims(const std::string& bytes, const std::string& path) {
  if (bytes.size() < 4 || bytes[0] != 0 || bytes[1] != 0) {
    throw InputError(fmt::format("{}: not an IDX file (bad magic number)", path));
  }
  if (static_cast<unsigned char>(bytes[2]) != 0x08) {
    throw InputError(
        fmt::format("{}: IDX element type 0x{:02x} is not supported (only 0x08, unsigned byte)",
                    path, static_cast<unsigned char>(bytes[2])));
  }
  const std::size_t ndims = static_cast<unsigned char>(bytes[3]);
  if (ndims == 0 || bytes.size() < 4 + 4 * ndims) {
    throw InputError(fmt::format("{}: IDX header truncated or without dimensions", path));
  }
  std::vector<std::size_t> dims;
  std::uint64_t count = 1;
  for (std::size_t d = 0; d < ndims; ++d) {
    std::uint32_t v = 0;
    for (int b = 0; b < 4; ++b) v = (v << 8) | static_cast<unsigned char>(bytes[4 + 4 * d + b]);
    if (v == 0) {  // also keeps the product below meaningful: 0 x 2^32 x 2^32 would wrap
      throw InputError(fmt::format("{}: IDX dimension {} is 0", path, d + 1));
    }
    dims.push_back(v);
    count *= v;
    if (count > kMaxDataBytes)
      throw InputError(fmt::format("{}: IDX dimensions are implausibly large", path));
  }
  const std::uint64_t expected = 4 + 4 * ndims + count;
  if (bytes.size() < expected) {
    throw InputError(fmt::format("{}: truncated IDX file: {} bytes, its header promises {}", path,
                                 bytes.size(), expected));
  }
  if (bytes.size() > expected) {
    throw InputError(
        fmt::format("{}: {} trailing bytes after the IDX data", path, bytes.size() - expected));
  }
  return dims;
}

std::string find_file(const std::string& dir, const std::string& stem) {
  for (const std::string& candidate : {stem, stem + ".gz"}) {
    const std::filesystem::path p = std::filesystem::path(dir) / candidate;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  throw IoError(fmt::format("{}: no {} or {}.gz", dir, stem, stem));
}

}  // namespace

Dataset load_idx(const std::string& images_path, const std::string& labels_path,
                 const std::string& name) {
  const std::string images = read_maybe_gzip(images_path);
  const std::string labels = read_maybe_gzip(labels_path);
  const std::vector<std::size_t> image_dims = idx_dims(images, images_path);
  const std::vector<std::size_t> label_dims = idx_dims(labels, labels_path);
  if (image_dims.size() < 2)
    throw InputError(fmt::format("{}: images need at least 2 dimensions", images_path));
  if (label_dims.size() != 1)
    throw InputError(fmt::format("{}: labels need exactly 1 dimension", labels_path));
  if (image_dims[0] != label_dims[0]) {
    throw InputError(fmt::format("{} has {} images but {} has {} labels", images_path,
                                 image_dims[0], labels_path, label_dims[0]));
  }
  Dataset ds;
  ds.name = name;
  ds.num_features = 1;
  for (std::size_t d = 1; d < image_dims.size(); ++d) ds.num_features *= image_dims[d];
  const char* pixels = images.data() + 4 + 4 * image_dims.size();
  ds.features.resize(image_dims[0] * ds.num_features);
  for (std::size_t i = 0; i < ds.features.size(); ++i) {
    ds.features[i] = static_cast<float>(static_cast<unsigned char>(pixels[i])) / 255.0f;
  }
  const char* raw_labels = labels.data() + 8;
  for (std::size_t i = 0; i < label_dims[0]; ++i) {
    ds.labels.push_back(static_cast<unsigned char>(raw_labels[i]));
    ds.num_classes = std::max<std::size_t>(ds.num_classes, ds.labels.back() + 1);
  }
  Sha256 hash;
  hash.update(images);
  hash.update(labels);
  ds.sha256 = hash.hex_digest();
  return ds;
}

DatasetSplits load_idx_dir(const std::string& dir, const std::string& label) {
  DatasetSplits s{load_idx(find_file(dir, "train-images-idx3-ubyte"),
                           find_file(dir, "train-labels-idx1-ubyte"), label + "/train"),
                  load_idx(find_file(dir, "t10k-images-idx3-ubyte"),
                           find_file(dir, "t10k-labels-idx1-ubyte"), label + "/test")};
  if (s.train.num_features != s.test.num_features) {
    throw InputError(fmt::format("{}: train images have {} features but test images {}", dir,
                                 s.train.num_features, s.test.num_features));
  }
  s.train.num_classes = s.test.num_classes = std::max(s.train.num_classes, s.test.num_classes);
  return s;
}

Dataset load_idx_test(const std::string& dir, const std::string& label) {
  return load_idx(find_file(dir, "t10k-images-idx3-ubyte"),
                  find_file(dir, "t10k-labels-idx1-ubyte"), label + "/test");
}

namespace {

void require_fashion_dir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw IoError(fmt::format("Fashion-MNIST not found in {} (install the Debian package "
                              "dataset-fashion-mnist, or choose data \"synthetic\")",
                              dir),
                  "data");
  }
}

}  // namespace

DatasetSplits load_fashion_mnist(const std::string& dir) {
  require_fashion_dir(dir);
  return load_idx_dir(dir, "fashion-mnist");
}

Dataset load_fashion_mnist_test(const std::string& dir) {
  require_fashion_dir(dir);
  return load_idx_test(dir, "fashion-mnist");
}

}  // namespace tinyperf::data
