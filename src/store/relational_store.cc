#include "relational_store.h"

#include <algorithm>

#include <fmt/core.h>

#include "submission_index.h"
#include "tinyperf/core/check.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"

namespace tinyperf::store::detail {
namespace {

constexpr const char* kVersionTable = "schema_version";

// Tables of this store, besides kVersionTable.
bool is_ours(const std::string& table) { return table == "runs" || table == "run_models"; }

bool has(const std::vector<std::string>& tables, const std::string& name) {
  return std::find(tables.begin(), tables.end(), name) != tables.end();
}

SqlValue optional_value(const std::optional<double>& value) {
  return value ? SqlValue{*value} : SqlValue{};
}

std::vector<SqlValue> run_params(const IndexedRun& run, const RunInfo& info) {
  return {utc_now(),        run.timestamp, run.time_key, run.git_commit,
          run.tool_version, run.processor, run.scenario, run.batch_size,
          run.threads,      info.command,  info.out_dir, optional_value(run.speedup),
          run.verdict,      run.sha256,    run.text};
}

std::vector<SqlValue> model_params(std::int64_t run_id, std::size_t position, const ModelRow& m) {
  return {run_id,
          static_cast<std::int64_t>(position),
          m.role,
          m.model_name,
          m.precision,
          optional_value(m.latency_ms_median),
          optional_value(m.latency_ms_p99),
          optional_value(m.latency_ms_mean),
          optional_value(m.throughput_samples_per_sec),
          optional_value(m.accuracy),
          optional_value(m.model_size_mb),
          m.sample_count};
}

constexpr const char* kInsertRun =
    "INSERT INTO runs (recorded_at, timestamp, time_key, git_commit, tool_version, processor, "
    "scenario, batch_size, threads, command, out_dir, speedup, verdict, submission_sha256, "
    "submission) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
    "ON CONFLICT (submission_sha256) DO NOTHING RETURNING id";

constexpr const char* kInsertModel =
    "INSERT INTO run_models (run_id, position, role, model_name, precision, latency_ms_median, "
    "latency_ms_p99, latency_ms_mean, throughput_samples_per_sec, accuracy, model_size_mb, "
    "sample_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

constexpr const char* kSelectRuns =
    "SELECT id, recorded_at, timestamp, git_commit, tool_version, processor, scenario, "
    "batch_size, threads, command, out_dir, speedup, verdict, submission_sha256 FROM runs";

// The WHERE clause and parameters of `filter`; only the conditions that are set.
struct Where {
  std::string sql;
  std::vector<SqlValue> params;

  void add(const std::string& condition, SqlValue value) {
    params.push_back(std::move(value));
    sql += fmt::format("{} {}", sql.empty() ? " WHERE" : " AND",
                       fmt::format(fmt::runtime(condition), params.size()));
  }
};

Where where_of(const RunFilter& f) {
  Where w;
  if (!f.model.empty()) {
    w.add("id IN (SELECT run_id FROM run_models WHERE model_name = ${}", f.model);
    w.sql += fmt::format(" AND sample_count >= ${})", w.params.size() + 1);
    w.params.emplace_back(f.min_samples);
  }
  if (!f.processor.empty()) w.add("processor = ${}", f.processor);
  if (!f.scenario.empty()) w.add("scenario = ${}", f.scenario);
  if (f.batch_size) w.add("batch_size = ${}", *f.batch_size);
  if (f.threads) w.add("threads = ${}", *f.threads);
  if (!f.exclude_submission_sha256.empty()) {
    w.add("submission_sha256 <> ${}", f.exclude_submission_sha256);
  }
  return w;
}

RunRow run_row(const SqlRow& r) {
  RunRow row;
  row.id = as_int(r.at(0), "runs.id");
  row.recorded_at = as_text(r.at(1), "runs.recorded_at");
  row.timestamp = as_text(r.at(2), "runs.timestamp");
  row.git_commit = as_text(r.at(3), "runs.git_commit");
  row.tool_version = as_text(r.at(4), "runs.tool_version");
  row.processor = as_text(r.at(5), "runs.processor");
  row.scenario = as_text(r.at(6), "runs.scenario");
  row.batch_size = as_int(r.at(7), "runs.batch_size");
  row.threads = as_int(r.at(8), "runs.threads");
  row.command = as_text(r.at(9), "runs.command");
  row.out_dir = as_text(r.at(10), "runs.out_dir");
  row.speedup = as_optional_double(r.at(11), "runs.speedup");
  row.verdict = as_text(r.at(12), "runs.verdict");
  row.submission_sha256 = as_text(r.at(13), "runs.submission_sha256");
  return row;
}

ModelRow model_row(const SqlRow& r) {
  ModelRow m;
  m.role = as_text(r.at(0), "run_models.role");
  m.model_name = as_text(r.at(1), "run_models.model_name");
  m.precision = as_text(r.at(2), "run_models.precision");
  m.latency_ms_median = as_optional_double(r.at(3), "run_models.latency_ms_median");
  m.latency_ms_p99 = as_optional_double(r.at(4), "run_models.latency_ms_p99");
  m.latency_ms_mean = as_optional_double(r.at(5), "run_models.latency_ms_mean");
  m.throughput_samples_per_sec = as_optional_double(r.at(6), "run_models.throughput");
  m.accuracy = as_optional_double(r.at(7), "run_models.accuracy");
  m.model_size_mb = as_optional_double(r.at(8), "run_models.model_size_mb");
  m.sample_count = as_int(r.at(9), "run_models.sample_count");
  return m;
}

}  // namespace

RelationalStore::RelationalStore(std::unique_ptr<SqlConnection> connection,
                                 std::vector<Migration> migrations, StoreHooks hooks)
    : connection_(std::move(connection)),
      migrations_(std::move(migrations)),
      hooks_(std::move(hooks)) {
  TP_CHECK(connection_ != nullptr && !migrations_.empty());
  migrate();
}

// The database's version: 0 for a new (empty) one. Refuses a database holding other tables than
// this store's, and one newer than this build.
int RelationalStore::checked_version() {
  const std::vector<std::string> tables = connection_->table_names();
  if (!has(tables, kVersionTable)) {
    const bool sqlite = connection_->dialect() == Dialect::kSqlite;
    const auto foreign = std::find_if(tables.begin(), tables.end(),
                                      [&](const std::string& t) { return sqlite || is_ours(t); });
    if (foreign != tables.end()) {
      throw InputError(fmt::format("{}: not a tinyperf history (it has a table '{}' but no "
                                   "schema_version); use another db",
                                   location(), *foreign),
                       "db");
    }
    return 0;
  }
  const int version = schema_version();
  if (version > migrations_.back().version) {
    throw InputError(fmt::format(
        "{}: history schema version {} is newer than this tinyperf understands ({}); use a newer "
        "tinyperf",
        location(), version, migrations_.back().version));
  }
  return version;
}

void RelationalStore::create_version_table() {
  connection_->execute(fmt::format("CREATE TABLE {} (version {} NOT NULL)", kVersionTable,
                                   connection_->dialect() == Dialect::kSqlite ? "INTEGER" : "INT"));
  connection_->query(fmt::format("INSERT INTO {} (version) VALUES (0)", kVersionTable));
}

// Applies the missing migrations in one write transaction. The version is read again under the
// write lock, so concurrent first openings apply each step once.
void RelationalStore::migrate() {
  if (checked_version() == migrations_.back().version) return;
  WriteTransaction transaction(*connection_);
  connection_->lock_for_migration();
  int version = checked_version();
  if (version == 0 && !has(connection_->table_names(), kVersionTable)) create_version_table();
  for (const Migration& migration : migrations_) {
    if (migration.version <= version) continue;
    for (const std::string& statement : migration.statements) connection_->execute(statement);
    connection_->query(fmt::format("UPDATE {} SET version = $1", kVersionTable),
                       {std::int64_t{migration.version}});
    version = migration.version;
  }
  transaction.commit();
}

int RelationalStore::schema_version() {
  const auto rows = connection_->query(fmt::format("SELECT version FROM {}", kVersionTable));
  if (rows.size() != 1) {
    throw InputError(fmt::format("{}: schema_version holds {} rows instead of 1 (damaged history)",
                                 location(), rows.size()));
  }
  return static_cast<int>(as_int(rows[0].at(0), "schema_version.version"));
}

RecordResult RelationalStore::record_run(const nlohmann::json& submission, const RunInfo& info) {
  const IndexedRun run = index_submission(submission, info);
  WriteTransaction transaction(*connection_);
  const auto inserted = connection_->query(kInsertRun, run_params(run, info));
  if (inserted.empty()) {
    const auto existing =
        connection_->query("SELECT id FROM runs WHERE submission_sha256 = $1", {run.sha256});
    TP_CHECK(existing.size() == 1);  // the conflict that suppressed the insert is this row
    transaction.commit();
    return {as_int(existing[0].at(0), "runs.id"), false};
  }
  const std::int64_t id = as_int(inserted[0].at(0), "runs.id");
  for (std::size_t i = 0; i < run.models.size(); ++i) {
    connection_->query(kInsertModel, model_params(id, i, run.models[i]));
  }
  if (hooks_.before_commit) hooks_.before_commit();
  transaction.commit();
  return {id, true};
}

std::vector<ModelRow> RelationalStore::models_of(std::int64_t run_id) {
  const auto rows = connection_->query(
      "SELECT role, model_name, precision, latency_ms_median, latency_ms_p99, latency_ms_mean, "
      "throughput_samples_per_sec, accuracy, model_size_mb, sample_count FROM run_models "
      "WHERE run_id = $1 ORDER BY position",
      {run_id});
  std::vector<ModelRow> models;
  for (const SqlRow& row : rows) models.push_back(model_row(row));
  return models;
}

std::vector<RunRow> RelationalStore::list_runs(const RunFilter& filter) {
  Where where = where_of(filter);
  std::string sql = kSelectRuns + where.sql + " ORDER BY time_key DESC, id DESC";
  if (filter.limit > 0) {
    where.params.emplace_back(static_cast<std::int64_t>(filter.limit));
    sql += fmt::format(" LIMIT ${}", where.params.size());
  }
  std::vector<RunRow> runs;
  for (const SqlRow& row : connection_->query(sql, where.params)) runs.push_back(run_row(row));
  for (RunRow& run : runs) run.models = models_of(run.id);
  return runs;
}

nlohmann::json RelationalStore::load_submission(std::int64_t id) {
  const auto rows = connection_->query("SELECT submission FROM runs WHERE id = $1", {id});
  if (rows.empty()) throw InputError(fmt::format("{}: there is no run {}", location(), id));
  return parse_json(as_text(rows[0].at(0), "runs.submission"),
                    fmt::format("{} run {}", location(), id));
}

}  // namespace tinyperf::store::detail
