// The fast kernels against the reference loops.
//
// Tolerance: both paths compute the same sums in different orders, the reference in double (so
// its result is the exact sum rounded once to float) and the fast path in float. For a sum of K
// products plus the bias, float accumulation in any order is off by at most γ_{K+1}·Σ|x_k·w_k| +
// |b| with γ_n = n·u/(1 − n·u) and u = 2⁻²⁴ (Higham, "Accuracy and Stability of Numerical
// Algorithms", §3.1); FMA only tightens that. We allow 2·γ_{K+1} times that magnitude plus one ulp
// of the result, for the final rounding of both paths: a bound that a wrong index, a missed tail
// column or a missing bias (errors of the size of the terms themselves) breaks at once.
#include <cmath>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/engine/train.h"

namespace tinyperf::engine {
namespace {

using testing::random_values;

// Checks one Linear (+ optional ReLU) layer of shape in → out at `batch`, fast vs reference.
void expect_linear_matches(Backend backend, std::size_t in, std::size_t out, std::size_t batch,
                           bool relu) {
  Model model(in);
  model.add(std::make_unique<Linear>(in, out));
  if (relu) model.add(std::make_unique<ReLU>());
  testing::randomize(model, in * 1000 + out);
  const auto& linear = dynamic_cast<const Linear&>(model.layer(0));
  const std::vector<float> x = random_values(batch * in, batch);
  Session fast(model, {backend, 1});
  const Tensor got = fast.run(x, batch);
  const Tensor want = model.forward(x, batch);
  const auto w = linear.weight().values<float>();
  const auto b = linear.bias().values<float>();
  const double gamma = (in + 1) * 0x1.0p-24 / (1 - (in + 1) * 0x1.0p-24);
  for (std::size_t r = 0; r < batch; ++r) {
    for (std::size_t j = 0; j < out; ++j) {
      double magnitude = std::abs(b[j]);
      for (std::size_t k = 0; k < in; ++k)
        magnitude += std::abs(double{x[r * in + k]} * w[j * in + k]);
      const float ref = want.values<float>()[r * out + j];
      const double tol = 2 * gamma * magnitude + std::abs(ref) * 0x1.0p-23;
      ASSERT_NEAR(got.values<float>()[r * out + j], ref, tol)
          << "in " << in << " out " << out << " batch " << batch << " row " << r << " col " << j;
    }
  }
}

class LinearShapes
    : public ::testing::TestWithParam<std::tuple<Backend, std::size_t, std::size_t>> {};

TEST_P(LinearShapes, FastMatchesReferenceAtEveryBatchWithAndWithoutRelu) {
  const auto [backend, in, out] = GetParam();
  for (std::size_t batch : {1u, 3u, 17u}) {
    for (bool relu : {false, true}) expect_linear_matches(backend, in, out, batch, relu);
  }
}

constexpr std::size_t kOddSizes[] = {1, 3, 17, 1000};

INSTANTIATE_TEST_SUITE_P(OddSizes, LinearShapes,
                         ::testing::Combine(::testing::Values(Backend::kFast, Backend::kOneDnn),
                                            ::testing::ValuesIn(kOddSizes),
                                            ::testing::ValuesIn(kOddSizes)));

TEST(LinearKernels, HandleThePanelBoundariesOfTheBatchOneKernel) {
  // 256 outputs fill one panel exactly; 257 and 272 start a second; 511/512/513 straddle two.
  for (std::size_t out : {15u, 16u, 255u, 256u, 257u, 272u, 511u, 512u, 513u}) {
    expect_linear_matches(Backend::kFast, 40, out, 1, true);
  }
}

// Whole-network probabilities: each of the ~10 outputs is a softmax of logits whose error is
// bounded as above layer by layer; 1e-5 absolute on probabilities is ~100x the float noise seen and
// far below what any layer bug gives.
void expect_model_matches(const Model& model, std::size_t batch, std::uint64_t seed) {
  const std::vector<float> x = random_values(batch * model.input_features(), seed, 0.0f, 1.0f);
  const Tensor want = model.forward(x, batch);
  for (Backend backend : {Backend::kFast, Backend::kOneDnn}) {
    Session session(model, {backend, 1});
    const Tensor got = session.run(x, batch);
    for (std::size_t i = 0; i < want.numel(); ++i) {
      ASSERT_NEAR(got.values<float>()[i], want.values<float>()[i], 1e-5)
          << "batch " << batch << " index " << i;
    }
  }
}

TEST(Session, MatchesReferenceOnTheMainMlpWithRandomWeights) {
  const Model model = make_mlp(784, {256, 128}, 10, 3);
  for (std::size_t batch : {1u, 5u, 64u}) expect_model_matches(model, batch, batch);
}

TEST(Session, MatchesReferenceOnTrainedWeights) {
  // Trained weights are not i.i.d. like random ones (larger, correlated); train briefly on a
  // separable synthetic task to get some.
  const std::size_t n = 512, d = 64;
  std::vector<float> features = random_values(n * d, 11);
  std::vector<std::int32_t> labels(n);
  for (std::size_t i = 0; i < n; ++i) labels[i] = features[i * d] + features[i * d + 1] > 0 ? 1 : 0;
  Model model = make_mlp(d, {100, 17}, 2, 5);
  TrainOptions options;
  options.epochs = 3;
  options.batch_size = 32;
  train(model, {features, labels, d}, options);
  for (std::size_t batch : {1u, 17u}) expect_model_matches(model, batch, 100 + batch);
}

TEST(Session, FlattenAndSoftmaxOnlyModelCopiesAndNormalizes) {
  Model model(4);
  model.add(std::make_unique<Flatten>());
  Session session(model);
  const std::vector<float> x = {1, -2, 3, 4};
  EXPECT_EQ(session.run(x, 1), Tensor::from_floats({1, 4}, x));
  model.add(std::make_unique<Softmax>());
  Session with_softmax(model);
  const Tensor p = with_softmax.run(x, 1);
  double sum = 0;
  for (float v : p.values<float>()) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-6);
  // exp(4) / (e + e^-2 + e^3 + e^4), computed with python3's math module: 0.7041533...
  EXPECT_NEAR(p.values<float>()[3], 0.70415332, 1e-6);
}

TEST(Session, RefusesWrongSizes) {
  const Model model = make_mlp(8, {4}, 2, 1);
  Session session(model);
  std::vector<float> x(8), y(2);
  EXPECT_THROW(session.run(std::span<const float>(x).first(7), 1, y), InputError);
  EXPECT_THROW(session.run(x, 1, std::span<float>(y).first(1)), InputError);
  EXPECT_THROW(session.run(x, 0, y), InputError);
  EXPECT_THROW(Session(model, {Backend::kFast, 0}), InputError);
}

// Batch 1 with one thread must not start a thread pool. The check runs in a fresh process (the
// "threadsafe" death-test style re-executes the test binary), which counts its threads at the end.
int threads_of_this_process() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("Threads:")) return std::stoi(line.substr(8));
  }
  return -1;
}

TEST(SessionDeathTest, BatchOneStartsNoThreads) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const Model model = make_mlp(784, {256, 128}, 10, 1);
        for (Backend backend : {Backend::kFast, Backend::kOneDnn}) {
          Session session(model, {backend, 1});
          const std::vector<float> x(784, 0.5f);
          for (int i = 0; i < 10; ++i) session.run(x, 1);
        }
        std::exit(threads_of_this_process());
      },
      ::testing::ExitedWithCode(1), "");
}

}  // namespace
}  // namespace tinyperf::engine
