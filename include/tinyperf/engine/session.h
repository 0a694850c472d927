// Session: runs a Model on one backend with kernels prepared ahead of time. This is the object the
// measure and loadgen modules call in their timed loops: after prepare(batch), run() with that
// batch size allocates nothing and creates no primitive.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::engine {

struct SessionOptions {
  Backend backend = Backend::kFast;  // kReference for the oracle loops
  // Threads the kernels may use (oneDNN through OpenMP). 1 runs everything on the calling thread:
  // no thread pool is started. Batch-1 fast kernels are single-threaded whatever this says.
  int threads = 1;
};

class Session {
 public:
  // `model` must outlive the session and must not be changed while it exists (layers without their
  // own packed copy read its parameters). Throws InputError when threads < 1.
  explicit Session(const Model& model, SessionOptions options = {});
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Creates the kernels and scratch buffers for `batch` rows per run (once per batch size; later
  // calls with the same batch do nothing). Throws InputError when batch is 0.
  void prepare(std::size_t batch);

  // Runs `batch` rows: `input` has batch × input_features() values, `output` batch ×
  // output_features() (row-major fp32). Prepares the batch size first if needed (which allocates);
  // otherwise allocates nothing. Throws InputError when a span has the wrong size. One caller at a
  // time.
  void run(std::span<const float> input, std::size_t batch, std::span<float> output);

  // As above, into a new [batch, output_features()] tensor (allocates).
  Tensor run(std::span<const float> input, std::size_t batch);

  std::size_t input_features() const;
  std::size_t output_features() const;
  const SessionOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tinyperf::engine
