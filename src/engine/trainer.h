// Backpropagation for Linear/ReLU classifiers with oneDNN matmuls. Private to the engine; train()
// (train.h) drives it, and the tests check its gradients against finite differences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "dnnl_kernels.h"
#include "tinyperf/engine/model.h"

namespace tinyperf::engine::detail {

class Trainer {
 public:
  // One dense step of the model: a Linear layer and whether a ReLU follows it.
  struct Dense {
    Linear* layer = nullptr;
    bool relu = false;
  };
  // Gradient of the mean loss with respect to one Linear layer's parameters.
  struct Gradient {
    AlignedVector<float> weight;  // [out, in]
    AlignedVector<float> bias;    // [out]
  };

  // Reads the model's structure (UnsupportedError for layers other than Linear, ReLU after a
  // Linear, Flatten, and a final Softmax; InputError when it does not end in Linear [+ Softmax]).
  // The model must outlive the trainer; its parameters are read at every step.
  Trainer(Model& model, int threads);
  ~Trainer();

  // Forward and backward pass over `n` rows x [n, in] with labels y (checked by the caller to be
  // in range). Fills gradients() and returns the mean cross-entropy; adds the number of rows whose
  // arg-max logit equals the label to *correct.
  double forward_backward(const float* x, const std::int32_t* y, std::size_t n,
                          std::size_t* correct);

  const std::vector<Dense>& dense() const { return dense_; }
  std::vector<Gradient>& gradients() { return grads_; }
  std::size_t classes() const { return dense_.back().layer->out_features(); }

 private:
  struct Pass;  // matmul primitives and activation buffers for one batch size
  Pass& pass_for(std::size_t n);
  void backward(Pass& pass, const float* x, std::size_t n);

  std::vector<Dense> dense_;
  std::vector<Gradient> grads_;
  int threads_;
  std::map<std::size_t, std::unique_ptr<Pass>> passes_;
};

}  // namespace tinyperf::engine::detail
