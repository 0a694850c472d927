#include "issue.h"

#include <cmath>
#include <limits>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace tinyperf::loadgen::detail {
namespace {

constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

std::int64_t to_ns(double seconds) { return std::llround(seconds * 1e9); }

std::int64_t max_duration_ns(const LoadgenSettings& s) {
  return s.max_duration_s > 0 ? to_ns(s.max_duration_s) : kNoLimit;
}

// SingleStream / MultiStream: issue a query, wait for it, issue the next at once. The scheduled
// time of a query is the clock reading just before its issue. Stops once both minimums are met
// (LoadGen: queries issued >= min and last issue time >= min duration) or at a max limit.
void issue_closed_loop(SystemUnderTest& sut, const Trace& trace, const LoadgenSettings& s,
                       RunRecorder& recorder, Clock& clock, IssueLog& log) {
  const std::int64_t min_duration = to_ns(s.min_duration_s);
  const std::int64_t max_duration = max_duration_ns(s);
  const std::uint64_t max_queries = s.max_query_count != 0 ? s.max_query_count : UINT64_MAX;
  const std::uint64_t n = trace.query_count();
  log.stop = StopReason::kTraceExhausted;
  std::int64_t t = log.start_ns;
  std::uint64_t q = 0;
  while (q < n) {
    if (q > 0 && t - log.start_ns >= max_duration) {
      log.stop = StopReason::kMaxDuration;
      break;
    }
    log.issue_ns[q] = t;
    sut.issue_query(trace.query(q), recorder);
    ++q;
    recorder.wait_for_queries(q);
    if (q >= s.min_query_count && t - log.start_ns >= min_duration) {
      log.stop = StopReason::kMinimumsMet;
      break;
    }
    if (q >= max_queries) {
      log.stop = StopReason::kMaxQueries;
      break;
    }
    t = clock.now_ns();
  }
  log.queries_issued = q;
}

// RAII: a 1 ns timer slack on the issue thread while it sleeps towards scheduled times (Linux's
// default 50 µs slack adds that much to every wake-up), restored afterwards.
class TimerSlack {
 public:
  TimerSlack() {
#if defined(__linux__)
    previous_ = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    if (previous_ > 0) prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
#endif
  }
  ~TimerSlack() {
#if defined(__linux__)
    if (previous_ > 0) prctl(PR_SET_TIMERSLACK, static_cast<unsigned long>(previous_), 0, 0, 0);
#endif
  }
  TimerSlack(const TimerSlack&) = delete;
  TimerSlack& operator=(const TimerSlack&) = delete;

 private:
  long previous_ = 0;
};

// Server: each query at its Poisson arrival time; when the issuer is late it issues at once, and
// the lateness counts towards the query's latency (measured from the scheduled time).
void issue_server(SystemUnderTest& sut, const Trace& trace, const LoadgenSettings& s,
                  RunRecorder& recorder, Clock& clock, IssueLog& log) {
  const TimerSlack slack;
  const std::int64_t max_duration = max_duration_ns(s);
  const std::uint64_t n = trace.query_count();
  log.stop = trace.capped_by_max_queries ? StopReason::kMaxQueries : StopReason::kAllIssued;
  std::uint64_t q = 0;
  for (; q < n; ++q) {
    const std::int64_t t = clock.wait_until(log.start_ns + trace.scheduled_ns[q]);
    if (q > 0 && t - log.start_ns >= max_duration) {
      log.stop = StopReason::kMaxDuration;
      break;
    }
    log.issue_ns[q] = t;
    sut.issue_query(trace.query(q), recorder);
  }
  log.queries_issued = q;
}

}  // namespace

IssueLog issue_trace(SystemUnderTest& sut, const Trace& trace, const LoadgenSettings& s,
                     RunRecorder& recorder, Clock& clock) {
  IssueLog log;
  log.issue_ns.assign(trace.query_count(), 0);
  log.start_ns = clock.now_ns();
  switch (s.scenario) {
    case Scenario::kSingleStream:
    case Scenario::kMultiStream:
      issue_closed_loop(sut, trace, s, recorder, clock, log);
      break;
    case Scenario::kServer:
      issue_server(sut, trace, s, recorder, clock, log);
      break;
    case Scenario::kOffline:
      log.issue_ns[0] = log.start_ns;
      sut.issue_query(trace.query(0), recorder);
      log.queries_issued = 1;
      log.stop = StopReason::kAllIssued;
      break;
  }
  sut.flush_queries();
  recorder.wait_for_queries(log.queries_issued);
  return log;
}

}  // namespace tinyperf::loadgen::detail
