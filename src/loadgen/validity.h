// The VALID / INVALID verdict of a run, with a reason and a recommendation for every unmet
// condition (private to the loadgen module). LoadGen's rules (reference notes §1.6): min duration,
// min queries (and Offline min samples), Server's latency bound, early stopping; tinyperf adds
// SUT errors (repeated or unknown completions).
#pragma once

#include "issue.h"
#include "tinyperf/loadgen/result.h"
#include "trace.h"

namespace tinyperf::loadgen::detail {

// Fills stop_reason, stopped_early, the *_met flags, perf_constraints_met, valid,
// invalid_reasons, recommendations and warnings of `r` (whose measurements are filled in).
void judge(const IssueLog& log, const Trace& trace, LoadgenResult& r);

// The sentence for a stop reason ("min duration and min query count met", ...).
const char* stop_reason_text(StopReason reason);

}  // namespace tinyperf::loadgen::detail
