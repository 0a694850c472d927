// tinyperf compare --baseline F1 F2 ... --candidate G1 G2 ...: several runs per side, each file
// one run (one process), compared run by run with stats::compare_run_samples, the t-test on log
// run medians (docs/statistics.md, "Runs: the unit of replication"). Two hyperfine files come here
// too: hyperfine times each command in its own process, so each of its values is already a run.
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli.h"
#include "cmd_compare.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/stats/run_power.h"
#include "tinyperf/stats/runs.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

// One run: where it came from and its samples.
struct Run {
  std::string source;
  std::vector<double> samples;
};

struct RunsResult {
  std::vector<Run> baseline;
  std::vector<Run> candidate;
  std::string unit;
  bool hyperfine = false;  // some runs are values of a hyperfine file
  stats::RunSamplesComparison runs;
  double detectable_change_80 = 0.0;  // stats::smallest_detectable_change, power 0.8
  bool gate_failed = false;
};

// A file's runs: the whole file, or one per value of a hyperfine file.
void add_runs(const AnalyzedSample& sample, std::vector<Run>& out, bool& hyperfine) {
  if (sample.set.format != samples::SampleFormat::kHyperfine) {
    out.push_back({sample.set.source, sample.set.values});
    return;
  }
  hyperfine = true;
  for (std::size_t i = 0; i < sample.set.values.size(); ++i) {
    out.push_back({fmt::format("{} #{}", sample.set.source, i + 1), {sample.set.values[i]}});
  }
}

std::vector<std::vector<double>> samples_of(const std::vector<Run>& runs) {
  std::vector<std::vector<double>> out;
  for (const Run& r : runs) out.push_back(r.samples);
  return out;
}

std::vector<std::string> sources_of(const std::vector<Run>& runs) {
  std::vector<std::string> out;
  for (const Run& r : runs) out.push_back(r.source);
  return out;
}

void finish(RunsResult& r, const CompareFlags& flags) {
  const auto baseline = samples_of(r.baseline);
  const auto candidate = samples_of(r.candidate);
  const stats::RunCompareOptions options{flags.options.alpha, flags.options.noise, "baseline",
                                         sources_of(r.candidate)};
  r.runs = stats::compare_run_samples(baseline, candidate, options);
  if (r.hyperfine) {
    r.runs.warnings.insert(r.runs.warnings.begin(),
                           "hyperfine runs each command in its own process: each of its values "
                           "is one run, compared as such");
  }
  r.detectable_change_80 =
      stats::smallest_detectable_change(r.runs.comparison.run_to_run_cv, r.baseline.size(),
                                        r.candidate.size(), flags.options.alpha, 0.8);
  r.gate_failed = fails_gate(r.runs.comparison.verdict, flags.fail_on);
}

json runs_json(const std::vector<Run>& runs, const std::vector<double>& medians) {
  json out = json::array();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    out.push_back(
        {{"source", runs[i].source}, {"count", runs[i].samples.size()}, {"median", medians[i]}});
  }
  return out;
}

json result_json(const RunsResult& r, const CompareFlags& flags) {
  json out = run_comparison_json(r.runs, r.gate_failed, r.unit, flags);
  out.update({{"mode", "runs"},
              {"baseline", {{"runs", runs_json(r.baseline, r.runs.baseline_medians)}}},
              {"candidate", {{"runs", runs_json(r.candidate, r.runs.candidate_medians)}}},
              {"detectable_change_80", r.detectable_change_80}});
  return out;
}

void print_result(const RunsResult& r, const CompareFlags& flags) {
  const stats::RunComparison& c = r.runs.comparison;
  const std::string ci = speedup_ci_text(c.speedup_ci95);
  std::cout << fmt::format("baseline:  {} runs\ncandidate: {} runs\n", r.baseline.size(),
                           r.candidate.size());
  if (c.speedup >= 1.0) {
    std::cout << fmt::format("candidate is {:.3f}x the speed of baseline ({})\n", c.speedup, ci);
  } else {
    std::cout << fmt::format(
        "candidate is {:.3f}x the speed of baseline ({}): it takes {:.3f}x "
        "as long\n",
        c.speedup, ci, 1.0 / c.speedup);
  }
  std::cout << fmt::format("p = {} (t-test on log run medians, {} df), verdict: {}\n",
                           p_text(c.p_value), c.degrees_of_freedom, stats::to_string(c.verdict))
            << fmt::format("  run medians ({}): baseline {}; candidate {}\n", r.unit,
                           medians_text(r.runs.baseline_medians),
                           medians_text(r.runs.candidate_medians))
            << fmt::format(
                   "  between-run spread {:.2f} %: with {} and {} runs the smallest change "
                   "found 80 % of the time is {:.1f} %\n",
                   100.0 * c.run_to_run_cv, r.baseline.size(), r.candidate.size(),
                   100.0 * r.detectable_change_80);
  for (const auto& w : r.runs.warnings) std::cout << "warning: " << terminal_safe(w) << "\n";
  std::cout << gate_line(flags.fail_on, r.gate_failed) << "\n";
}

int report(RunsResult& r, const CompareFlags& flags) {
  finish(r, flags);
  if (flags.json) {
    print_json(result_json(r, flags));
  } else {
    print_result(r, flags);
  }
  return r.gate_failed ? kExitFinding : kExitOk;
}

}  // namespace

int run_several(const CompareFlags& flags) {
  if (flags.baseline_runs.empty() || flags.candidate_runs.empty()) {
    throw InputError(
        "--baseline and --candidate go together: tinyperf compare --baseline F1 F2 ... "
        "--candidate G1 G2 ... (one file per run)");
  }
  if (flags.options.paired) {
    throw InputError("--paired compares two samples of one run; runs are independent");
  }
  if (flags.run_spread >= 0.0) {
    throw InputError(
        "--run-spread is for one run per side; with several runs the spread is measured");
  }
  RunsResult r;
  std::string unit_of_first;
  const auto load = [&](const std::vector<std::string>& files, const SideFlags& side,
                        std::vector<Run>& out) {
    for (const auto& file : files) {
      const AnalyzedSample sample = load_side(file, side_options(flags, side));
      add_runs(sample, out, r.hyperfine);
      r.unit = samples::to_string(sample.set.unit);
    }
  };
  load(flags.baseline_runs, flags.baseline, r.baseline);
  load(flags.candidate_runs, flags.candidate, r.candidate);
  return report(r, flags);
}

int run_hyperfine_pair(const CompareFlags& flags, const AnalyzedSample& baseline,
                       const AnalyzedSample& candidate) {
  RunsResult r;
  add_runs(baseline, r.baseline, r.hyperfine);
  add_runs(candidate, r.candidate, r.hyperfine);
  r.unit = samples::to_string(baseline.set.unit);
  return report(r, flags);
}

}  // namespace tinyperf::cli
