// SqlConnection on a SQLite file: WAL journal (readers never block the writer), synchronous=FULL
// (a committed run survives a power cut too), foreign keys on, and a busy timeout so that
// concurrent writers queue instead of failing.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

#include <fmt/core.h>

#include "sql_connection.h"
#include "tinyperf/core/error.h"

namespace tinyperf::store::detail {
namespace {

// "$N" placeholders (what the store writes) as SQLite's numbered "?N".
std::string numbered_placeholders(std::string sql) {
  for (std::size_t i = 0; i + 1 < sql.size(); ++i) {
    if (sql[i] == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') sql[i] = '?';
  }
  return sql;
}

SqlValue column(sqlite3_stmt* statement, int index) {
  switch (sqlite3_column_type(statement, index)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, index)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, index);
    case SQLITE_NULL:
      return std::monostate{};
    default: {  // TEXT or BLOB
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, index));
      return std::string(bytes == nullptr ? "" : bytes,
                         static_cast<std::size_t>(sqlite3_column_bytes(statement, index)));
    }
  }
}

void create_parent_folders(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
  if (error) {
    throw IoError(
        fmt::format("{}: cannot create folder {}: {}", path, parent.string(), error.message()));
  }
}

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(const std::string& path, bool create, int busy_timeout_ms)
      : path_(path), busy_timeout_ms_(busy_timeout_ms) {
    open(create);
    execute("PRAGMA foreign_keys = ON");
    switch_to_wal();
    execute("PRAGMA synchronous = FULL");
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  const std::string& location() const override { return path_; }

  void execute(const std::string& sql) override {
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
  }

  std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
    sqlite3_stmt* raw = nullptr;
    const std::string text = numbered_placeholders(sql);
    const int rc = sqlite3_prepare_v2(db_.get(), text.c_str(), -1, &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, ReleaseWith<sqlite3_finalize>> statement(raw);
    if (rc != SQLITE_OK) fail(rc, sql);
    for (std::size_t i = 0; i < params.size(); ++i)
      bind(statement.get(), static_cast<int>(i + 1), params[i], sql);
    std::vector<SqlRow> rows;
    while (true) {
      const int step = sqlite3_step(statement.get());
      if (step == SQLITE_DONE) return rows;
      if (step != SQLITE_ROW) fail(step, sql);
      SqlRow row;
      for (int c = 0; c < sqlite3_column_count(statement.get()); ++c)
        row.push_back(column(statement.get(), c));
      rows.push_back(std::move(row));
    }
  }

  void begin_write() override { execute("BEGIN IMMEDIATE"); }
  void lock_for_migration() override {}  // BEGIN IMMEDIATE holds the only write lock

 protected:
  std::string table_names_query() const override {
    return "SELECT name FROM sqlite_master WHERE type = 'table' AND "
           "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
  }

 private:
  // Switching a new file to WAL takes its exclusive lock for a moment, and SQLite answers
  // SQLITE_BUSY at once, without calling the busy handler, while another process opening the
  // same new file holds a lock: retry for up to the busy timeout, as the handler would.
  void switch_to_wal() {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms_);
    for (;;) {
      const int rc =
          sqlite3_exec(db_.get(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) break;
      if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) {
        fail(rc, "PRAGMA journal_mode = WAL");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    const auto mode = query("PRAGMA journal_mode", {});
    if (mode.empty() || as_text(mode[0].at(0), "journal_mode") != "wal") {
      throw IoError(fmt::format("{}: cannot switch the database to WAL mode", path_));
    }
  }

  void open(bool create) {
    std::error_code error;
    if (!create && !std::filesystem::exists(path_, error)) {
      throw IoError(fmt::format("{}: no such history database", path_));
    }
    if (create) create_parent_folders(path_);
    if (std::filesystem::is_directory(path_, error)) {
      throw IoError(fmt::format("{}: is a directory, not a history database", path_));
    }
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) fail(rc, "opening the database");
    sqlite3_extended_result_codes(db_.get(), 1);
    sqlite3_busy_timeout(db_.get(), busy_timeout_ms_);
  }

  void bind(sqlite3_stmt* statement, int index, const SqlValue& value, const std::string& sql) {
    int rc = SQLITE_OK;
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(statement, index, *integer);
    } else if (const auto* number = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(statement, index, *number);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      rc = sqlite3_bind_text64(statement, index, text->data(), text->size(), SQLITE_STATIC,
                               SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(statement, index);
    }
    if (rc != SQLITE_OK) fail(rc, sql);
  }

  // Maps a SQLite failure to the error hierarchy, naming the file: a file that is not a database
  // or is damaged is bad input; everything else (locked, read-only, disk full) is I/O.
  [[noreturn]] void fail(int rc, const std::string& doing) const {
    const std::string detail = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
      case SQLITE_NOTADB:
        throw InputError(fmt::format("{}: not a SQLite database ({})", path_, detail));
      case SQLITE_CORRUPT:
        throw InputError(
            fmt::format("{}: the history database is damaged ({}); restore a backup or use "
                        "another db",
                        path_, detail),
            "db");
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        throw IoError(
            fmt::format("{}: the database stayed locked by another process for over "
                        "{} ms ({})",
                        path_, busy_timeout_ms_, detail));
      default:
        throw IoError(
            fmt::format("{}: {} (while running: {})", path_, detail, doing.substr(0, 60)));
    }
  }

  std::string path_;
  int busy_timeout_ms_;
  std::unique_ptr<sqlite3, ReleaseWith<sqlite3_close_v2>> db_;
};

}  // namespace

std::unique_ptr<SqlConnection> connect_sqlite(const std::string& path, bool create,
                                              int busy_timeout_ms) {
  return std::make_unique<SqliteConnection>(path, create, busy_timeout_ms);
}

}  // namespace tinyperf::store::detail
