// What the store indexes of a submission, read from the v1 document itself (spec/submission.md).
// Private to the store module.
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

// Reads the indexed fields of `submission`. Throws InputError naming the JSON path of the first
// field that is missing or of the wrong type, or when the document is not a v1 submission, or
// holds a string that is not UTF-8.
IndexedRun index_submission(const nlohmann::json& submission, const RunInfo& info);

// The sortable form of an ISO 8601 UTC timestamp "YYYY-MM-DDTHH:MM:SS[.digits]Z" (the shape
// spec/submission.md requires); empty when `timestamp` has another shape.
std::string time_key(const std::string& timestamp);

// The current time as ISO 8601 UTC with whole seconds, e.g. "2026-11-22T10:00:05Z".
std::string utc_now();

}  // namespace tinyperf::store::detail
