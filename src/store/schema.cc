// The history's schema, version by version. Never edit a published migration: add the next one
// (docs/history.md, "Changing the schema").
#include <fmt/core.h>

#include "relational_store.h"

namespace tinyperf::store::detail {
namespace {

// The few words the two dialects spell differently.
struct Words {
  const char* id;       // the auto-assigned primary key
  const char* integer;  // 64-bit integer
  const char* real;     // IEEE double
  const char* strict;   // table option enforcing column types
};

Words words(Dialect dialect) {
  if (dialect == Dialect::kSqlite) return {"INTEGER PRIMARY KEY", "INTEGER", "REAL", " STRICT"};
  return {"BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BIGINT", "DOUBLE PRECISION", ""};
}

// Version 1: one row per run (indexed fields plus the whole submission) and one row per model it
// measured (the key metrics `tinyperf history` lists and --against-history selects on).
Migration version_1(Dialect dialect) {
  const Words w = words(dialect);
  return Migration{
      1,
      {fmt::format(
           "CREATE TABLE runs ("
           "id {id}, recorded_at TEXT NOT NULL, timestamp TEXT NOT NULL, time_key TEXT NOT NULL, "
           "git_commit TEXT NOT NULL, tool_version TEXT NOT NULL, processor TEXT NOT NULL, "
           "scenario TEXT NOT NULL, batch_size {int} NOT NULL, threads {int} NOT NULL, "
           "command TEXT NOT NULL, out_dir TEXT NOT NULL, speedup {real}, verdict TEXT NOT NULL, "
           "submission_sha256 TEXT NOT NULL UNIQUE, submission TEXT NOT NULL){strict}",
           fmt::arg("id", w.id), fmt::arg("int", w.integer), fmt::arg("real", w.real),
           fmt::arg("strict", w.strict)),
       fmt::format(
           "CREATE TABLE run_models ("
           "run_id {int} NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
           "position {int} NOT NULL, "
           "role TEXT NOT NULL CHECK (role IN ('baseline', 'optimized', 'candidate')), "
           "model_name TEXT NOT NULL, precision TEXT NOT NULL, latency_ms_median {real}, "
           "latency_ms_p99 {real}, latency_ms_mean {real}, throughput_samples_per_sec {real}, "
           "accuracy {real}, model_size_mb {real}, sample_count {int} NOT NULL, "
           "PRIMARY KEY (run_id, position)){strict}",
           fmt::arg("int", w.integer), fmt::arg("real", w.real), fmt::arg("strict", w.strict)),
       "CREATE INDEX runs_by_time ON runs (time_key, id)",
       "CREATE INDEX run_models_by_model ON run_models (model_name, run_id)"}};
}

}  // namespace

std::vector<Migration> default_migrations(Dialect dialect) { return {version_1(dialect)}; }

}  // namespace tinyperf::store::detail
