// The timed part of a run (private to the loadgen module): issuing the pre-generated trace in the
// scenario's pattern. Nothing here allocates, locks, formats or does I/O between the first issue
// and the last completion; issue times go to a buffer sized before the clock starts.
#pragma once

#include <cstdint>
#include <vector>

#include "recorder.h"
#include "tinyperf/core/clock.h"
#include "tinyperf/loadgen/settings.h"
#include "tinyperf/loadgen/sut.h"
#include "trace.h"

namespace tinyperf::loadgen::detail {

enum class StopReason { kMinimumsMet, kMaxDuration, kMaxQueries, kTraceExhausted, kAllIssued };

struct IssueLog {
  std::int64_t start_ns = 0;           // the run's time origin, on its clock
  std::uint64_t queries_issued = 0;    // at least 1
  std::vector<std::int64_t> issue_ns;  // per query, on the clock (size = trace.query_count())
  StopReason stop = StopReason::kAllIssued;
};

// Issues `trace` to `sut` per settings.scenario, then flushes and waits for every completion.
IssueLog issue_trace(SystemUnderTest& sut, const Trace& trace, const LoadgenSettings& settings,
                     RunRecorder& recorder, Clock& clock);

}  // namespace tinyperf::loadgen::detail
