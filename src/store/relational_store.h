// ResultsStore over a SqlConnection: the schema, its migrations and every query, written once for
// both backends. Private to the store module; tests use the hooks and custom migrations.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sql_connection.h"
#include "tinyperf/store/store.h"

namespace tinyperf::store::detail {

// One schema step: the statements that take a database from version - 1 to `version`. Applied in
// one transaction together with the new version number, so a step is applied whole or not at all.
struct Migration {
  int version = 0;
  std::vector<std::string> statements;
};

// The schema's history for `dialect`, oldest first; the last version is kSchemaVersion.
std::vector<Migration> default_migrations(Dialect dialect);

// Test seams.
struct StoreHooks {
  // Called inside record_run's transaction after every row is written, just before COMMIT (the
  // tests kill a process there, or throw).
  std::function<void()> before_commit;
};

class RelationalStore final : public ResultsStore {
 public:
  // Takes the connection, then brings its schema to migrations.back().version (see open_store).
  RelationalStore(std::unique_ptr<SqlConnection> connection, std::vector<Migration> migrations,
                  StoreHooks hooks = {});

  RecordResult record_run(const nlohmann::json& submission, const RunInfo& info) override;
  std::vector<RunRow> list_runs(const RunFilter& filter) override;
  nlohmann::json load_submission(std::int64_t id) override;
  int schema_version() override;
  const std::string& location() const override { return connection_->location(); }

 private:
  int checked_version();
  void migrate();
  void create_version_table();
  std::vector<ModelRow> models_of(std::int64_t run_id);

  std::unique_ptr<SqlConnection> connection_;
  std::vector<Migration> migrations_;
  StoreHooks hooks_;
};

// open_store with hooks, for the tests.
std::unique_ptr<ResultsStore> open_store_with_hooks(const std::string& location, OpenMode mode,
                                                    StoreHooks hooks);

}  // namespace tinyperf::store::detail
