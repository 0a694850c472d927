// The migration mechanism (on SQLite): versions applied in order, each step whole or not at all,
// an old database brought up to date with its data kept.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "relational_store.h"
#include "test_support.h"
#include "tinyperf/core/error.h"

namespace tinyperf::store::detail {
namespace {

using testing::TempDir;

std::string scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  std::string result = "<error>";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    result = text == nullptr ? "NULL" : reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

std::unique_ptr<RelationalStore> open_with(const std::string& path,
                                           std::vector<Migration> migrations) {
  return std::make_unique<RelationalStore>(connect_sqlite(path, true, kBusyTimeoutMs),
                                           std::move(migrations));
}

const Migration kCreateNotes{1, {"CREATE TABLE notes (text TEXT NOT NULL)"}};
const Migration kAddAuthor{2, {"ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'n/a'"}};

TEST(Migration, DefaultSchemaEndsAtTheBuildsVersion) {
  for (const Dialect dialect : {Dialect::kSqlite, Dialect::kPostgres}) {
    const auto migrations = default_migrations(dialect);
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.back().version, kSchemaVersion);
    for (std::size_t i = 0; i < migrations.size(); ++i)
      EXPECT_EQ(migrations[i].version, int(i) + 1);
  }
}

TEST(Migration, LaterStepIsAppliedToAnOldDatabaseKeepingItsRows) {
  TempDir dir;
  const std::string path = dir.file("h.db");
  EXPECT_EQ(open_with(path, {kCreateNotes})->schema_version(), 1);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO notes VALUES ('kept')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(open_with(path, {kCreateNotes, kAddAuthor})->schema_version(), 2);
  EXPECT_EQ(scalar(path, "SELECT text || '/' || author FROM notes"), "kept/n/a");
  EXPECT_EQ(scalar(path, "SELECT version FROM schema_version"), "2");
}

TEST(Migration, FailingStepLeavesTheDatabaseAtThePreviousVersion) {
  TempDir dir;
  const std::string path = dir.file("h.db");
  open_with(path, {kCreateNotes});
  // The step's first statement succeeds, its second fails: neither may remain.
  const Migration broken{2, {"ALTER TABLE notes ADD COLUMN author TEXT", "THIS IS NOT SQL"}};
  EXPECT_THROW(open_with(path, {kCreateNotes, broken}), IoError);
  EXPECT_EQ(scalar(path, "SELECT version FROM schema_version"), "1");
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM pragma_table_info('notes')"), "1");
  EXPECT_EQ(open_with(path, {kCreateNotes, kAddAuthor})->schema_version(), 2);
}

TEST(Migration, HandMadeVersionZeroIsMigratedToTheCurrentSchema) {
  TempDir dir;
  const std::string path = dir.file("h.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE schema_version (version INTEGER NOT NULL); "
                         "INSERT INTO schema_version VALUES (0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = open_with(path, default_migrations(Dialect::kSqlite));
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_EQ(store->record_run(testing::make_submission({}), {}).id, 1);
  EXPECT_EQ(store->list_runs({}).size(), 1u);
}

}  // namespace
}  // namespace tinyperf::store::detail
