#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/data/dataset.h"

namespace tinyperf::data {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the test temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir()
      : path_(fs::path(::testing::TempDir()) /
              ("tinyperf_data_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name, const std::string& content) const {
    const std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// 3 images of 2×2 pixels and their labels, in IDX layout.
std::string idx_images() {
  std::string s = std::string("\0\0\x08\x03", 4) + be32(3) + be32(2) + be32(2);
  for (int i = 0; i < 12; ++i) s += static_cast<char>(i * 20);
  return s;
}
std::string idx_labels() {
  return std::string("\0\0\x08\x01", 4) + be32(3) + std::string("\x02\x00\x01", 3);
}

std::string gzip(const std::string& raw) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, raw.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(Idx, ReadsImagesScaledToUnitRangeWithLabelsAndChecksum) {
  TempDir dir;
  const Dataset ds = load_idx(dir.file("i", idx_images()), dir.file("l", idx_labels()), "tiny");
  EXPECT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds.num_features, 4u);
  EXPECT_EQ(ds.num_classes, 3u);
  EXPECT_EQ(ds.labels, (std::vector<std::int32_t>{2, 0, 1}));
  EXPECT_FLOAT_EQ(ds.features[0], 0.0f);
  EXPECT_FLOAT_EQ(ds.features[5], 100.0f / 255.0f);
  EXPECT_FLOAT_EQ(ds.features[11], 220.0f / 255.0f);
  EXPECT_EQ(ds.sha256, sha256_hex(idx_images() + idx_labels()));
}

TEST(Idx, ReadsGzipFilesToTheSameDataAndChecksum) {
  TempDir dir;
  const Dataset plain = load_idx(dir.file("i", idx_images()), dir.file("l", idx_labels()), "p");
  const Dataset gz =
      load_idx(dir.file("i.gz", gzip(idx_images())), dir.file("l.gz", gzip(idx_labels())), "g");
  EXPECT_EQ(gz.features, plain.features);
  EXPECT_EQ(gz.labels, plain.labels);
  EXPECT_EQ(gz.sha256, plain.sha256);
}

TEST(Idx, RejectsEveryTruncationAndTrailingBytes) {
  TempDir dir;
  const std::string labels = dir.file("l", idx_labels());
  const std::string images = idx_images();
  for (std::size_t n = 0; n < images.size(); ++n) {
    EXPECT_THROW(load_idx(dir.file("i", images.substr(0, n)), labels, "t"), InputError)
        << n << " bytes";
  }
  EXPECT_THROW(load_idx(dir.file("i", images + "x"), labels, "t"), InputError);
}

TEST(Idx, RejectsBadMagicTypesAndCountMismatch) {
  TempDir dir;
  const std::string labels = dir.file("l", idx_labels());
  std::string float_type = idx_images();
  float_type[2] = 0x0D;
  EXPECT_THROW(load_idx(dir.file("i", float_type), labels, "t"), InputError);
  std::string magic = idx_images();
  magic[0] = 1;
  EXPECT_THROW(load_idx(dir.file("i", magic), labels, "t"), InputError);
  const std::string two_labels =
      std::string("\0\0\x08\x01", 4) + be32(2) + std::string("\x01\x00", 2);
  EXPECT_THROW(load_idx(dir.file("i", idx_images()), dir.file("l2", two_labels), "t"), InputError);
  EXPECT_THROW(load_idx(dir.file("i", idx_images()), dir.file("i2", idx_images()), "t"),
               InputError);
  EXPECT_THROW(load_idx(dir.path() + "/missing", labels, "t"), IoError);
  // A dimension of 0 (no images of 2^32 x 2^32 pixels) is refused before any size is computed.
  const std::string empty_huge =
      std::string("\0\0\x08\x03", 4) + be32(0) + be32(0xFFFFFFFFu) + be32(0xFFFFFFFFu);
  try {
    load_idx(dir.file("i0", empty_huge), labels, "t");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("IDX dimension 1 is 0"), std::string::npos) << e.what();
  }
}

TEST(Gzip, RejectsTruncatedAndGarbageStreams) {
  TempDir dir;
  const std::string gz = gzip(idx_images());
  for (std::size_t n = 2; n < gz.size(); ++n) {
    EXPECT_THROW(read_maybe_gzip(dir.file("t.gz", gz.substr(0, n))), InputError) << n << " bytes";
  }
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    std::string garbage = "\x1f\x8b";
    for (int i = 0; i < 64; ++i) garbage += static_cast<char>(rng());
    EXPECT_THROW(read_maybe_gzip(dir.file("g.gz", garbage)), InputError);
  }
}

TEST(IdxDir, LoadsTheFourFilesAsTrainAndTest) {
  TempDir dir;
  dir.file("train-images-idx3-ubyte.gz", gzip(idx_images()));
  dir.file("train-labels-idx1-ubyte", idx_labels());
  dir.file("t10k-images-idx3-ubyte", idx_images());
  dir.file("t10k-labels-idx1-ubyte.gz", gzip(idx_labels()));
  const DatasetSplits s = load_dataset(dir.path());
  EXPECT_EQ(s.train.size(), 3u);
  EXPECT_EQ(s.test.size(), 3u);
  EXPECT_EQ(s.test.name, dir.path() + "/test");
  // The test split alone: the same rows and checksum, without reading the training files.
  fs::remove(dir.path() + "/train-images-idx3-ubyte.gz");
  const Dataset test = load_test_split(dir.path());
  EXPECT_EQ(test.features, s.test.features);
  EXPECT_EQ(test.sha256, s.test.sha256);
  EXPECT_EQ(test.name, s.test.name);
  fs::remove(dir.path() + "/t10k-images-idx3-ubyte");
  EXPECT_THROW(load_dataset(dir.path()), IoError);
  EXPECT_THROW(load_test_split(dir.path()), IoError);
}

TEST(LoadTestSplit, IsLoadDatasetsTestSplitForOtherSpecs) {
  const Dataset test = load_test_split("synthetic", 7);
  EXPECT_EQ(test.sha256, load_dataset("synthetic", 7).test.sha256);
  EXPECT_EQ(test.name, "synthetic/test");
  EXPECT_THROW(load_test_split("no-such-data-set"), InputError);
}

TEST(Csv, ReadsFeaturesAndTheNamedLabelColumn) {
  TempDir dir;
  const std::string path = dir.file("d.csv", "a, b ,label,c\r\n1,2,0,3\r\n\r\n-4.5,5e-1,2,6\n");
  const Dataset ds = load_csv(path);
  EXPECT_EQ(ds.num_features, 3u);
  EXPECT_EQ(ds.num_classes, 3u);
  EXPECT_EQ(ds.features, (std::vector<float>{1, 2, 3, -4.5f, 0.5f, 6}));
  EXPECT_EQ(ds.labels, (std::vector<std::int32_t>{0, 2}));
  EXPECT_EQ(ds.sha256, sha256_hex("a, b ,label,c\r\n1,2,0,3\r\n\r\n-4.5,5e-1,2,6\n"));
  const Dataset by_name = load_csv(dir.file("e.csv", "y,x\n1,7\n"), {.label_column = "y"});
  EXPECT_EQ(by_name.features, std::vector<float>{7});
}

void expect_csv_error(const std::string& content, const std::string& needle) {
  TempDir dir;
  try {
    load_csv(dir.file("bad.csv", content));
    FAIL() << "accepted: " << content;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(Csv, RejectsMissingCellsAndOtherDefectsNamingLineAndColumn) {
  expect_csv_error("a,b,label\n1,,0\n", "bad.csv:2: missing value in column \"b\"");
  expect_csv_error("a,b,label\n1,2,0\n3,4,\n", ":3: missing label");
  expect_csv_error("a,b,label\n1,2\n", ":2: 2 cells, the header has 3");
  expect_csv_error("a,b,label\n1,2,0,9\n", "4 cells");
  expect_csv_error("a,b,label\n1,x,0\n", "\"x\" is not a finite number");
  expect_csv_error("a,b,label\n1,nan,0\n", "not a finite number");
  expect_csv_error("a,b,label\n1,2,-1\n", "not an integer >= 0");
  expect_csv_error("a,b,label\n1,2,1.5\n", "not an integer >= 0");
  expect_csv_error("a,b,class\n1,2,0\n", "no column named \"label\"");
  expect_csv_error("a,b,label\n", "no rows");
  expect_csv_error("", "empty");
  expect_csv_error("label\n1\n", "no feature columns");
  // A label sizes the model's output layer: two billion classes are refused, not allocated.
  expect_csv_error("a,b,label\n1,2,2000000000\n",
                   "bad.csv:2: label 2000000000 is above 65535, the largest supported (at most "
                   "65536 classes)");
  expect_csv_error("a,b,label\n1,2,99999999999\n", "not an integer >= 0");  // beyond int32
}

TEST(Csv, AcceptsTheLargestSupportedLabel) {
  TempDir dir;
  const Dataset ds = load_csv(dir.file("max.csv", "a,label\n1,65535\n2,0\n"), {});
  EXPECT_EQ(ds.num_classes, 65536u);
}

TEST(Synthetic, IsDeterministicPerSeed) {
  SyntheticOptions o;
  o.train_size = 50;
  o.test_size = 20;
  o.num_features = 8;
  o.num_classes = 3;
  const DatasetSplits a = make_synthetic(o), b = make_synthetic(o);
  EXPECT_EQ(a.train.features, b.train.features);
  EXPECT_EQ(a.test.sha256, b.test.sha256);
  EXPECT_EQ(a.train.size(), 50u);
  EXPECT_EQ(a.test.features.size(), 20u * 8);
  for (std::int32_t label : a.train.labels) EXPECT_TRUE(label >= 0 && label < 3);
  o.seed = 43;
  EXPECT_NE(make_synthetic(o).train.sha256, a.train.sha256);
  EXPECT_NE(a.train.sha256, a.test.sha256);
  o.num_classes = 1;
  EXPECT_THROW(make_synthetic(o), InputError);
}

TEST(LoadDataset, SplitsACsvFileEightyTwentyBySeed) {
  TempDir dir;
  std::string csv = "f,label\n";
  for (int i = 0; i < 10; ++i) csv += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  const std::string path = dir.file("all.csv", csv);
  const DatasetSplits a = load_dataset(path, 1), b = load_dataset(path, 1),
                      c = load_dataset(path, 2);
  EXPECT_EQ(a.train.size(), 8u);
  EXPECT_EQ(a.test.size(), 2u);
  EXPECT_EQ(a.test.features, b.test.features);
  std::vector<float> all = a.train.features;
  all.insert(all.end(), a.test.features.begin(), a.test.features.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_NE(a.train.features, c.train.features);
}

TEST(LoadDataset, NamesTheSyntheticTaskAndRefusesUnknownSpecs) {
  EXPECT_EQ(load_dataset("synthetic").train.name, "synthetic/train");
  EXPECT_THROW(load_dataset("no-such-data-set"), InputError);
  TempDir dir;
  EXPECT_THROW(load_dataset(dir.file("x.bin", "abc")), InputError);
}

// The real Fashion-MNIST test split, when the Debian package is installed: its published shape
// (10,000 images of 28×28) and class balance (1,000 per class, Xiao et al. 2017).
TEST(FashionMnist, TestSplitHasThePublishedShapeAndBalance) {
  const std::string dir = Env::system().fashion_mnist_dir();
  if (!fs::exists(dir + "/t10k-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "dataset-fashion-mnist not installed";
  const Dataset test =
      load_idx(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz", "fm");
  EXPECT_EQ(test.size(), 10000u);
  EXPECT_EQ(test.num_features, 784u);
  EXPECT_EQ(test.num_classes, 10u);
  std::vector<int> per_class(10);
  for (std::int32_t l : test.labels) ++per_class[l];
  EXPECT_EQ(per_class, std::vector<int>(10, 1000));
}

}  // namespace
}  // namespace tinyperf::data
