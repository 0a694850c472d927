// The results history (docs/cli.md `tinyperf history`, docs/architecture.md "store"): every run of
// tinyperf stored with its whole submission, in SQLite (one file, the default) or PostgreSQL (a
// team's shared store). The store indexes what it lists and filters by (time, commit, processor,
// scenario, each measured model's key metrics) and keeps the submission document whole, so every
// statistic of a past run can be recomputed from its raw samples.
//
// Guarantees, for both backends:
//  - record_run is all-or-nothing: one transaction per run. A process killed or interrupted at any
//    moment leaves either the whole run (its row, its model rows and its submission) or nothing.
//  - Concurrent writers (several processes on one SQLite file, or several clients of one server)
//    wait for each other instead of failing: SQLite waits up to kBusyTimeoutMs for the write lock.
//  - The schema is versioned; opening an older history migrates it in one transaction, opening one
//    written by a newer tinyperf is refused with a clear message (never modified).
// A ResultsStore object is not thread-safe: use one per thread (or per process).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"

namespace tinyperf::store {

// The schema version this build creates and understands.
inline constexpr int kSchemaVersion = 1;

// How long a SQLite writer waits for another process's write transaction before giving up with an
// IoError: 10 s (a run's insert takes milliseconds, so only a stuck process makes anyone wait).
inline constexpr int kBusyTimeoutMs = 10'000;

// What the store records about a run beyond its submission.
struct RunInfo {
  std::string command{};     // how the run was started, e.g. "tinyperf run --quick"; "" = unknown
  std::string git_commit{};  // commit of the code measured; "" = the submission's tool.git_commit
  std::string out_dir{};     // folder that holds the run's files; "" = none
};

struct RecordResult {
  std::int64_t id = 0;    // the run's id in this store (> 0)
  bool inserted = false;  // false: this very submission (same bytes) was already stored as `id`
};

// One model measured in a run: the submission's baseline, its optimized side, or a candidate.
// Metrics are copied from the side's "metrics"; absent ones are empty.
struct ModelRow {
  std::string role;  // "baseline", "optimized" or "candidate"
  std::string model_name;
  std::string precision;  // the side's model.precision ("fp32", "int8", ...); "" when absent
  std::optional<double> latency_ms_median;           // milliseconds
  std::optional<double> latency_ms_p99;              // milliseconds
  std::optional<double> latency_ms_mean;             // milliseconds
  std::optional<double> throughput_samples_per_sec;  // samples per second
  std::optional<double> accuracy;                    // fraction in [0, 1]
  std::optional<double> model_size_mb;               // MiB
  std::int64_t sample_count = 0;  // raw latency samples stored with the side (samples.latency_ms)
};

// One stored run, as listed.
struct RunRow {
  std::int64_t id = 0;
  std::string recorded_at;   // when the store received it: ISO 8601 UTC, e.g. 2026-11-22T10:00:05Z
  std::string timestamp;     // the submission's timestamp (when it was measured), as written
  std::string git_commit;    // RunInfo::git_commit, else the submission's tool.git_commit
  std::string tool_version;  // tool.version
  std::string processor;     // system_info.processor
  std::string scenario;      // settings.scenario
  std::int64_t batch_size = 0;    // settings.batch_size
  std::int64_t threads = 0;       // settings.threads
  std::string command;            // RunInfo::command
  std::string out_dir;            // RunInfo::out_dir
  std::optional<double> speedup;  // improvements.speedup (baseline vs optimized); empty without
  std::string verdict;            // improvements.verdict; "" without
  std::string submission_sha256;  // SHA-256 of the stored submission text (64 hex digits)
  std::vector<ModelRow> models;   // baseline, then optimized, then candidates in file order
};

// Which runs list_runs returns. Empty strings and empty optionals match everything.
struct RunFilter {
  std::string model{};           // runs that measured a model of this name (any role)
  std::int64_t min_samples = 0;  // with `model`: that model's side holds at least this many samples
  std::string processor{};       // exact system_info.processor
  std::string scenario{};        // exact settings.scenario
  std::optional<std::int64_t> batch_size{};
  std::optional<std::int64_t> threads{};
  std::string exclude_submission_sha256{};  // leave out the run storing this submission
  std::size_t limit = 0;                    // at most this many runs, newest first; 0 = all
};

class ResultsStore {
 public:
  virtual ~ResultsStore() = default;

  // Stores `submission` (a tinyperf v1 document, docs/submission.md) with `info`, in one
  // transaction. The document is stored whole (compact JSON); recording the same document again
  // stores nothing and returns the existing id. The store checks what it indexes, not the whole
  // format: validate the document first (submission::validate_submission).
  // Throws InputError when the document is not a v1 submission or a field the store indexes is
  // missing or of the wrong type (the message names its JSON path, e.g. $.system_info.processor);
  // IoError when the database cannot be written (locked longer than kBusyTimeoutMs, disk full,
  // connection lost). Nothing is stored when it throws.
  virtual RecordResult record_run(const nlohmann::json& submission, const RunInfo& info = {}) = 0;

  // The runs matching `filter`, newest first: ordered by the submission's timestamp, then by id.
  // Throws IoError / InputError (a damaged database) naming location().
  virtual std::vector<RunRow> list_runs(const RunFilter& filter = {}) = 0;

  // The submission stored with run `id`, exactly as recorded. Throws InputError when there is no
  // such run (the message names the id and location()).
  virtual nlohmann::json load_submission(std::int64_t id) = 0;

  // The schema version of the open database (kSchemaVersion once opened).
  virtual int schema_version() = 0;

  // Where the store lives, for messages: the SQLite path, or the PostgreSQL URL with any password
  // replaced by "***".
  virtual const std::string& location() const = 0;
};

// Whether to create a SQLite file that does not exist yet.
enum class OpenMode {
  kCreate,    // create the file and its parent folders when missing (what `tinyperf run` does)
  kExisting,  // the file must exist (what `tinyperf history --db PATH` does); ignored for
              // PostgreSQL
};

// Opens (and, when needed, creates or migrates) the store at `location`: a PostgreSQL URL when it
// starts with "postgresql://" or "postgres://" (libpq's URI syntax, e.g.
// postgresql://user@host:5432/db?options=-csearch_path%3Dtinyperf), else a SQLite file path.
// SQLite files are opened in WAL mode with synchronous=FULL, foreign keys on, and a busy timeout
// of kBusyTimeoutMs; PostgreSQL connections time out after 10 s unless the URL says otherwise.
// Throws IoError (cannot open, create or connect; missing file with kExisting), InputError (not a
// SQLite database, a damaged one, a database holding other tables than a tinyperf history's, or a
// schema newer than kSchemaVersion). Messages name the location, never a password.
std::unique_ptr<ResultsStore> open_store(const std::string& location,
                                         OpenMode mode = OpenMode::kCreate);

// True when `location` names a PostgreSQL server (the prefixes above).
bool is_postgres_url(std::string_view location);

// `location` with a URL's password (user:PASSWORD@ or password=...) replaced by "***".
std::string redact_location(std::string_view location);

// The default history, env.history_db(): $TINYPERF_DB when set, else
// $XDG_DATA_HOME/tinyperf/history.db, else $HOME/.local/share/tinyperf/history.db. Creates
// nothing. Throws InputError when none of the three is usable (the message says to pass a location
// as db, its field(), or set TINYPERF_DB).
std::string default_store_location(const Env& env = Env::system());

}  // namespace tinyperf::store
