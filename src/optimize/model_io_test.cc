// Saving and loading int8 and sparse models, hostile files, and size accounting.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/optimize/model_io.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/quantize.h"
#include "tinyperf/optimize/size.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::optimize {
namespace {

using engine::Model;
using engine::Tensor;

Model mlp() { return engine::make_mlp(784, {256, 128}, 10, 42); }

nlohmann::json header_metadata(const std::string& bytes) {
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i)
    n = (n << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  return nlohmann::json::parse(bytes.substr(8, n))["__metadata__"];
}

TEST(ModelIo, Int8ModelRoundTripsWithPrecisionInt8) {
  const auto x = testing::random_values(4 * 784, 1, 0.0f, 1.0f);
  const Model q = quantize_model(mlp(), x);
  const std::string bytes = engine::serialize_model(q);
  EXPECT_EQ(header_metadata(bytes)["tinyperf.precision"], "int8");
  const Model back = parse_any_model(bytes, "q.safetensors");
  EXPECT_EQ(engine::serialize_model(back), bytes);
  EXPECT_EQ(back.precision(), "int8");
  EXPECT_EQ(testing::run(back, engine::Backend::kFast, x, 4),
            testing::run(q, engine::Backend::kFast, x, 4));
  // The engine alone does not know the kind, and says so.
  EXPECT_THROW(engine::parse_model(bytes, "q.safetensors"), InputError);
}

TEST(ModelIo, SparseModelRoundTrips) {
  Model m = mlp();
  magnitude_prune(m, 0.9);
  const Model s = to_sparse(m);
  const std::string bytes = engine::serialize_model(s);
  const Model back = parse_any_model(bytes, "s.safetensors");
  EXPECT_EQ(engine::serialize_model(back), bytes);
  EXPECT_EQ(back.layer(0).kind(), "linear_sparse");
  const auto x = testing::random_values(2 * 784, 2, 0.0f, 1.0f);
  EXPECT_EQ(testing::run(back, engine::Backend::kReference, x, 2),
            testing::run(s, engine::Backend::kReference, x, 2));
}

TEST(ModelSize, CountsEveryByteOfTheFile) {
  const Model fp32 = mlp();
  const ModelSize a = model_size(fp32);
  EXPECT_EQ(a.file_bytes, engine::serialize_model(fp32).size());
  // 784·256 + 256·128 + 128·10 = 234,752 weights and 394 biases, 4 bytes each.
  EXPECT_EQ(a.layers[0].weights + a.layers[2].weights + a.layers[4].weights, 234752u * 4);
  EXPECT_EQ(a.layers[0].bias + a.layers[2].bias + a.layers[4].bias, 394u * 4);
  const Model q = quantize_model(fp32, testing::random_values(784 * 8, 3, 0.0f, 1.0f));
  const ModelSize b = model_size(q);
  EXPECT_EQ(b.layers[0].weights, 784u * 256);
  EXPECT_EQ(b.layers[0].scales, 256u * 4 + 4);  // per-channel weight scales + the input scale
  EXPECT_EQ(b.layers[0].zero_points, 1u);
  EXPECT_GE(double(a.file_bytes) / double(b.file_bytes), 3.5);
  Model pruned = fp32;
  magnitude_prune(pruned, 0.9);
  const ModelSize c = model_size(to_sparse(pruned));
  // Layer 0: 20,070 nonzeros × (4 + 2) bytes + 257 row pointers × 4.
  EXPECT_EQ(c.layers[0].weights, 20070u * 4);
  EXPECT_EQ(c.layers[0].indices, 20070u * 2 + 257 * 4);
  EXPECT_GE(double(a.file_bytes) / double(c.file_bytes), 4.0);
}

// A layer that claims an optimize kind but carries whatever tensors a test gives it: what a
// hostile or corrupt file looks like once the engine has read it.
class Forged final : public engine::Layer {
 public:
  Forged(std::string kind, nlohmann::json config,
         std::vector<std::pair<std::string, Tensor>> tensors)
      : kind_(std::move(kind)), config_(std::move(config)), tensors_(std::move(tensors)) {}
  std::string kind() const override { return kind_; }
  std::size_t output_features(std::size_t) const override {
    return config_.value("out_features", std::size_t{1});
  }
  nlohmann::json config() const override { return config_; }
  std::vector<std::pair<std::string, const Tensor*>> tensors() const override {
    std::vector<std::pair<std::string, const Tensor*>> out;
    for (const auto& [n, t] : tensors_) out.emplace_back(n, &t);
    return out;
  }
  void forward_reference(std::span<const float>, std::span<float>, std::size_t,
                         std::size_t) const override {}
  std::unique_ptr<engine::Layer> clone() const override { return std::make_unique<Forged>(*this); }

 private:
  std::string kind_;
  nlohmann::json config_;
  std::vector<std::pair<std::string, Tensor>> tensors_;
};

std::vector<std::pair<std::string, Tensor>> int8_tensors(const LinearInt8& l) {
  std::vector<std::pair<std::string, Tensor>> out;
  for (const auto& [n, t] : l.tensors()) out.emplace_back(n, *t);
  return out;
}

void expect_rejected(const std::string& kind, const nlohmann::json& config,
                     std::vector<std::pair<std::string, Tensor>> tensors, const std::string& what) {
  Model m(config["in_features"].get<std::size_t>());
  m.add(std::make_unique<Forged>(kind, config, std::move(tensors)));
  const std::string bytes = engine::serialize_model(m);
  try {
    parse_any_model(bytes, "evil.safetensors");
    ADD_FAILURE() << "accepted: " << what;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("evil.safetensors"), std::string::npos) << e.what();
  }
}

TEST(ModelIo, RejectsHostileInt8Layers) {
  const auto good = testing::random_int8(6, 4, 1, {0.1f, 2});
  const nlohmann::json config = good->config();
  auto t = int8_tensors(*good);
  t[1].second = Tensor({4}, engine::DType::kI32);
  expect_rejected("linear_int8", config, t, "weight_scale of dtype I32");
  t = int8_tensors(*good);
  t[3].second = testing::scalar_tensor(-1.0f);
  expect_rejected("linear_int8", config, t, "negative input scale");
  t = int8_tensors(*good);
  t.pop_back();
  expect_rejected("linear_int8", config, t, "missing zero point");
  t = int8_tensors(*good);
  t.emplace_back("extra", Tensor({1}));
  expect_rejected("linear_int8", config, t, "extra tensor");
  nlohmann::json wrong = config;
  wrong["out_features"] = 5;
  expect_rejected("linear_int8", wrong, int8_tensors(*good), "out_features not matching");
}

std::vector<std::pair<std::string, Tensor>> csr_tensors(const SparseLinear& l) {
  std::vector<std::pair<std::string, Tensor>> out;
  for (const auto& [n, t] : l.tensors()) out.emplace_back(n, *t);
  return out;
}

TEST(ModelIo, RejectsHostileSparseLayers) {
  engine::Linear dense(5, 3);
  const auto w = testing::random_values(15, 2);
  for (std::size_t i = 0; i < 15; ++i) dense.weight().values<float>()[i] = i % 3 == 0 ? w[i] : 0.0f;
  const auto good = SparseLinear::from_linear(dense);
  const nlohmann::json config = good->config();
  auto t = csr_tensors(*good);
  t[1].second.values<std::uint8_t>()[0] = 9;  // column 9 of 5
  expect_rejected("linear_sparse", config, t, "column index out of range");
  t = csr_tensors(*good);
  std::swap(t[2].second.values<std::int32_t>()[1], t[2].second.values<std::int32_t>()[2]);
  expect_rejected("linear_sparse", config, t, "row pointers not monotonic");
  t = csr_tensors(*good);
  t[0].second = Tensor(t[0].second.shape(), engine::DType::kI32);
  expect_rejected("linear_sparse", config, t, "values of dtype I32");
  nlohmann::json wrong = config;
  wrong["format"] = "coo";
  expect_rejected("linear_sparse", wrong, csr_tensors(*good), "unknown format");
  EXPECT_NO_THROW(parse_any_model(engine::serialize_model([&] {
                                    Model m(5);
                                    m.add(good->clone());
                                    return m;
                                  }()),
                                  "good.safetensors"));
}

}  // namespace
}  // namespace tinyperf::optimize
