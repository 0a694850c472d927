// The run's outputs: the v1 submission built from the reports, and the files and history row
// written from it, only at the end. Private to the workflow module.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "baseline.h"
#include "tinyperf/loadgen/result.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/submission/bench.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/submission/document.h"
#include "tinyperf/workflow/run.h"
#include "variants.h"

namespace tinyperf::workflow {

// What the submission records besides the reports.
struct SubmissionInputs {
  const RunData* data = nullptr;
  const Baseline* baseline = nullptr;
  std::span<const Variant> variants;
  std::span<const submission::BenchmarkReport> reports;  // reports[i] measured variants[i]
  std::span<const loadgen::LoadgenResult> offline;       // offline[i] ran variants[i]
  std::size_t submitted = 1;                             // index of the optimized side
  const RunOptions* options = nullptr;
  stats::CompareOptions compare;
  std::vector<std::string> warnings;  // the run's own (selection, quick)
  // The latency verdicts over runs, run_comparisons[i - 1] for variants[i] (measure_latency_runs):
  // the submitted side's improvements take their interval, p-value and verdict.
  std::span<const submission::BenchComparison> run_comparisons;
};

// A tinyperf v1 submission (submission::generate_submission): baseline = variants[0], optimized =
// variants[submitted], every other variant a candidate; scenarios.offline = the submitted
// variant's LoadGen Offline result (compact_scenario_json); settings add quick, the baseline's
// source and training recipe, and the run's budget. Throws std::logic_error when the document does
// not pass submission::validate_submission (a bug: every figure in it was computed here).
submission::Submission build_submission(const SubmissionInputs& in);

struct WrittenOutputs {
  std::vector<std::string> files;
  std::optional<std::int64_t> history_id;
};

// Writes <out_dir>/submission.json (submission::save_submission), report.html and report.md (each
// atomically: temp file + rename; the reports are rendered before anything is written), creating
// out_dir when missing, then records the submission in the history at `db` (one transaction) when
// `db` is not empty. Throws IoError / InputError naming the file or store.
WrittenOutputs write_outputs(const submission::Submission& submission, const std::string& out_dir,
                             const std::string& db, const std::string& command);

// Throws InputError naming --out when `out_dir` exists and is not a directory (checked before any
// work, so a run does not measure for minutes and then fail).
void check_out_dir(const std::string& out_dir);

}  // namespace tinyperf::workflow
