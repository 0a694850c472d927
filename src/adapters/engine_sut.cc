#include "tinyperf/adapters/engine_sut.h"

#include <fmt/format.h>
#include <algorithm>
#include <vector>

#include "tinyperf/core/error.h"

namespace tinyperf::adapters {

// Gathers the rows of a batch into `input_` and runs the session at prepared sizes.
class EngineSut::Runner {
 public:
  Runner(EngineModel& model, measure::FeatureRows samples, std::size_t max_batch,
         ScoresFunction on_scores)
      : model_(model),
        samples_(samples),
        on_scores_(std::move(on_scores)),
        input_(max_batch * samples.cols),
        output_(max_batch * model.num_classes()) {
    for (std::size_t b = 1; b < max_batch; b *= 2) sizes_.push_back(b);
    sizes_.push_back(max_batch);
    for (const std::size_t b : sizes_) model_.session().prepare(b);
  }

  void operator()(std::span<const std::uint64_t> indices) {
    if (model_.stop_requested()) return;
    while (!indices.empty()) {
      const std::size_t n = largest_size_up_to(indices.size());
      run(indices.first(n));
      indices = indices.subspan(n);
    }
  }

 private:
  std::size_t largest_size_up_to(std::size_t n) const {
    std::size_t best = 1;
    for (const std::size_t b : sizes_) {
      if (b <= n) best = b;
    }
    return best;
  }

  void run(std::span<const std::uint64_t> indices) {
    const std::size_t d = samples_.cols;
    for (std::size_t i = 0; i < indices.size(); ++i) {
      const auto row = samples_.slice(static_cast<std::size_t>(indices[i]), 1).values;
      std::copy(row.begin(), row.end(), input_.begin() + static_cast<std::ptrdiff_t>(i * d));
    }
    const std::size_t n = indices.size();
    const auto scores = std::span(output_).first(n * model_.num_classes());
    model_.session().run(std::span(input_).first(n * d), n, scores);
    if (on_scores_) on_scores_(indices, scores);
  }

  EngineModel& model_;
  measure::FeatureRows samples_;
  ScoresFunction on_scores_;
  std::vector<float> input_;
  std::vector<float> output_;
  std::vector<std::size_t> sizes_;
};

SutThreading threading_for(loadgen::Scenario scenario) {
  const bool async =
      scenario == loadgen::Scenario::kServer || scenario == loadgen::Scenario::kOffline;
  return async ? SutThreading::kWorker : SutThreading::kIssueThread;
}

EngineSut::EngineSut(EngineModel& model, measure::FeatureRows samples, std::size_t max_batch,
                     SutThreading threading, ScoresFunction on_scores) {
  if (max_batch == 0) throw InputError("max_batch must be at least 1");
  if (samples.cols != model.input_size()) {
    throw InputError(fmt::format("samples have {} features but model '{}' takes {}", samples.cols,
                                 model.name(), model.input_size()));
  }
  runner_ = std::make_unique<Runner>(model, samples, max_batch, std::move(on_scores));
  Runner* runner = runner_.get();
  loadgen::BatchFunction infer = [runner](std::span<const std::uint64_t> i) { (*runner)(i); };
  const std::string sut_name = "tinyperf-engine:" + model.name();
  if (threading == SutThreading::kWorker) {
    batching_ = std::make_unique<loadgen::BatchingSut>(sut_name, std::move(infer), max_batch);
  } else {
    callable_ = std::make_unique<loadgen::CallableSut>(
        loadgen::CallableSut::batched(sut_name, std::move(infer), max_batch));
  }
}

EngineSut::~EngineSut() = default;

loadgen::SystemUnderTest& EngineSut::inner() const {
  if (batching_) return *batching_;
  return *callable_;
}

std::string EngineSut::name() const { return inner().name(); }

void EngineSut::issue_query(std::span<const loadgen::QuerySample> samples,
                            loadgen::Completer& completer) {
  inner().issue_query(samples, completer);
}

void EngineSut::flush_queries() { inner().flush_queries(); }

std::exception_ptr EngineSut::first_error() const {
  return batching_ ? batching_->first_error() : callable_->first_error();
}

}  // namespace tinyperf::adapters
