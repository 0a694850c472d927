// The little the store needs from a SQL database, so that the store's logic (schema, migrations,
// queries) is written once for SQLite and PostgreSQL. Private to the store module.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tinyperf::store::detail {

// A std::unique_ptr deleter that hands the pointer to a C client library's release function, e.g.
// std::unique_ptr<sqlite3_stmt, ReleaseWith<sqlite3_finalize>>.
template <auto kRelease>
struct ReleaseWith {
  template <class T>
  void operator()(T* handle) const {
    kRelease(handle);
  }
};

// A parameter or result cell. PostgreSQL returns every non-NULL cell as text; the accessors below
// convert.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using SqlRow = std::vector<SqlValue>;

enum class Dialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual Dialect dialect() const = 0;

  // The database's location for messages (a password is never part of it).
  virtual const std::string& location() const = 0;

  // Runs `sql` (one or more statements, no parameters, results ignored). Throws IoError or
  // InputError (damaged database) naming location().
  virtual void execute(const std::string& sql) = 0;

  // Runs one statement with `params` bound to $1, $2, ... and returns its rows (none for a
  // statement without results). Throws as execute does.
  virtual std::vector<SqlRow> query(const std::string& sql,
                                    const std::vector<SqlValue>& params = {}) = 0;

  // Starts a transaction that holds the database's write lock until COMMIT or ROLLBACK (SQLite:
  // BEGIN IMMEDIATE, waiting up to the busy timeout for another writer; PostgreSQL: BEGIN).
  virtual void begin_write() = 0;

  // Inside a write transaction: serializes schema migrations between processes (PostgreSQL: a
  // transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE already excludes other writers).
  virtual void lock_for_migration() = 0;

  // The tables of the database (SQLite) or of the current schema (PostgreSQL), without the
  // engine's internal ones, in name order.
  std::vector<std::string> table_names();

 protected:
  // A query returning those names in its first column, in name order.
  virtual std::string table_names_query() const = 0;
};

// Opens a SQLite file (create: create it and its folders when missing). Throws as open_store.
std::unique_ptr<SqlConnection> connect_sqlite(const std::string& path, bool create,
                                              int busy_timeout_ms);

// Connects to the PostgreSQL server of `url` (libpq URI). Throws as open_store.
std::unique_ptr<SqlConnection> connect_postgres(const std::string& url);

// Cell accessors. `what` names the column in the IoError thrown for a cell of the wrong kind
// (a database edited by hand).
std::int64_t as_int(const SqlValue& value, const char* what);
double as_double(const SqlValue& value, const char* what);
std::optional<double> as_optional_double(const SqlValue& value, const char* what);
std::string as_text(const SqlValue& value, const char* what);

// Rolls the write transaction back unless commit() was called, so that an exception thrown
// between begin and commit never leaves a transaction open.
class WriteTransaction {
 public:
  explicit WriteTransaction(SqlConnection& connection);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void commit();

 private:
  SqlConnection& connection_;
  bool open_ = true;
};

}  // namespace tinyperf::store::detail
