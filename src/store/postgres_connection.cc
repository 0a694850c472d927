// SqlConnection on a PostgreSQL server through libpq (the C client library). Every value travels
// as text; doubles are written in their shortest round-trip form, which float8 reads back exactly.
#include <libpq-fe.h>

#include <fmt/core.h>

#include "sql_connection.h"
#include "tinyperf/core/error.h"
#include "tinyperf/store/store.h"

namespace tinyperf::store::detail {
namespace {

using Result = std::unique_ptr<PGresult, ReleaseWith<PQclear>>;

// libpq's messages span lines ("ERROR: ...\nDETAIL: ..."); the CLI prints one line.
std::string one_line(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& ch : text) {
    if (ch == '\n' || ch == '\t') ch = ' ';
  }
  return text;
}

std::string as_param(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* number = std::get_if<double>(&value)) return fmt::format("{}", *number);
  return std::get<std::string>(value);
}

// A 64-bit advisory-lock key of our own: "tinyperf" in ASCII.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(8388070244393019750)";

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(const std::string& url) : location_(redact_location(url)) {
    // Defaults first: a value in the URL overrides them (libpq's expand_dbname rule).
    const char* keys[] = {"connect_timeout", "fallback_application_name", "client_encoding",
                          "dbname", nullptr};
    const char* values[] = {"10", "tinyperf", "UTF8", url.c_str(), nullptr};
    connection_.reset(PQconnectdbParams(keys, values, 1));
    if (connection_ == nullptr) throw IoError(fmt::format("{}: out of memory", location_));
    if (PQstatus(connection_.get()) != CONNECTION_OK) {
      throw IoError(fmt::format("{}: cannot connect to PostgreSQL: {}", location_,
                                one_line(PQerrorMessage(connection_.get()))));
    }
    // libpq prints server notices ("relation exists, skipping") on stderr by default.
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
  }

  Dialect dialect() const override { return Dialect::kPostgres; }
  const std::string& location() const override { return location_; }

  void execute(const std::string& sql) override {
    check(Result(PQexec(connection_.get(), sql.c_str())), sql);
  }

  std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
    std::vector<std::string> texts;
    texts.reserve(params.size());
    std::vector<const char*> values;
    for (const SqlValue& value : params) {
      const bool null = std::holds_alternative<std::monostate>(value);
      texts.push_back(null ? "" : as_param(value));
      values.push_back(null ? nullptr : texts.back().c_str());
    }
    Result result(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()),
                               nullptr, values.data(), nullptr, nullptr, 0));
    check(result, sql);
    return rows_of(result.get());
  }

  void begin_write() override { execute("BEGIN"); }
  void lock_for_migration() override { query(kMigrationLock, {}); }

 protected:
  std::string table_names_query() const override {
    return "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
           "ORDER BY tablename";
  }

 private:
  void check(const Result& result, const std::string& sql) const {
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* message =
        result ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_.get());
    throw IoError(
        fmt::format("{}: {} (while running: {})", location_, one_line(message), sql.substr(0, 60)));
  }

  static std::vector<SqlRow> rows_of(PGresult* result) {
    std::vector<SqlRow> rows(static_cast<std::size_t>(PQntuples(result)));
    for (int r = 0; r < PQntuples(result); ++r) {
      for (int c = 0; c < PQnfields(result); ++c) {
        rows[r].push_back(
            PQgetisnull(result, r, c)
                ? SqlValue{}
                : SqlValue{std::string(PQgetvalue(result, r, c),
                                       static_cast<std::size_t>(PQgetlength(result, r, c)))});
      }
    }
    return rows;
  }

  std::string location_;
  std::unique_ptr<PGconn, ReleaseWith<PQfinish>> connection_;
};

}  // namespace

std::unique_ptr<SqlConnection> connect_postgres(const std::string& url) {
  return std::make_unique<PostgresConnection>(url);
}

}  // namespace tinyperf::store::detail
