// What the store indexes of a submission: the typed v1 submission (submission::parse_submission)
// read from the document. Private to the store module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/store/store.h"

namespace tinyperf::store::detail {

struct IndexedRun {
  std::string timestamp;   // $.timestamp as written
  std::string time_key;    // the timestamp with its fraction padded to 9 digits, so that text order
                           // is time order: "2026-11-22T10:00:00.500000000Z"
  std::string git_commit;  // RunInfo::git_commit, else $.tool.git_commit
  std::string tool_version;
  std::string processor;
  std::string scenario;
  std::int64_t batch_size = 0;
  std::int64_t threads = 0;
  std::optional<double> speedup;
  std::string verdict;
  std::vector<ModelRow> models;  // baseline, optimized, candidates
  std::string text;              // the document as stored: compact JSON
  std::string sha256;            // of `text`
};

// Reads the indexed fields of `submission`. Throws InputError ("submission: ...") with
// parse_submission's message (the JSON path of a value of the wrong type or out of range), naming
// the first indexed field that is missing (submission::run_provenance_of), or when the document is
// not a v1 submission, has a timestamp of another shape, or holds a string that is not UTF-8.
IndexedRun index_submission(const nlohmann::json& submission, const RunInfo& info);

// The sortable form of an ISO 8601 UTC timestamp "YYYY-MM-DDTHH:MM:SS[.digits]Z" (the shape
// docs/submission.md requires); empty when `timestamp` has another shape.
std::string time_key(const std::string& timestamp);

// The current time as ISO 8601 UTC with whole seconds, e.g. "2026-11-22T10:00:05Z".
std::string utc_now();

}  // namespace tinyperf::store::detail
