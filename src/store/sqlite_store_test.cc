// The store on SQLite: the shared contract (store_contract.h), the file's health after concurrent
// and killed writers (PRAGMA integrity_check), and hostile files.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "store_contract.h"

namespace tinyperf::store {
namespace {

using testing::make_submission;
using testing::TempDir;
using testing::TestRun;

// Runs `sql` on the file with SQLite itself (not through the store) and returns the first column
// of the first row ("" when there is none).
std::string raw_query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  std::string result;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
  sqlite3_free(error);
  sqlite3_close(db);
}

class SqliteStore : public ::testing::Test {
 protected:
  contract::Factory factory() const { return contract::factory_for(path_); }
  void expect_healthy() const {
    EXPECT_EQ(raw_query(path_, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(raw_query(path_, "PRAGMA foreign_key_check"), "");
    // No run without its models, and no model row without its run.
    EXPECT_EQ(raw_query(path_,
                        "SELECT count(*) FROM runs WHERE id NOT IN "
                        "(SELECT run_id FROM run_models)"),
              "0");
  }
  TempDir dir_;
  std::string path_ = dir_.file("sub/dir/history.db");  // folders created on first open
};

TINYPERF_STORE_CONTRACT_TESTS(SqliteStore, expect_healthy)

TEST_F(SqliteStore, ConcurrentWritersAllLandAndFileStaysHealthy) {
  contract::concurrent_writers(factory(), 8, 25);  // 200 runs, 600 rows, written at once
  expect_healthy();
}

TEST_F(SqliteStore, ConcurrentFirstOpeningsCreateTheSchemaOnce) {
  contract::concurrent_first_openings(factory(), 6);
  expect_healthy();
}

TEST_F(SqliteStore, KilledWriterLeavesNoHalfRowAndAHealthyFile) {
  contract::killed_writer_leaves_no_half_row(factory());
  expect_healthy();
}

// Writers SIGKILLed at random moments (between statements, inside a transaction, during COMMIT's
// write to the WAL): the file stays healthy and holds whole runs only.
TEST_F(SqliteStore, WritersKilledAtRandomMomentsLeaveOnlyWholeRuns) {
  open_store(path_);
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<int> delay_us(1'000, 40'000);
  for (int round = 0; round < 10; ++round) {
    std::fflush(nullptr);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        auto store = open_store(path_);
        for (int r = 0;; ++r) store->record_run(make_submission({.seq = round * 1000 + r}));
      } catch (...) {
      }
      _exit(3);
    }
    usleep(static_cast<useconds_t>(delay_us(rng)));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself, status " << status;
  }
  expect_healthy();
  const auto runs = open_store(path_)->list_runs();
  for (const RunRow& run : runs) EXPECT_EQ(run.models.size(), 2u) << "run " << run.id;
  EXPECT_TRUE(open_store(path_)->record_run(make_submission({.seq = 99'999})).inserted);
}

TEST_F(SqliteStore, UsesWalAndForeignKeys) {
  open_store(path_);
  EXPECT_EQ(raw_query(path_, "PRAGMA journal_mode"), "wal");
  // The model rows reference their run: a row for a run that does not exist is refused.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  EXPECT_NE(sqlite3_exec(db,
                         "INSERT INTO run_models (run_id, position, role, model_name, precision, "
                         "sample_count) VALUES (99, 0, 'baseline', 'x', '', 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStoreOpen, MissingFileIsRefusedWhenItMustExist) {
  TempDir dir;
  try {
    open_store(dir.file("nope.db"), OpenMode::kExisting);
    FAIL() << "no exception";
  } catch (const IoError& e) {
    EXPECT_EQ(std::string(e.what()), dir.file("nope.db") + ": no such history database");
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("nope.db")));
}

TEST(SqliteStoreOpen, DirectoryIsRefused) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("folder"));
  EXPECT_THROW(open_store(dir.file("folder")), IoError);
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string open_error(const std::string& path) {
  try {
    auto store = open_store(path, OpenMode::kExisting);
    store->list_runs();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no InputError";
}

TEST(SqliteStoreOpen, TextFileIsNotADatabase) {
  TempDir dir;
  write_file(dir.file("notes.db"), "these are my notes, not a database\n");
  EXPECT_EQ(open_error(dir.file("notes.db")),
            dir.file("notes.db") + ": not a SQLite database (file is not a database)");
}

TEST(SqliteStoreOpen, TruncatedDatabaseIsReportedDamaged) {
  TempDir dir;
  const std::string path = dir.file("history.db");
  {
    auto store = open_store(path);
    for (int seq = 0; seq < 40; ++seq) {
      store->record_run(
          make_submission({.seq = seq, .baseline_ms = std::vector<double>(200, 2.5)}));
    }
  }  // closing the last connection checkpoints the WAL into the file
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 10u * 4096);  // many pages, so that half of them go missing
  std::filesystem::resize_file(path, size / 2);
  const std::string error = open_error(path);
  EXPECT_NE(error.find(path + ": the history database is damaged"), std::string::npos) << error;
  std::filesystem::resize_file(path, 50);  // not even a whole header
  EXPECT_NE(open_error(path).find(path + ": the history database is damaged"), std::string::npos)
      << open_error(path);
}

TEST(SqliteStoreOpen, OtherApplicationsDatabaseIsLeftAlone) {
  TempDir dir;
  const std::string path = dir.file("app.db");
  raw_exec(path, "CREATE TABLE contacts (name TEXT)");
  EXPECT_EQ(open_error(path), path +
                                  ": not a tinyperf history (it has a table 'contacts' but no "
                                  "schema_version); use another db");
  EXPECT_EQ(raw_query(path, "SELECT count(*) FROM sqlite_master"), "1");  // untouched
}

TEST(SqliteStoreOpen, NewerSchemaIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir.file("history.db");
  open_store(path)->record_run(make_submission(TestRun{}));
  raw_exec(path, "UPDATE schema_version SET version = 2");
  EXPECT_EQ(open_error(path), path +
                                  ": history schema version 2 is newer than this tinyperf "
                                  "understands (1); use a newer tinyperf");
  EXPECT_EQ(raw_query(path, "SELECT version FROM schema_version"), "2");
  EXPECT_EQ(raw_query(path, "SELECT count(*) FROM runs"), "1");
}

TEST(SqliteStoreOpen, DamagedVersionTableIsReported) {
  TempDir dir;
  const std::string path = dir.file("history.db");
  open_store(path);
  raw_exec(path, "INSERT INTO schema_version VALUES (1)");
  EXPECT_NE(open_error(path).find("schema_version holds 2 rows instead of 1"), std::string::npos);
}

// No server needed: nothing listens on port 1 of the loopback interface.
TEST(PostgresOpen, UnreachableServerIsAnIoErrorWithoutThePassword) {
  try {
    open_store("postgresql://ann:s3cret@127.0.0.1:1/perf");
    FAIL() << "no exception";
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_EQ(
        message.rfind("postgresql://ann:***@127.0.0.1:1/perf: cannot connect to PostgreSQL: ", 0),
        0u)
        << message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos);
    EXPECT_EQ(message.find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace tinyperf::store
