// The stored runs a history comparison is made against: which runs match a candidate
// (history_query_for), fetching them with their raw latency samples (history_baseline), and a
// submission's samples of one model (model_latency_samples). The comparison itself is stats'
// (stats::compare_run_samples, stats/runs.h); `tinyperf compare --against-history MODEL
// CANDIDATE...` puts the two together (docs/history.md explains the method and why).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/store/store.h"

namespace tinyperf::store {

// How many stored runs make the baseline by default: enough for a usable estimate of the
// run-to-run spread (t(0.975, 9) = 2.26 against 2.78 with 5 runs), few enough that the baseline
// describes the program as it is now, not months ago.
inline constexpr std::size_t kDefaultHistoryRuns = 10;

// Which stored runs make a history baseline.
struct HistoryQuery {
  std::string model{};                       // model_name of the side to compare (required)
  std::string processor{};                   // system_info.processor the runs must share (required)
  std::string scenario{};                    // settings.scenario; "" = any
  std::optional<std::int64_t> batch_size{};  // settings.batch_size; empty = any
  std::optional<std::int64_t> threads{};     // settings.threads; empty = any
  // SHA-256 of the stored submission text (RunRow::submission_sha256) of runs to leave out: the
  // candidates themselves, when they are already stored.
  std::vector<std::string> exclude_submission_sha256{};
  std::size_t max_runs = kDefaultHistoryRuns;  // the latest this many matching runs, >= 1
};

// The query that matches `candidates` (v1 submissions, at least one): `model` on their processor,
// scenario, batch size and thread count, leaving out the candidates' own stored copies.
// `sources` names the candidates in messages (file paths), one per candidate.
// Throws InputError as ResultsStore::record_run does for a document it cannot index, when the
// candidates differ in processor, scenario, batch size or threads (naming both values and
// sources), when there is no candidate or sources.size() differs, and for max_runs == 0.
HistoryQuery history_query_for(const std::vector<nlohmann::json>& candidates,
                               const std::vector<std::string>& sources, const std::string& model,
                               std::size_t max_runs = kDefaultHistoryRuns);

// The same for one candidate named "candidate" in messages.
HistoryQuery history_query_for(const nlohmann::json& candidate, const std::string& model,
                               std::size_t max_runs = kDefaultHistoryRuns);

// One stored run of the baseline.
struct HistoryRun {
  std::int64_t id = 0;
  std::string timestamp;           // the submission's timestamp
  std::string git_commit;          // as listed by the store
  std::vector<double> latency_ms;  // the model's raw latency samples in that run, in ms
};

struct HistoryBaseline {
  std::vector<HistoryRun> runs;  // the runs used, newest first
  std::string description;       // for messages, e.g. "history /x/history.db: mlp_fp32 on
                                 // AMD EPYC 9R14 (single_stream, batch size 1, 1 thread),
                                 // runs 9, 8, 7 (3 runs, 300 samples)"
};

// Reads the baseline `query` selects from `store`: the latest query.max_runs runs that measured
// query.model with at least one latency sample, match the query and are not excluded, with that
// model's samples from each run's stored submission.
// Throws InputError when no stored run matches (the message names the model, processor and
// settings, and the store's location), when query.model or query.processor is empty or max_runs
// is 0, or when a stored sample is not a finite number > 0; IoError as the store does.
HistoryBaseline history_baseline(ResultsStore& store, const HistoryQuery& query);

// The raw latency samples (ms) of the side of `submission` whose model_name is `model`: the
// baseline, else the optimized side, else the first candidate of that name that holds samples.
// `source` names the document in messages (a path, or "history.db run 7").
// Throws InputError when no side of that name holds samples.latency_ms (the message lists the
// model names present) or the document does not parse (submission::parse_submission's message,
// naming the JSON path, e.g. of a sample that is not a finite number > 0).
std::vector<double> model_latency_samples(const nlohmann::json& submission,
                                          const std::string& model, const std::string& source);

}  // namespace tinyperf::store
