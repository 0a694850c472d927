// Test doubles shared by the measure tests: a fake classifier whose cost is charged to a
// ManualClock, and a temporary directory for fake /proc and /sys trees.
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tinyperf/measure/clock.h"
#include "tinyperf/measure/model.h"

namespace tinyperf::measure::testing {

// A classifier over `features` inputs and `classes` classes that predicts the class given by the
// rounded first feature (clamped to the classes), so a data set's accuracy is known exactly. Each
// predict() advances `clock` by call_ns + rows * row_ns (when a clock is given).
class FakeModel final : public ModelUnderTest {
 public:
  FakeModel(std::string name, std::size_t features, std::size_t classes,
            ManualClock* clock = nullptr, std::int64_t call_ns = 0, std::int64_t row_ns = 0)
      : name_(std::move(name)),
        features_(features),
        classes_(classes),
        clock_(clock),
        call_ns_(call_ns),
        row_ns_(row_ns) {}

  std::string name() const override { return name_; }
  std::size_t input_size() const override { return features_; }
  std::size_t num_classes() const override { return classes_; }
  std::uint64_t stored_size_bytes() const override { return stored_bytes; }
  std::uint64_t parameter_count() const override { return parameters; }

  void predict(const FeatureRows& x, std::span<float> scores) override {
    ++calls;
    if (clock_ != nullptr) clock_->advance(call_ns_ + static_cast<std::int64_t>(x.rows) * row_ns_);
    for (std::size_t r = 0; r < x.rows; ++r) {
      const float v = x.values[r * x.cols];
      const auto cls = static_cast<std::size_t>(std::clamp(v, 0.0f, float(classes_ - 1)) + 0.5f);
      for (std::size_t c = 0; c < classes_; ++c) scores[r * classes_ + c] = c == cls ? 1.0f : 0.0f;
      if (poison) scores[r * classes_] = poison_value;
    }
  }

  std::size_t calls = 0;
  std::uint64_t stored_bytes = 1000;
  std::uint64_t parameters = 250;
  bool poison = false;  // write poison_value into class 0 of every row
  float poison_value = 0.0f;

 private:
  std::string name_;
  std::size_t features_, classes_;
  ManualClock* clock_;
  std::int64_t call_ns_, row_ns_;
};

// Rows of `features` features whose first feature is `first[i]` (others 0).
inline std::vector<float> rows_with_first(const std::vector<float>& first, std::size_t features) {
  std::vector<float> values(first.size() * features, 0.0f);
  for (std::size_t i = 0; i < first.size(); ++i) values[i * features] = first[i];
  return values;
}

// A fresh directory under the system's temp folder, removed with its content on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tinyperf-measure-XXXXXX").string();
    const char* made = ::mkdtemp(pattern.data());
    if (made == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to path()/relative, creating parent folders.
  void write(const std::string& relative, const std::string& content) const {
    const auto file = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << content;
  }

 private:
  std::string path_;
};

}  // namespace tinyperf::measure::testing
