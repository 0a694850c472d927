// Fast SparseLinear kernels (AVX-512 through per-function target attributes, chosen at run time).
//
// Batch 1, SELL-16 ("sliced ELLPACK", slice height 16): rows are taken 16 at a time and each
// slice is padded to its longest row, with element t of the 16 rows stored side by side. One
// gather of x per 16 stored weights then feeds 16 rows at once, and a slice's 16 sums end in one
// register: no horizontal reductions. Padding entries have weight 0 and column 0.
//
// Batch > 1: see ChunkedCsr.
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "sparse_kernels.h"
#include "tinyperf/core/check.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::optimize::detail {
namespace {

constexpr std::size_t kLanes = 16;

bool has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}

class SellGemv final : public engine::LayerKernel {
 public:
  // Rows are sorted by length (longest first) before slicing, so that the rows sharing a slice have
  // similar lengths and padding stays small even when trained weights leave rows very uneven; the
  // results are put back in place through perm_.
  SellGemv(const CsrParams& p, bool relu) : out_(p.out), relu_(relu), perm_(p.out) {
    auto length = [&](std::size_t j) {
      return static_cast<std::size_t>(p.row_ptr[j + 1] - p.row_ptr[j]);
    };
    for (std::size_t j = 0; j < p.out; ++j) perm_[j] = static_cast<std::uint32_t>(j);
    std::stable_sort(perm_.begin(), perm_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return length(a) > length(b); });
    const std::size_t slices = (p.out + kLanes - 1) / kLanes;
    std::size_t total = 0;
    for (std::size_t s = 0; s < slices; ++s) {
      widths_.push_back(length(perm_[s * kLanes]));  // the slice's first row is its longest
      total += widths_.back();
    }
    values_.assign(total * kLanes, 0.0f);
    cols_.assign(total * kLanes, 0);
    bias_.assign(slices * kLanes, 0.0f);
    sums_.assign(slices * kLanes, 0.0f);
    for (std::size_t r = 0; r < p.out; ++r) bias_[r] = p.bias[perm_[r]];
    pack(p);
  }

  void run(const float* in, float* out) override {
    run_avx512(in);
    for (std::size_t r = 0; r < out_; ++r) out[perm_[r]] = sums_[r];
  }

 private:
  void pack(const CsrParams& p) {
    std::size_t offset = 0;
    for (std::size_t s = 0; s < widths_.size(); ++s) {
      for (std::size_t r = 0; r < kLanes && s * kLanes + r < p.out; ++r) {
        const std::size_t j = perm_[s * kLanes + r];
        for (auto i = static_cast<std::size_t>(p.row_ptr[j]);
             i < static_cast<std::size_t>(p.row_ptr[j + 1]); ++i) {
          const std::size_t t = i - static_cast<std::size_t>(p.row_ptr[j]);
          values_[(offset + t) * kLanes + r] = p.values[i];
          cols_[(offset + t) * kLanes + r] = static_cast<std::uint16_t>(p.cols[i]);
        }
      }
      offset += widths_[s];
    }
  }

  // maskz / mask forms throughout: GCC 12 warns (falsely) about the undefined source register
  // of the unmasked intrinsics.
  __attribute__((target("avx512f"))) void run_avx512(const float* x) {
    const float* v = values_.data();
    const std::uint16_t* c = cols_.data();
    const __m512 zero = _mm512_setzero_ps();
    for (std::size_t s = 0; s < widths_.size(); ++s) {
      __m512 acc[4] = {_mm512_load_ps(bias_.data() + s * kLanes), zero, zero, zero};
      for (std::size_t t = 0; t < widths_[s]; ++t, v += kLanes, c += kLanes) {
        const __m512i idx = _mm512_maskz_cvtepu16_epi32(
            0xffff, _mm256_load_si256(reinterpret_cast<const __m256i*>(c)));
        acc[t % 4] = _mm512_fmadd_ps(_mm512_load_ps(v),
                                     _mm512_mask_i32gather_ps(zero, 0xffff, idx, x, 4), acc[t % 4]);
      }
      __m512 sum = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3]));
      if (relu_) sum = _mm512_maskz_max_ps(0xffff, sum, zero);
      _mm512_store_ps(sums_.data() + s * kLanes, sum);
    }
  }

  std::size_t out_;
  bool relu_;
  std::vector<std::uint32_t> perm_;  // perm_[r] = original row of sorted position r
  std::vector<std::size_t> widths_;
  engine::AlignedVector<float> values_, bias_, sums_;
  engine::AlignedVector<std::uint16_t> cols_;
};

// Batch > 1: 16 samples at a time. Their inputs are transposed (one gather per input feature)
// into xt [in][16], so that each stored weight w[j, k] multiplies one contiguous vector of 16
// samples: Y^T[j, 0..16) = Σ w[j, k] · xt[k, 0..16). Four accumulators per row hide the FMA
// latency; the 16 × out results are then written back row-major.
class ChunkedCsr final : public engine::LayerKernel {
 public:
  ChunkedCsr(const CsrParams& p, const engine::KernelRequest& r)
      : p_(p),
        batch_(r.batch),
        relu_(r.fuse_relu),
        xt_(p.in * kLanes, 0.0f),
        yt_(p.out * kLanes, 0.0f) {
    TP_CHECK(p.in * kLanes < (std::size_t{1} << 31));  // gather offsets are int32
  }

  void run(const float* in, float* out) override {
    for (std::size_t b0 = 0; b0 < batch_; b0 += kLanes) {
      const std::size_t rows = std::min(kLanes, batch_ - b0);
      transpose_in(in + b0 * p_.in, rows);
      rows_times_chunk();
      for (std::size_t b = 0; b < rows; ++b) {
        float* dst = out + (b0 + b) * p_.out;
        for (std::size_t j = 0; j < p_.out; ++j) dst[j] = yt_[j * kLanes + b];
      }
    }
  }

 private:
  __attribute__((target("avx512f"))) void transpose_in(const float* x, std::size_t rows) {
    const __m512i offsets =
        _mm512_mullo_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                           _mm512_set1_epi32(static_cast<int>(p_.in)));
    const auto mask = static_cast<__mmask16>(rows == kLanes ? 0xffff : (1u << rows) - 1u);
    const __m512 zero = _mm512_setzero_ps();
    for (std::size_t k = 0; k < p_.in; ++k) {
      _mm512_store_ps(xt_.data() + k * kLanes,
                      _mm512_mask_i32gather_ps(zero, mask, offsets, x + k, 4));
    }
  }

  __attribute__((target("avx512f"))) void rows_times_chunk() {
    const __m512 zero = _mm512_setzero_ps();
    const float* xt = xt_.data();
    for (std::size_t j = 0; j < p_.out; ++j) {
      __m512 acc[4] = {zero, zero, zero, zero};
      auto i = static_cast<std::size_t>(p_.row_ptr[j]);
      const auto end = static_cast<std::size_t>(p_.row_ptr[j + 1]);
      for (; i + 4 <= end; i += 4) {
        for (std::size_t u = 0; u < 4; ++u) {
          acc[u] = _mm512_fmadd_ps(_mm512_set1_ps(p_.values[i + u]),
                                   _mm512_load_ps(xt + p_.cols[i + u] * kLanes), acc[u]);
        }
      }
      for (std::size_t u = 0; i < end; ++i, ++u) {
        acc[u] = _mm512_fmadd_ps(_mm512_set1_ps(p_.values[i]),
                                 _mm512_load_ps(xt + p_.cols[i] * kLanes), acc[u]);
      }
      __m512 sum = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3]));
      sum = _mm512_add_ps(sum, _mm512_set1_ps(p_.bias[j]));
      if (relu_) sum = _mm512_maskz_max_ps(0xffff, sum, zero);
      _mm512_store_ps(yt_.data() + j * kLanes, sum);
    }
  }

  CsrParams p_;
  std::size_t batch_;
  bool relu_;
  engine::AlignedVector<float> xt_, yt_;
};

// Float CSR loops for CPUs without AVX-512.
class ScalarCsr final : public engine::LayerKernel {
 public:
  ScalarCsr(const CsrParams& p, const engine::KernelRequest& r)
      : p_(p), batch_(r.batch), relu_(r.fuse_relu) {}
  void run(const float* in, float* out) override {
    for (std::size_t b = 0; b < batch_; ++b) {
      for (std::size_t j = 0; j < p_.out; ++j) {
        float acc = p_.bias[j];
        for (auto i = static_cast<std::size_t>(p_.row_ptr[j]);
             i < static_cast<std::size_t>(p_.row_ptr[j + 1]); ++i) {
          acc += p_.values[i] * in[b * p_.in + p_.cols[i]];
        }
        out[b * p_.out + j] = relu_ && !(acc > 0.0f) ? 0.0f : acc;
      }
    }
  }

 private:
  CsrParams p_;
  std::size_t batch_;
  bool relu_;
};

}  // namespace

std::unique_ptr<engine::LayerKernel> make_fast_csr(const CsrParams& p,
                                                   const engine::KernelRequest& request) {
  TP_CHECK(request.batch > 0);
  if (!has_avx512()) return std::make_unique<ScalarCsr>(p, request);
  if (request.batch == 1 && p.in <= 65536) return std::make_unique<SellGemv>(p, request.fuse_relu);
  if (request.batch == 1) return std::make_unique<ScalarCsr>(p, request);
  return std::make_unique<ChunkedCsr>(p, request);
}

}  // namespace tinyperf::optimize::detail
