#include "tinyperf/engine/train.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/model_file.h"
#include "trainer.h"

namespace tinyperf::engine {
namespace {

using testing::random_values;

// A small separable task: the label says which of 3 feature blocks has the largest sum.
struct Task {
  std::size_t d = 12;
  std::vector<float> features;
  std::vector<std::int32_t> labels;
  explicit Task(std::size_t n, std::uint64_t seed)
      : features(random_values(n * 12, seed)), labels(n) {
    for (std::size_t i = 0; i < n; ++i) {
      float best = -1e9f;
      for (int c = 0; c < 3; ++c) {
        const float s = features[i * d + 4 * c] + features[i * d + 4 * c + 1];
        if (s > best) best = s, labels[i] = c;
      }
    }
  }
  LabeledData view() const { return {features, labels, d}; }
};

TEST(SimpleMLP, HasTheSeedsParameterCount) {
  // 10·20 + 20 + 20·3 + 3 = 283 (the TinyTorch seeds' figure).
  EXPECT_EQ(SimpleMLP(10, 20, 3).parameter_count(), 283u);
  EXPECT_EQ(SimpleMLP(10, 20, 3).parameter_bytes(), 283u * 4);
  EXPECT_EQ(make_mlp(784, {256, 128}, 10, 0).parameter_count(), 235146u);
}

TEST(MakeMlp, IsDeterministicPerSeedWithHeScale) {
  const Model a = make_mlp(400, {300}, 10, 7), b = make_mlp(400, {300}, 10, 7),
              c = make_mlp(400, {300}, 10, 8);
  const auto& wa = dynamic_cast<const Linear&>(a.layer(0)).weight();
  EXPECT_EQ(wa, dynamic_cast<const Linear&>(b.layer(0)).weight());
  EXPECT_FALSE(wa == dynamic_cast<const Linear&>(c.layer(0)).weight());
  double sum_sq = 0;
  for (float w : wa.values<float>()) sum_sq += double{w} * w;
  // He-normal: variance 2 / fan_in = 0.005; 120,000 draws put the sample variance within ~1 %.
  EXPECT_NEAR(sum_sq / static_cast<double>(wa.numel()), 2.0 / 400, 2.0 / 400 * 0.03);
}

TEST(CrossEntropy, MatchesHandComputedValues) {
  // ln 2 for two equal logits; log(e + e² + e³) − 3 = 0.40760596444438013 (python3 math).
  const std::vector<float> two = {0, 0}, three = {1, 2, 3};
  EXPECT_NEAR(cross_entropy(two, std::vector<std::int32_t>{0}, 2), 0.6931471805599453, 1e-12);
  EXPECT_NEAR(cross_entropy(three, std::vector<std::int32_t>{2}, 3), 0.40760596444438013, 1e-7);
  EXPECT_THROW(cross_entropy(three, std::vector<std::int32_t>{3}, 3), InputError);
  EXPECT_THROW(cross_entropy(three, std::vector<std::int32_t>{0, 1}, 3), InputError);
}

// Central differences of the loss, evaluated in double by the reference path, against the
// backpropagated gradient. With h = 1e-3 the truncation error is O(h²·|f'''|) ~ 1e-6 and float
// rounding of the logits adds ~1e-7/h ~ 1e-4 relative at most, so 2e-3 relative (plus 1e-5
// absolute for tiny entries) catches any wrong term while tolerating that noise.
TEST(Trainer, GradientsMatchFiniteDifferences) {
  Model model = make_mlp(5, {4, 6}, 3, 2, /*softmax=*/false);
  testing::randomize(model, 21, 0.8f);
  const std::size_t n = 7;
  const std::vector<float> x = random_values(n * 5, 3);
  const std::vector<std::int32_t> y = {0, 1, 2, 2, 1, 0, 1};
  detail::Trainer trainer(model, 1);
  std::size_t correct = 0;
  const double loss = trainer.forward_backward(x.data(), y.data(), n, &correct);
  auto loss_at = [&] { return cross_entropy(model.forward(x, n).values<float>(), y, 3); };
  EXPECT_NEAR(loss, loss_at(), 1e-5);
  for (std::size_t l = 0; l < trainer.dense().size(); ++l) {
    Linear& layer = *trainer.dense()[l].layer;
    for (auto [params, grads] :
         {std::pair{layer.weight().values<float>(), trainer.gradients()[l].weight.data()},
          std::pair{layer.bias().values<float>(), trainer.gradients()[l].bias.data()}}) {
      for (std::size_t i = 0; i < params.size(); ++i) {
        const float saved = params[i];
        const float h = 1e-3f;
        params[i] = saved + h;
        const double up = loss_at();
        params[i] = saved - h;
        const double down = loss_at();
        params[i] = saved;
        const double numeric = (up - down) / (2.0 * h);
        EXPECT_NEAR(grads[i], numeric, 2e-3 * std::abs(numeric) + 1e-5)
            << "layer " << l << " param " << i;
      }
    }
  }
}

TEST(Train, IsBitForBitDeterministicForASeed) {
  const Task task(300, 4);
  auto run = [&](std::uint64_t seed, Optimizer opt) {
    Model m = make_mlp(12, {16}, 3, 1);
    TrainOptions o;
    o.epochs = 2;
    o.batch_size = 32;
    o.seed = seed;
    o.optimizer = opt;
    o.learning_rate = opt == Optimizer::kAdam ? 1e-3 : 0.05;
    train(m, task.view(), o);
    return serialize_model(m);
  };
  for (Optimizer opt : {Optimizer::kAdam, Optimizer::kSgd}) {
    EXPECT_EQ(run(5, opt), run(5, opt));
    EXPECT_NE(run(5, opt), run(6, opt));
  }
}

TEST(Train, LearnsASeparableTaskAndReportsEachEpoch) {
  const Task train_set(1200, 1), test_set(400, 2);
  Model model = make_mlp(12, {32}, 3, 3);
  const double before = evaluate(model, test_set.view());
  TrainOptions o;
  o.epochs = 8;
  o.batch_size = 50;
  o.learning_rate = 5e-3;
  int steps = 0, epochs_seen = 0;
  o.after_step = [&](Model&) { ++steps; };
  o.on_epoch = [&](const EpochStats& e) { EXPECT_EQ(e.epoch, ++epochs_seen); };
  const auto history = train(model, train_set.view(), o);
  ASSERT_EQ(history.size(), 8u);
  EXPECT_EQ(steps, 8 * 24);
  EXPECT_LT(history.back().loss, history.front().loss);
  EXPECT_GT(evaluate(model, test_set.view()), 0.9);
  EXPECT_LT(before, 0.7);
}

TEST(Train, RejectsBadDataOptionsAndModels) {
  const Task task(20, 1);
  Model model = make_mlp(12, {4}, 3, 1);
  TrainOptions o;
  std::vector<std::int32_t> bad_labels(task.labels);
  bad_labels[3] = 3;
  EXPECT_THROW(train(model, {task.features, bad_labels, 12}, o), InputError);
  EXPECT_THROW(train(model, {task.features, task.labels, 11}, o), InputError);
  EXPECT_THROW(train(model, {{}, {}, 12}, o), InputError);
  o.epochs = 0;
  EXPECT_THROW(train(model, task.view(), o), InputError);
  o.epochs = 1;
  o.learning_rate = -1;
  EXPECT_THROW(train(model, task.view(), o), InputError);
  Model softmax_inside(12);
  softmax_inside.add(std::make_unique<Linear>(12, 3));
  softmax_inside.add(std::make_unique<Softmax>());
  softmax_inside.add(std::make_unique<Linear>(3, 3));
  EXPECT_THROW(train(softmax_inside, task.view(), TrainOptions{}), UnsupportedError);
  EXPECT_THROW(parse_optimizer("rmsprop"), InputError);
}

}  // namespace
}  // namespace tinyperf::engine
