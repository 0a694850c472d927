#include "tinyperf/measure/model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

using testing::FakeModel;
using testing::rows_with_first;

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// The capstone's benchmark_model input checks, one case each.
TEST(ValidateInputs, RefusesWhatTheCapstoneRefuses) {
  FakeModel model("m", 2, 3);
  const std::vector<float> x = rows_with_first({0, 1, 2}, 2);
  const std::vector<std::int32_t> y = {0, 1, 2};
  const FeatureRows rows{x, 3, 2};
  EXPECT_EQ(error_of([&] { validate_inputs(model, rows, y); }), "no error");
  EXPECT_EQ(error_of([&] {
              validate_inputs(model, {x, 0, 2}, {});
            }),
            "X must contain at least one sample");
  EXPECT_NE(error_of([&] {
              validate_inputs(model, {x, 4, 2}, y);
            }).find("do not form 4 rows"),
            std::string::npos);
  EXPECT_EQ(error_of([&] {
              validate_inputs(model, {x, 2, 3}, {y.data(), 2});
            }),
            "X: rows have 3 features but model 'm' takes 2");
  EXPECT_NE(
      error_of([&] { validate_inputs(FakeModel("wide", 3, 3), rows, y); }).find("'wide' takes 3"),
      std::string::npos);
  EXPECT_NE(error_of([&] {
              validate_inputs(model, rows, {y.data(), 2});
            }).find("2 labels for 3 samples"),
            std::string::npos);
  const std::vector<std::int32_t> too_big = {0, 3, 1};
  EXPECT_NE(error_of([&] { validate_inputs(model, rows, too_big); }).find("label 3 of sample 1"),
            std::string::npos);
  const std::vector<std::int32_t> negative = {-1, 0, 1};
  EXPECT_NE(error_of([&] { validate_inputs(model, rows, negative); }).find("label -1 of sample 0"),
            std::string::npos);
  EXPECT_NE(error_of([&] { validate_inputs(FakeModel("none", 2, 0), rows, y); }).find("no classes"),
            std::string::npos);
}

TEST(MeasureAccuracy, IsTheShareOfCorrectArgmaxesOnLabelledData) {
  FakeModel model("m", 4, 3);
  // Predictions 0, 1, 2, 2, 1, 0, 0, 1; labels agree on 6 of 8.
  const std::vector<float> x = rows_with_first({0, 1, 2, 2, 1, 0, 0, 1}, 4);
  const std::vector<std::int32_t> y = {0, 1, 2, 0, 1, 0, 2, 1};
  const LabelledData data{"toy", {x, 8, 4}, y};
  EXPECT_EQ(measure_accuracy(model, data), 0.75);
  EXPECT_EQ(measure_accuracy(model, data, 3), 0.75);  // batch boundaries change nothing
  EXPECT_EQ(model.calls, 1u + 3u);
}

TEST(MeasureAccuracy, NonFiniteScoresAreRefusedNotCountedAsClassZero) {
  FakeModel model("diverged", 2, 3);
  model.poison = true;
  model.poison_value = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> x = rows_with_first({0, 1}, 2);
  const std::vector<std::int32_t> y = {0, 0};
  const std::string e = error_of([&] { measure_accuracy(model, {"d", {x, 2, 2}, y}); });
  EXPECT_NE(e.find("model 'diverged' produced a non-finite score"), std::string::npos) << e;
  model.poison_value = std::numeric_limits<float>::infinity();
  EXPECT_THROW(measure_accuracy(model, {"d", {x, 2, 2}, y}), InputError);
}

TEST(ArgmaxRow, TiesGoToTheLowestIndexAsInNumpy) {
  const std::vector<float> row = {0.1f, 0.7f, 0.7f, 0.2f};
  EXPECT_EQ(argmax_row(row), 1u);
}

TEST(FeatureRows, SliceViewsConsecutiveRows) {
  const std::vector<float> x = {1, 2, 3, 4, 5, 6};
  const FeatureRows rows{x, 3, 2};
  const FeatureRows mid = rows.slice(1, 2);
  EXPECT_EQ(mid.rows, 2u);
  EXPECT_EQ(mid.values.front(), 3.0f);
  EXPECT_EQ(mid.values.size(), 4u);
}

}  // namespace
}  // namespace tinyperf::measure
