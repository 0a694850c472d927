// What the harness measures: any classifier behind a small interface (the engine is one
// implementation; a user's own runtime is another), and the labelled data it is measured on.
// The harness never sees a model's internals: it calls predict() and reads the stored size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace tinyperf::measure {

// A row-major matrix of fp32 features, rows × cols. A view: the values are not owned and must
// outlive every use of the view.
struct FeatureRows {
  std::span<const float> values;
  std::size_t rows = 0;
  std::size_t cols = 0;

  // Rows [first, first + count); aborts (TP_CHECK) when they are not all inside the matrix.
  FeatureRows slice(std::size_t first, std::size_t count) const;
};

// Labelled data: features and one class index per row. A view, like FeatureRows.
struct LabelledData {
  std::string name;  // e.g. "fashion-mnist/test", recorded with results
  FeatureRows x;
  std::span<const std::int32_t> labels;  // labels[i] is the class of row i
};

// A classifier under test. Implementations need not be thread-safe: the harness calls one model
// from one thread at a time.
class ModelUnderTest {
 public:
  virtual ~ModelUnderTest() = default;

  // A short name, recorded with every result (duplicates are made unique by the harness).
  virtual std::string name() const = 0;
  // Features per input row.
  virtual std::size_t input_size() const = 0;
  // Class scores per row (>= 1).
  virtual std::size_t num_classes() const = 0;
  // Writes x.rows × num_classes() scores, row-major, into `scores` (exactly that size; the caller
  // allocates it once). Called on the timed path, so it should not allocate per call. Higher score
  // means more likely; the predicted class is the argmax.
  virtual void predict(const FeatureRows& x, std::span<float> scores) = 0;
  // Bytes of the model as stored (its file on disk, or its serialized form).
  virtual std::uint64_t stored_size_bytes() const = 0;
  // Number of parameters (weights and biases), counting pruned zeros that are still stored.
  virtual std::uint64_t parameter_count() const = 0;
};

// Checks the inputs as the TinyTorch capstone's benchmark_model does, before anything is measured,
// and throws InputError naming the problem: no rows; values.size() != rows × cols; cols different
// from model.input_size(); labels.size() != rows; model.num_classes() == 0; a label outside
// [0, num_classes). `what` names the data in messages (e.g. "X").
void validate_inputs(const ModelUnderTest& model, const FeatureRows& x,
                     std::span<const std::int32_t> labels, std::string_view what = "X");

// Checks that every score is finite; throws InputError naming the model, row and class otherwise
// (a diverged model's NaN scores must not pass for predictions).
void require_finite_scores(std::span<const float> scores, std::size_t num_classes,
                           std::string_view model_name);

// The argmax of each row of `scores` (ties to the lowest index, as numpy's argmax).
std::size_t argmax_row(std::span<const float> row);

// A callable running model.predict(x) into a score buffer it owns (allocated here, once), for the
// timing loops. `model` and the values `x` views must outlive it.
std::function<void()> predict_call(ModelUnderTest& model, FeatureRows x);

// Accuracy on `data` as a fraction in [0, 1]: the share of rows whose argmax equals the label,
// predicted in batches of `batch_size` (>= 1) rows. Validates inputs and scores as above.
double measure_accuracy(ModelUnderTest& model, const LabelledData& data,
                        std::size_t batch_size = 256);

}  // namespace tinyperf::measure
