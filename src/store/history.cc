#include "tinyperf/store/history.h"

#include <algorithm>

#include <fmt/core.h>

#include "submission_index.h"
#include "tinyperf/core/error.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::store {
namespace {

using nlohmann::json;

std::string model_names(const submission::Submission& s) {
  std::string names;
  for (const auto& side : submission::sides_of(s)) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", side.side->model_name);
  }
  return names;
}

submission::Submission parsed(const json& doc, const std::string& source) {
  try {
    return submission::parse_submission(doc);
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", source, e.what()));
  }
}

std::string settings_text(const HistoryQuery& q) {
  std::string text = q.scenario.empty() ? "any scenario" : q.scenario;
  if (q.batch_size) text += fmt::format(", batch size {}", *q.batch_size);
  if (q.threads) text += fmt::format(", {} thread{}", *q.threads, *q.threads == 1 ? "" : "s");
  return text;
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (const std::int64_t id : ids) text += fmt::format("{}{}", text.empty() ? "" : ", ", id);
  return text;
}

}  // namespace

std::vector<double> model_latency_samples(const json& doc, const std::string& model,
                                          const std::string& source) {
  const submission::Submission s = parsed(doc, source);
  for (const auto& side : submission::sides_of(s)) {
    const auto& samples = side.side->latency_samples_ms;
    if (side.side->model_name == model && samples && !samples->empty()) return *samples;
  }
  throw InputError(fmt::format("{}: no side measured model '{}' with latency samples (models: {})",
                               source, model, model_names(s)));
}

namespace {

// The settings a history baseline must share with the candidates, for messages.
std::string settings_of(const detail::IndexedRun& run) {
  return fmt::format("processor '{}', {}, batch size {}, {} thread{}", run.processor, run.scenario,
                     run.batch_size, run.threads, run.threads == 1 ? "" : "s");
}

bool same_settings(const detail::IndexedRun& a, const detail::IndexedRun& b) {
  return a.processor == b.processor && a.scenario == b.scenario && a.batch_size == b.batch_size &&
         a.threads == b.threads;
}

}  // namespace

HistoryQuery history_query_for(const std::vector<json>& candidates,
                               const std::vector<std::string>& sources, const std::string& model,
                               std::size_t max_runs) {
  if (max_runs == 0) throw InputError("max_runs must be at least 1", "max_runs");
  if (candidates.empty() || candidates.size() != sources.size()) {
    throw InputError("history comparison: no candidate submission given");
  }
  std::vector<detail::IndexedRun> runs;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    try {
      runs.push_back(detail::index_submission(candidates[i], {}));
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: {}", sources[i], e.what()));
    }
    if (!same_settings(runs.front(), runs.back())) {
      throw InputError(fmt::format(
          "{}: measured with {}, but {} with {}: candidates compared with one history must share "
          "the processor, scenario, batch size and threads",
          sources[i], settings_of(runs.back()), sources[0], settings_of(runs.front())));
    }
  }
  HistoryQuery query{
      model, runs[0].processor, runs[0].scenario, runs[0].batch_size, runs[0].threads,
      {},    max_runs};
  for (const auto& run : runs) query.exclude_submission_sha256.push_back(run.sha256);
  return query;
}

HistoryQuery history_query_for(const json& candidate, const std::string& model,
                               std::size_t max_runs) {
  return history_query_for(std::vector<json>{candidate}, {"candidate"}, model, max_runs);
}

namespace {

bool excluded(const RunRow& run, const HistoryQuery& query) {
  const auto& shas = query.exclude_submission_sha256;
  return std::find(shas.begin(), shas.end(), run.submission_sha256) != shas.end();
}

// The latest query.max_runs matching runs that are not excluded, newest first.
std::vector<RunRow> matching_runs(ResultsStore& store, const HistoryQuery& query) {
  const RunFilter filter{.model = query.model,
                         .min_samples = 1,
                         .processor = query.processor,
                         .scenario = query.scenario,
                         .batch_size = query.batch_size,
                         .threads = query.threads,
                         .limit = query.max_runs + query.exclude_submission_sha256.size()};
  std::vector<RunRow> runs = store.list_runs(filter);
  std::erase_if(runs, [&](const RunRow& run) { return excluded(run, query); });
  if (runs.size() > query.max_runs) runs.resize(query.max_runs);
  return runs;
}

}  // namespace

HistoryBaseline history_baseline(ResultsStore& store, const HistoryQuery& query) {
  if (query.model.empty() || query.processor.empty() || query.max_runs == 0) {
    throw InputError("history baseline: the model, the processor and at least one run are needed");
  }
  const std::vector<RunRow> rows = matching_runs(store, query);
  if (rows.empty()) {
    throw InputError(
        fmt::format("{}: no stored run of model '{}' on processor '{}' ({}) to compare against",
                    store.location(), query.model, query.processor, settings_text(query)));
  }
  HistoryBaseline baseline;
  std::vector<std::int64_t> ids;
  std::size_t samples = 0;
  for (const RunRow& row : rows) {
    HistoryRun run{row.id, row.timestamp, row.git_commit,
                   model_latency_samples(store.load_submission(row.id), query.model,
                                         fmt::format("{} run {}", store.location(), row.id))};
    samples += run.latency_ms.size();
    ids.push_back(row.id);
    baseline.runs.push_back(std::move(run));
  }
  baseline.description =
      fmt::format("history {}: {} on {} ({}), run{} {} ({} run{}, {} samples)", store.location(),
                  query.model, query.processor, settings_text(query), ids.size() == 1 ? "" : "s",
                  id_list(ids), ids.size(), ids.size() == 1 ? "" : "s", samples);
  return baseline;
}

}  // namespace tinyperf::store
