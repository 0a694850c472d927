// AVX-512 parts of the int8 path: the input quantizer and the batch-1 VNNI matrix-vector kernel.
// Compiled with per-function target attributes and chosen at run time, so the binary still runs
// on CPUs without AVX-512 (they take the scalar loops and oneDNN).
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "int8_kernels.h"
#include "tinyperf/core/check.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::optimize::detail {
namespace {

constexpr std::size_t kLanes = 16;       // int32 / float lanes per zmm
constexpr std::size_t kMaxVectors = 16;  // accumulators per panel (of the 32 zmm registers)

bool cpu_has_avx512f() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}

__attribute__((target("avx512f"))) void quantize_avx512(const float* x, std::size_t n,
                                                        float inv_scale, std::uint8_t zero_point,
                                                        std::uint8_t* q) {
  const __m512 inv = _mm512_set1_ps(inv_scale);
  const __m512 lo = _mm512_set1_ps(-static_cast<float>(zero_point));
  const __m512 hi = _mm512_set1_ps(255.0f - static_cast<float>(zero_point));
  const __m512i zp = _mm512_set1_epi32(zero_point);
  for (std::size_t i = 0; i < n; i += kLanes) {
    const auto mask = static_cast<__mmask16>(n - i >= kLanes ? 0xffff : (1u << (n - i)) - 1u);
    __m512 v = _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, x + i), inv);
    // max(NaN, lo) = lo, as in the scalar loop. maskz forms: GCC 12 warns (falsely) about the
    // undefined source register of the unmasked intrinsics.
    v = _mm512_maskz_min_ps(0xffff, _mm512_maskz_max_ps(0xffff, v, lo), hi);
    const __m512i r = _mm512_add_epi32(_mm512_maskz_cvtps_epi32(0xffff, v), zp);
    _mm512_mask_cvtepi32_storeu_epi8(q + i, mask, r);
  }
}

// Output panels of up to kMaxVectors × 16 channels. For group g of 4 inputs, the panel's weights
// hold, per vector v and lane c, the 4 bytes w[first + 16v + c][4g .. 4g + 3]: one contiguous
// stream that vpdpbusd consumes with the 4 input bytes broadcast to every lane.
struct Panel {
  std::size_t first = 0, vectors = 0, offset = 0;
  __mmask16 last_mask = 0xffff;
};

struct Epilogue {
  const float* scale;
  const float* bias_div;
  const std::int32_t* comp;
  bool relu;
};

template <int V>
__attribute__((target("avx512f,avx512vnni"))) void panel_kernel(const std::uint8_t* xq,
                                                                const std::int8_t* w,
                                                                std::size_t groups, Epilogue e,
                                                                float* y, __mmask16 last_mask) {
  __m512i acc[V];
#pragma GCC unroll 16
  for (int v = 0; v < V; ++v) acc[v] = _mm512_setzero_si512();
  for (std::size_t g = 0; g < groups; ++g) {
    std::int32_t four;
    std::memcpy(&four, xq + 4 * g, 4);
    const __m512i xb = _mm512_set1_epi32(four);
    const std::int8_t* row = w + g * V * 64;
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v)
      acc[v] = _mm512_dpbusd_epi32(acc[v], xb, _mm512_load_si512(row + v * 64));
  }
  const __m512 zero = _mm512_setzero_ps();
#pragma GCC unroll 16
  for (int v = 0; v < V; ++v) {
    const __m512i centred = _mm512_sub_epi32(acc[v], _mm512_loadu_si512(e.comp + v * kLanes));
    __m512 out = _mm512_add_ps(_mm512_maskz_cvtepi32_ps(0xffff, centred),
                               _mm512_loadu_ps(e.bias_div + v * kLanes));
    out = _mm512_mul_ps(out, _mm512_loadu_ps(e.scale + v * kLanes));
    if (e.relu) out = _mm512_maskz_max_ps(0xffff, out, zero);
    _mm512_mask_storeu_ps(y + v * kLanes, v + 1 < V ? __mmask16{0xffff} : last_mask, out);
  }
}

using PanelFn = void (*)(const std::uint8_t*, const std::int8_t*, std::size_t, Epilogue, float*,
                         __mmask16);

template <std::size_t... I>
constexpr std::array<PanelFn, sizeof...(I)> make_table(std::index_sequence<I...>) {
  return {&panel_kernel<static_cast<int>(I + 1)>...};
}
constexpr auto kPanelFns = make_table(std::make_index_sequence<kMaxVectors>{});

class VnniGemv final : public engine::LayerKernel {
 public:
  VnniGemv(const Int8Params& p, bool relu)
      : in_(p.in),
        groups_((p.in + 3) / 4),
        inv_scale_(p.inv_input_scale),
        zero_point_(p.zero_point),
        relu_(relu) {
    std::size_t offset = 0;
    for (std::size_t first = 0; first < p.out; first += kMaxVectors * kLanes) {
      const std::size_t columns = std::min(p.out - first, kMaxVectors * kLanes);
      const std::size_t vectors = (columns + kLanes - 1) / kLanes;
      const std::size_t tail = columns - (vectors - 1) * kLanes;
      panels_.push_back({first, vectors, offset, static_cast<__mmask16>((1u << tail) - 1u)});
      offset += groups_ * vectors * 64;
    }
    packed_.assign(offset, 0);
    for (const Panel& panel : panels_) pack(panel, p);
    const std::size_t padded = (p.out + kLanes - 1) / kLanes * kLanes;
    scale_.assign(padded, 0.0f);
    bias_div_.assign(padded, 0.0f);
    comp_.assign(padded, 0);
    std::copy(p.scale.begin(), p.scale.end(), scale_.begin());
    std::copy(p.bias_div.begin(), p.bias_div.end(), bias_div_.begin());
    std::copy(p.comp.begin(), p.comp.end(), comp_.begin());
    xq_.assign(groups_ * 4, 0);  // the padding bytes stay 0 (their weights are 0 too)
  }

  void run(const float* in, float* out) override {
    quantize_avx512(in, in_, inv_scale_, zero_point_, xq_.data());
    for (const Panel& p : panels_) {
      const Epilogue e{scale_.data() + p.first, bias_div_.data() + p.first, comp_.data() + p.first,
                       relu_};
      kPanelFns[p.vectors - 1](xq_.data(), packed_.data() + p.offset, groups_, e, out + p.first,
                               p.last_mask);
    }
  }

 private:
  void pack(const Panel& panel, const Int8Params& p) {
    for (std::size_t g = 0; g < groups_; ++g) {
      for (std::size_t c = 0; c < panel.vectors * kLanes && panel.first + c < p.out; ++c) {
        for (std::size_t t = 0; t < 4 && 4 * g + t < p.in; ++t) {
          packed_[panel.offset + (g * panel.vectors + c / kLanes) * 64 + (c % kLanes) * 4 + t] =
              p.weight[(panel.first + c) * p.in + 4 * g + t];
        }
      }
    }
  }

  std::size_t in_, groups_;
  float inv_scale_;
  std::uint8_t zero_point_;
  bool relu_;
  std::vector<Panel> panels_;
  engine::AlignedVector<std::int8_t> packed_;
  engine::AlignedVector<float> scale_, bias_div_;
  engine::AlignedVector<std::int32_t> comp_;
  engine::AlignedVector<std::uint8_t> xq_;
};

}  // namespace

bool cpu_has_vnni() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vnni");
}

void quantize_fast(const float* x, std::size_t n, float inv_scale, std::uint8_t zero_point,
                   std::uint8_t* q) {
  static const bool avx512 = cpu_has_avx512f();
  if (avx512) {
    quantize_avx512(x, n, inv_scale, zero_point, q);
  } else {
    quantize_ref(x, n, inv_scale, zero_point, q);
  }
}

std::unique_ptr<engine::LayerKernel> make_vnni_gemv(const Int8Params& p, bool relu) {
  TP_CHECK(cpu_has_vnni());
  return std::make_unique<VnniGemv>(p, relu);
}

}  // namespace tinyperf::optimize::detail
