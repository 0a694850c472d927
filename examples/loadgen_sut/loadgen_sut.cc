// Runs inference code of your own under tinyperf's load generator, in two MLPerf scenarios.
//
// The load generator never sees a model: it issues queries of sample indices to a system under
// test (loadgen::SystemUnderTest) and times each sample from its issue (SingleStream) or its
// scheduled Poisson arrival (Server) to the moment the SUT reports it complete. The samples live
// in a sample library (loadgen::SampleLibrary). Here the "inference code" is a small MLP written
// in plain C++, over a data set held in memory.
//
//   SingleStream: a SUT written by hand (MlpSut below): it runs each query on the issue thread
//                 and completes it at once. Metric: the early-stopping estimate of the p90 latency.
//   Server:       loadgen::BatchingSut wraps the same inference function in a worker thread
//                 that batches what has queued up. Metric: completed samples/s, with the p99
//                 latency held under a bound.
//
// Both runs are short: loadgen::apply_quick, then a 0.5 s minimum duration (the result then says
// it is not comparable with MLPerf figures; official MLPerf runs last 600 s, tinyperf's default
// is 10 s). A run that misses a rule is
// INVALID with the reasons: that is a result, printed like any other, not an error.
//
// Usage: loadgen_sut [SERVER_QPS]   (default 2000 queries/s; exit 0 unless something fails)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"
#include "tinyperf/loadgen/result.h"
#include "tinyperf/loadgen/settings.h"
#include "tinyperf/loadgen/sut.h"

namespace {

namespace lg = tinyperf::loadgen;

constexpr std::size_t kFeatures = 64;
constexpr std::size_t kHidden = 128;
constexpr std::size_t kClasses = 10;
constexpr std::size_t kSamples = 2048;
constexpr double kMinDurationS = 0.5;

// y = W x + b for a row-major W of out × in.
void dense(std::span<const float> w, std::span<const float> b, std::span<const float> x,
           std::span<float> y) {
  for (std::size_t o = 0; o < y.size(); ++o) {
    float sum = b[o];
    for (std::size_t i = 0; i < x.size(); ++i) sum += w[o * x.size() + i] * x[i];
    y[o] = sum;
  }
}

// The user's own model: a 64-128-10 MLP with ReLU, predicted class = argmax of the scores.
// Deterministic weights; not thread-safe (one scratch buffer), which suits both SUTs below: each
// runs inference on one thread at a time.
class MlpClassifier {
 public:
  MlpClassifier() : w1_(kHidden * kFeatures), b1_(kHidden), w2_(kClasses * kHidden), b2_(kClasses) {
    for (std::size_t i = 0; i < w1_.size(); ++i) w1_[i] = float(i % 13) / 13.0f - 0.5f;
    for (std::size_t i = 0; i < w2_.size(); ++i) w2_[i] = float(i % 7) / 7.0f - 0.5f;
  }

  std::size_t predict(std::span<const float> x) {
    dense(w1_, b1_, x, hidden_);
    for (float& h : hidden_) h = h > 0.0f ? h : 0.0f;
    dense(w2_, b2_, hidden_, scores_);
    std::size_t best = 0;
    for (std::size_t c = 1; c < kClasses; ++c) best = scores_[c] > scores_[best] ? c : best;
    return best;
  }

 private:
  std::vector<float> w1_, b1_, w2_, b2_;
  std::vector<float> hidden_ = std::vector<float>(kHidden);
  std::vector<float> scores_ = std::vector<float>(kClasses);
};

// The data set and where predictions go, indexed by sample index.
struct Workload {
  std::vector<float> features = std::vector<float>(kSamples * kFeatures);
  std::vector<std::size_t> predictions = std::vector<std::size_t>(kSamples);
  MlpClassifier model;

  Workload() {
    for (std::size_t i = 0; i < features.size(); ++i) features[i] = float((i * 7) % 31) / 31.0f;
  }
  void infer(std::uint64_t index) {
    predictions[index] = model.predict(std::span(features).subspan(index * kFeatures, kFeatures));
  }
};

// A SUT written against the interface: inference on the issue thread, one completion per query.
// Completer::complete takes the completion timestamp, so call it as soon as the work is done.
class MlpSut final : public lg::SystemUnderTest {
 public:
  explicit MlpSut(Workload& workload) : workload_(workload) {}
  std::string name() const override { return "mlp-64-128-10 (inline)"; }
  void issue_query(std::span<const lg::QuerySample> samples, lg::Completer& completer) override {
    for (const lg::QuerySample& s : samples) workload_.infer(s.index);
    completer.complete(samples);
  }

 private:
  Workload& workload_;
};

// LoadGen's summary, then one line: the scenario's metric (SingleStream: the early-stopping p90
// estimate in ns; Server: completed samples/s) and the latency at the scenario's percentile.
void print_result(const lg::LoadgenResult& r) {
  std::cout << lg::format_summary(r) << '\n';
  std::cout << "=> " << lg::scenario_name(r.settings.scenario) << ' '
            << (r.valid ? "VALID" : "INVALID") << ": metric " << lg::scenario_metric(r) << ", p"
            << r.settings.target_latency_percentile * 100 << " latency "
            << r.latency.target_percentile_ns / 1000.0 << " us over " << r.query_count
            << " queries\n";
  for (const std::string& reason : r.invalid_reasons) std::cout << "   " << reason << '\n';
  std::cout << '\n';
}

void run_single_stream(Workload& workload, lg::SampleLibrary& library) {
  MlpSut sut(workload);
  lg::LoadgenSettings settings = lg::default_settings(lg::Scenario::kSingleStream);
  lg::apply_quick(settings);
  settings.min_duration_s = kMinDurationS;
  print_result(lg::run_scenario(sut, library, settings));
}

void run_server(Workload& workload, lg::SampleLibrary& library, double qps) {
  lg::BatchingSut sut(
      "mlp-64-128-10 (worker thread)",
      [&workload](std::span<const std::uint64_t> batch) {
        for (std::uint64_t index : batch) workload.infer(index);
      },
      /*max_batch=*/32);
  lg::LoadgenSettings settings = lg::default_settings(lg::Scenario::kServer);
  lg::apply_quick(settings);
  settings.min_duration_s = kMinDurationS;
  settings.target_qps = qps;
  settings.target_latency_ns = 5'000'000;  // p99 must stay under 5 ms
  const lg::LoadgenResult result = lg::run_scenario(sut, library, settings);
  if (sut.first_error()) std::rethrow_exception(sut.first_error());
  print_result(result);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const double qps = argc > 1 ? std::strtod(argv[1], nullptr) : 2000.0;
    Workload workload;
    // The samples are already in memory: a library of indices, every one of them loaded.
    lg::IndexSampleLibrary library("in-memory features", kSamples, kSamples);
    run_single_stream(workload, library);
    run_server(workload, library, qps);
    return 0;
  } catch (const tinyperf::Error& e) {  // invalid settings: the message names the setting
    std::fprintf(stderr, "loadgen_sut: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "loadgen_sut: internal error: %s\n", e.what());
    return 3;
  }
}
