// The run's latency verdicts over runs: every variant measured again in worker processes (one run
// each, workflow/bench.h), and what the submission then records. Private to the workflow module.
#pragma once

#include <span>
#include <vector>

#include "tinyperf/submission/bench.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/workflow/run.h"
#include "tracker.h"
#include "variants.h"

namespace tinyperf::workflow {

// Saves each variant to a scratch folder (removed afterwards), then runs bench() on the files:
// budget.latency_runs runs per variant of budget.latency_run_samples batch-1 samples each, with
// options.launcher (in this process when it is empty), one tracker unit per run. Models are named
// as the variants, and models[i] / comparisons[i - 1] belong to variants[i]. Interrupted when
// stopped.
submission::BenchDocument measure_latency_runs(std::span<const Variant> variants,
                                               const RunOptions& options, PhaseTracker& tracker);

// Makes the runs the report's latency: latency_samples_ms = every run's samples in ms, one run
// after another; the latency metrics recomputed from them; measurement.latency = how (method
// "worker_runs", runs, samples per run, run_medians_ms, between_run_cv, within_run_cv, seed,
// warmup_runs), with the in-process interleaved measurement kept under "in_process".
void put_run_latency(submission::BenchmarkReport& report, const submission::BenchModel& runs,
                     const submission::BenchSettings& settings, bool in_process);

}  // namespace tinyperf::workflow
