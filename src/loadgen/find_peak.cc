// find_peak: the Server search for the highest target QPS whose run is VALID.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

void validate_options(const LoadgenSettings& s, const FindPeakOptions& o) {
  if (s.scenario != Scenario::kServer) {
    throw InputError(
        fmt::format("find_peak needs the Server scenario, got {}", scenario_name(s.scenario)),
        "find_peak");
  }
  if (!std::isfinite(o.start_qps) || o.start_qps < 0) {
    throw InputError(fmt::format("find_peak start_qps must be >= 0, got {}", o.start_qps),
                     "start_qps");
  }
  if (!(o.tolerance > 0) || !std::isfinite(o.tolerance)) {
    throw InputError(fmt::format("find-peak tolerance must be > 0, got {}", o.tolerance));
  }
  if (!(o.min_qps >= 0) || !std::isfinite(o.min_qps)) {
    throw InputError(fmt::format("find-peak minimum QPS must be >= 0, got {}", o.min_qps));
  }
  if (o.max_runs < 2) {
    throw InputError(fmt::format("find-peak max_runs must be >= 2, got {}", o.max_runs));
  }
}

// The search state: every step, the bracket, and the best VALID run.
class Search {
 public:
  Search(SystemUnderTest& sut, SampleLibrary& library, const LoadgenSettings& settings,
         const FindPeakOptions& options, Clock& clock)
      : sut_(sut), library_(library), settings_(settings), options_(options), clock_(clock) {}

  bool budget_left() const { return static_cast<int>(out_.steps.size()) < options_.max_runs; }
  bool bracketed() const { return out_.lower_qps > 0 && out_.upper_qps > 0; }
  bool narrow() const { return out_.upper_qps <= out_.lower_qps * (1 + options_.tolerance); }
  FindPeakResult& result() { return out_; }

  // Runs Server at `qps` and updates the bracket; returns whether the run was VALID.
  bool try_qps(double qps) {
    settings_.target_qps = qps;
    if (qps * settings_.min_duration_s > static_cast<double>(kMaxTraceSamples)) {
      record_invalid(qps, "target exceeds the trace limit (kMaxTraceSamples)");
      return false;
    }
    LoadgenResult r = run_scenario(sut_, library_, settings_, clock_);
    if (options_.on_run) options_.on_run(r);
    out_.steps.push_back({qps, r.valid, r.latency.target_percentile_ns, r.completed_samples_per_sec,
                          r.invalid_reasons});
    if (!r.valid) {
      lower_upper(qps);
      return false;
    }
    if (qps > out_.lower_qps) {
      out_.lower_qps = qps;
      out_.peak = std::move(r);
    }
    return true;
  }

 private:
  void record_invalid(double qps, const std::string& why) {
    out_.steps.push_back({qps, false, 0, 0, {why}});
    lower_upper(qps);
  }
  void lower_upper(double qps) {
    if (out_.upper_qps == 0 || qps < out_.upper_qps) out_.upper_qps = qps;
  }

  SystemUnderTest& sut_;
  SampleLibrary& library_;
  LoadgenSettings settings_;
  const FindPeakOptions& options_;
  Clock& clock_;
  FindPeakResult out_;
};

void bracket(Search& search, double start, double min_qps) {
  double qps = start;
  if (search.try_qps(qps)) {
    while (search.budget_left() && search.try_qps(qps * 2)) qps *= 2;
    return;
  }
  while (search.budget_left() && qps / 2 >= min_qps) {
    qps /= 2;
    if (search.try_qps(qps)) return;
  }
}

}  // namespace

FindPeakResult find_peak(SystemUnderTest& sut, SampleLibrary& library,
                         const LoadgenSettings& settings, const FindPeakOptions& options,
                         Clock& clock) {
  validate_options(settings, options);
  LoadgenSettings probe = settings;
  probe.target_qps = 1;  // checks every other setting; each step sets its own rate
  validate_settings(probe, library);
  double start = options.start_qps;
  if (start == 0) start = 0.25 * estimate_throughput(sut, library, settings, clock);
  start = std::max(start, options.min_qps);
  const double min_qps = options.min_qps > 0 ? options.min_qps : start / 256;
  Search search(sut, library, settings, options, clock);
  bracket(search, start, min_qps);
  while (search.bracketed() && !search.narrow() && search.budget_left()) {
    FindPeakResult& r = search.result();
    search.try_qps((r.lower_qps + r.upper_qps) / 2);
  }
  FindPeakResult out = std::move(search.result());
  out.converged = search.bracketed() && out.upper_qps <= out.lower_qps * (1 + options.tolerance);
  return out;
}

FindPeakResult find_peak(SystemUnderTest& sut, SampleLibrary& library,
                         const LoadgenSettings& settings, const FindPeakOptions& options) {
  SteadyClock clock(settings.server_spin_window_ns);
  FindPeakResult out = find_peak(sut, library, settings, options, clock);
  if (out.peak) out.peak->clock_resolution_ns = measure_steady_clock_resolution_ns();
  return out;
}

nlohmann::json to_json(const FindPeakResult& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps) {
    steps.push_back({{"target_qps", s.target_qps},
                     {"result_validity", s.valid ? "VALID" : "INVALID"},
                     {"result_99.00_percentile_latency_ns", s.p99_ns},
                     {"result_completed_samples_per_sec", s.completed_samples_per_sec},
                     {"result_invalid_reasons", s.invalid_reasons}});
  }
  nlohmann::json block = {
      {"peak_qps", r.peak ? nlohmann::json(r.lower_qps) : nlohmann::json()},
      {"peak_p99_latency_ns",
       r.peak ? nlohmann::json(r.peak->latency.target_percentile_ns) : nlohmann::json()},
      {"lower_qps", r.lower_qps},
      {"upper_qps", r.upper_qps},
      {"converged", r.converged},
      {"steps", steps}};
  nlohmann::json j;
  if (r.peak) {
    j = to_json(*r.peak);
  } else {
    j = {{"scenario", "Server"},
         {"result_validity", "INVALID"},
         {"result_invalid_reasons", {"find-peak: no target QPS gave a VALID run"}}};
  }
  j["find_peak"] = block;
  return j;
}

std::string format_summary(const FindPeakResult& r) {
  std::string out = "Server peak search (find_peak): each step is a full Server run\n";
  for (const auto& s : r.steps) {
    out += fmt::format("  target {:>12.1f} QPS : {:<7} p99 {:>12} ns, completed {:.1f} samples/s\n",
                       s.target_qps, s.valid ? "VALID" : "INVALID", s.p99_ns,
                       s.completed_samples_per_sec);
  }
  if (!r.peak) return out + "No target QPS gave a VALID run.\n";
  out += fmt::format("Peak VALID target QPS : {:.1f} (next INVALID: {}; {})\n", r.lower_qps,
                     r.upper_qps > 0 ? fmt::format("{:.1f}", r.upper_qps) : "none found",
                     r.converged ? "converged" : "not converged within the run budget");
  out += fmt::format("Peak p99 latency (ns) : {}\n\n", r.peak->latency.target_percentile_ns);
  return out + format_summary(*r.peak);
}

}  // namespace tinyperf::loadgen
