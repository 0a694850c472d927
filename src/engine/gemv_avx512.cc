#include "gemv_avx512.h"

#include <immintrin.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "tinyperf/core/check.h"

namespace tinyperf::engine::fast {
namespace {

constexpr std::size_t kLanes = 16;       // floats per zmm register
constexpr std::size_t kMaxVectors = 16;  // accumulators per panel: 16 of the 32 zmm registers

// Outputs are processed in panels of up to kMaxVectors × 16 columns, each held in registers for the
// whole pass over the input. A panel's weights are stored transposed, [in][width], so the pass
// reads them as one contiguous stream: for each input k, broadcast x[k] and do `vectors` FMAs.
struct Panel {
  std::size_t first_column = 0;  // first output of the panel
  std::size_t columns = 0;       // valid outputs (the last vector may be partial)
  std::size_t vectors = 0;       // ceil(columns / 16)
  std::size_t offset = 0;  // start of its weights (and of its bias / 16 per vector) in the packs
};

template <int V>
__attribute__((target("avx512f,fma"))) void panel_kernel(const float* x, const float* w,
                                                         const float* bias, float* y,
                                                         std::size_t in, __mmask16 last_mask,
                                                         bool relu) {
  __m512 acc[V];
#pragma GCC unroll 16
  for (int v = 0; v < V; ++v) acc[v] = _mm512_load_ps(bias + v * kLanes);
  for (std::size_t k = 0; k < in; ++k) {
    const __m512 xk = _mm512_set1_ps(x[k]);
    const float* row = w + k * V * kLanes;
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v)
      acc[v] = _mm512_fmadd_ps(xk, _mm512_load_ps(row + v * kLanes), acc[v]);
  }
  const __m512 zero = _mm512_setzero_ps();
#pragma GCC unroll 16
  for (int v = 0; v < V; ++v) {
    // maskz form: GCC 12 warns (falsely) about the undefined source register of _mm512_max_ps.
    const __m512 out = relu ? _mm512_maskz_max_ps(0xffff, acc[v], zero) : acc[v];
    if (v + 1 < V) {
      _mm512_storeu_ps(y + v * kLanes, out);
    } else {
      _mm512_mask_storeu_ps(y + v * kLanes, last_mask, out);
    }
  }
}

using PanelFn = void (*)(const float*, const float*, const float*, float*, std::size_t, __mmask16,
                         bool);

template <std::size_t... I>
constexpr std::array<PanelFn, sizeof...(I)> make_table(std::index_sequence<I...>) {
  return {&panel_kernel<static_cast<int>(I + 1)>...};
}

// kPanelFns[v - 1] handles a panel of v vectors.
constexpr auto kPanelFns = make_table(std::make_index_sequence<kMaxVectors>{});

class GemvLinear final : public LayerKernel {
 public:
  GemvLinear(const float* weight, const float* bias, std::size_t in, std::size_t out, bool relu)
      : in_(in), relu_(relu) {
    std::size_t offset = 0;
    for (std::size_t first = 0; first < out; first += kMaxVectors * kLanes) {
      const std::size_t columns = std::min(out - first, kMaxVectors * kLanes);
      const std::size_t vectors = (columns + kLanes - 1) / kLanes;
      panels_.push_back({first, columns, vectors, offset});
      offset += vectors * kLanes * in;
    }
    packed_.assign(offset, 0.0f);
    bias_.assign((out + kLanes - 1) / kLanes * kLanes + kMaxVectors * kLanes, 0.0f);
    for (const Panel& p : panels_) pack(p, weight);
    std::copy(bias, bias + out, bias_.begin());
  }

  void run(const float* in, float* out) override {
    for (const Panel& p : panels_) {
      const std::size_t tail = p.columns - (p.vectors - 1) * kLanes;
      const auto mask = static_cast<__mmask16>((1u << tail) - 1u);
      kPanelFns[p.vectors - 1](in, packed_.data() + p.offset, bias_.data() + p.first_column,
                               out + p.first_column, in_, mask, relu_);
    }
  }

 private:
  void pack(const Panel& p, const float* weight) {
    const std::size_t width = p.vectors * kLanes;
    for (std::size_t k = 0; k < in_; ++k) {
      for (std::size_t c = 0; c < p.columns; ++c) {
        packed_[p.offset + k * width + c] = weight[(p.first_column + c) * in_ + k];
      }
    }
  }

  std::size_t in_;
  bool relu_;
  std::vector<Panel> panels_;
  AlignedVector<float> packed_;
  AlignedVector<float> bias_;
};

}  // namespace

bool cpu_has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
}

std::unique_ptr<LayerKernel> make_gemv_linear(const float* weight, const float* bias,
                                              std::size_t in_features, std::size_t out_features,
                                              bool relu) {
  TP_CHECK(cpu_has_avx512());
  return std::make_unique<GemvLinear>(weight, bias, in_features, out_features, relu);
}

}  // namespace tinyperf::engine::fast
