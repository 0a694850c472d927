#include "tinyperf/stats/compare.h"

#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sample_ops.h"
#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/stats/hypothesis.h"

namespace tinyperf::stats {
namespace {

constexpr std::array<Choice<Verdict>, 4> kVerdictNames = {
    {{"faster", Verdict::kFaster},
     {"slower", Verdict::kSlower},
     {"no_change", Verdict::kNoChange},
     {"inconclusive", Verdict::kInconclusive}}};

void require_options(const CompareOptions& options) {
  detail::require_open_range(options.alpha, 0.0, 1.0, "compare: alpha");
  if (!(options.noise >= 0.0) || !std::isfinite(options.noise)) {
    throw InputError(fmt::format("compare: noise must be finite and >= 0, got {}", options.noise));
  }
  if (!(options.required_runs_delta > 0.0) || !std::isfinite(options.required_runs_delta)) {
    throw InputError(fmt::format("compare: required_runs_delta must be finite and > 0, got {}",
                                 options.required_runs_delta));
  }
}

void require_samples(std::span<const double> a, std::span<const double> b, bool paired) {
  require_valid_sample(a, "baseline (a)");
  require_valid_sample(b, "candidate (b)");
  detail::require_positive(a, "baseline (a)");
  detail::require_positive(b, "candidate (b)");
  if (paired && a.size() != b.size()) {
    throw InputError(
        fmt::format("paired comparison: baseline has {} values but candidate has {} "
                    "(paired rounds need equal sizes)",
                    a.size(), b.size()));
  }
}

}  // namespace

std::string_view to_string(Verdict verdict) { return choice_name(kVerdictNames, verdict); }

Verdict parse_verdict(std::string_view name) {
  return parse_choice(kVerdictNames, name, "verdict");
}

Verdict decide(double p_value, Interval speedup_ci, double alpha, double noise) {
  detail::require_closed_range(p_value, 0.0, 1.0, "decide: p_value");
  detail::require_open_range(alpha, 0.0, 1.0, "decide: alpha");
  if (!(noise >= 0.0) || !std::isfinite(noise)) {
    throw InputError(fmt::format("decide: noise must be finite and >= 0, got {}", noise));
  }
  if (!std::isfinite(speedup_ci.lo) || !std::isfinite(speedup_ci.hi) ||
      !(speedup_ci.lo <= speedup_ci.hi)) {
    throw InputError(fmt::format("decide: speedup interval [{}, {}] must be finite with lo <= hi",
                                 speedup_ci.lo, speedup_ci.hi));
  }
  const double band_lo = 1.0 - noise;
  const double band_hi = 1.0 + noise;
  if (speedup_ci.lo >= band_lo && speedup_ci.hi <= band_hi) return Verdict::kNoChange;
  if (p_value < alpha && speedup_ci.lo > band_hi) return Verdict::kFaster;
  if (p_value < alpha && speedup_ci.hi < band_lo) return Verdict::kSlower;
  return Verdict::kInconclusive;
}

Comparison compare(std::span<const double> a, std::span<const double> b,
                   const CompareOptions& options) {
  require_options(options);
  require_samples(a, b, options.paired);
  Comparison c;
  c.speedup = median(a) / median(b);
  c.speedup_ci95 =
      bootstrap_speedup_interval(a, b, options.resamples, options.seed, options.paired, 0.95);
  c.p_value = mann_whitney_u(a, b).p_value;
  if (a.size() >= 2 && b.size() >= 2) c.welch_p_value = welch_t_test(a, b).p_value;
  c.hodges_lehmann_shift = hodges_lehmann_shift(a, b);
  c.cohens_d = cohens_d(a, b);
  c.verdict = decide(c.p_value, c.speedup_ci95, options.alpha, options.noise);
  c.required_runs = required_runs(a, b, options.required_runs_delta, options.alpha);
  return c;
}

}  // namespace tinyperf::stats
