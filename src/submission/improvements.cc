#include "tinyperf/submission/improvements.h"

#include <algorithm>
#include <cmath>

#include "tinyperf/stats/metrics.h"

namespace tinyperf::submission {
namespace {

// What stats::efficiency_score accepts as a speedup or ratio.
bool usable(const std::optional<double>& x) { return x && *x > 0.0 && std::isfinite(*x); }

std::optional<double> speedup(const Metrics& base, const Metrics& opt) {
  const LatencyBasis basis = speedup_basis(base, opt);
  const auto b = latency_ms(base, basis);
  const auto o = latency_ms(opt, basis);
  if (!b || !o) return std::nullopt;
  return stats::speedup(*b, std::max(*o, kMinLatencyMs));
}

void put_comparison(Improvements& out, const Side& base, const Side& opt,
                    const stats::CompareOptions& options) {
  if (!base.latency_samples_ms || !opt.latency_samples_ms || base.latency_samples_ms->empty() ||
      opt.latency_samples_ms->empty()) {
    return;
  }
  const stats::Comparison c =
      stats::compare(*base.latency_samples_ms, *opt.latency_samples_ms, options);
  out.speedup_ci95 = c.speedup_ci95;
  out.p_value = c.p_value;
  out.welch_p_value = c.welch_p_value;
  out.test = "mann_whitney_u";
  out.verdict = c.verdict;
}

}  // namespace

std::string_view to_string(LatencyBasis basis) {
  return basis == LatencyBasis::kMedian ? "latency_ms_median" : "latency_ms_mean";
}

LatencyBasis speedup_basis(const Metrics& baseline, const Metrics& optimized) {
  return baseline.latency_ms_median && optimized.latency_ms_median ? LatencyBasis::kMedian
                                                                   : LatencyBasis::kMean;
}

std::optional<double> latency_ms(const Metrics& metrics, LatencyBasis basis) {
  return basis == LatencyBasis::kMedian ? metrics.latency_ms_median : metrics.latency_ms_mean;
}

Improvements improvements_of(const Side& baseline, const Side& optimized,
                             const std::optional<stats::CompareOptions>& compare) {
  const Metrics& b = baseline.metrics;
  const Metrics& o = optimized.metrics;
  Improvements out;
  out.speedup = speedup(b, o);
  if (b.model_size_mb && o.model_size_mb) {
    out.compression_ratio =
        stats::compression_ratio(*b.model_size_mb, std::max(*o.model_size_mb, kMinSizeMb));
  }
  if (b.accuracy && o.accuracy)
    out.accuracy_delta = stats::accuracy_delta(*b.accuracy, *o.accuracy);
  if (usable(out.speedup) && usable(out.compression_ratio) && out.accuracy_delta) {
    out.efficiency_score =
        stats::efficiency_score(*out.speedup, *out.compression_ratio, *out.accuracy_delta);
  }
  if (compare) put_comparison(out, baseline, optimized, *compare);
  return out;
}

}  // namespace tinyperf::submission
