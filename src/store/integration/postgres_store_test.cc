// The store on PostgreSQL: the contract every backend shares (store_contract.h), run against the
// private server that run_with_postgres.sh starts; each test works in a fresh schema of its own
// (the URL's options=-csearch_path=...), so the tests are independent.
#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>

#include <gtest/gtest.h>

#include "store_contract.h"

namespace tinyperf::store {
namespace {

// The server's URL, exported by run_with_postgres.sh.
std::string server_url() {
  const char* url = std::getenv("TINYPERF_TEST_POSTGRES_URL");
  return url == nullptr ? "" : url;
}

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    // Not a skip: without a server these tests did not run, which is a failure to report.
    ASSERT_FALSE(server_url().empty())
        << "TINYPERF_TEST_POSTGRES_URL is not set: run this program through "
           "src/store/integration/run_with_postgres.sh (ctest does), which starts a server";
    schema_ = std::string("t_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& ch : schema_) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    sql("CREATE SCHEMA " + schema_);
    url_ = server_url() + "?options=-csearch_path%3D" + schema_;
  }

  // Runs `statement` on a connection of its own (outside the store) and returns the first cell.
  std::string sql(const std::string& statement) const {
    PGconn* connection = PQconnectdb(server_url().c_str());
    std::string cell = "<error>";
    if (PQstatus(connection) != CONNECTION_OK) {
      ADD_FAILURE() << "cannot connect: " << PQerrorMessage(connection);
    } else {
      PGresult* result = PQexec(connection, statement.c_str());
      const auto status = PQresultStatus(result);
      if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) cell = PQgetvalue(result, 0, 0);
      if (status == PGRES_COMMAND_OK) cell = "";
      if (cell == "<error>") ADD_FAILURE() << statement << ": " << PQresultErrorMessage(result);
      PQclear(result);
    }
    PQfinish(connection);
    return cell;
  }

  std::string in_schema(const std::string& statement) const {
    return sql("SET search_path TO " + schema_ + "; " + statement);
  }

  contract::Factory factory() const { return contract::factory_for(url_); }

  void expect_every_run_whole() const {
    EXPECT_EQ(
        in_schema("SELECT count(*) FROM runs WHERE id NOT IN (SELECT run_id FROM run_models)"),
        "0");
  }

  std::string open_error() const {
    try {
      open_store(url_);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }

  std::string schema_;
  std::string url_;
};

TINYPERF_STORE_CONTRACT_TESTS(PostgresStore, expect_every_run_whole)
TEST_F(PostgresStore, ConcurrentWritersAllLand) {
  contract::concurrent_writers(factory(), 6, 20);
  expect_every_run_whole();
}
TEST_F(PostgresStore, ConcurrentFirstOpeningsCreateTheSchemaOnce) {
  contract::concurrent_first_openings(factory(), 6);
}
TEST_F(PostgresStore, KilledWriterLeavesNoHalfRow) {
  contract::killed_writer_leaves_no_half_row(factory());
  expect_every_run_whole();
}

TEST_F(PostgresStore, NewerSchemaIsRefusedUntouched) {
  open_store(url_);
  in_schema("UPDATE schema_version SET version = 9");
  EXPECT_NE(open_error().find("history schema version 9 is newer than this tinyperf understands"),
            std::string::npos)
      << open_error();
  EXPECT_EQ(in_schema("SELECT version FROM schema_version"), "9");
}

TEST_F(PostgresStore, TableOfAnotherApplicationNamedRunsIsLeftAlone) {
  in_schema("CREATE TABLE runs (athlete TEXT)");
  EXPECT_NE(open_error().find("not a tinyperf history (it has a table 'runs'"), std::string::npos)
      << open_error();
  EXPECT_EQ(in_schema("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), "1");
}

TEST_F(PostgresStore, MissingDatabaseIsAnIoErrorNamingTheUrl) {
  const std::string url = server_url();
  const std::string missing = url.substr(0, url.rfind('/')) + "/no_such_db";
  try {
    open_store(missing);
    FAIL() << "no exception";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(missing + ": cannot connect to PostgreSQL:"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line";
  }
}

}  // namespace
}  // namespace tinyperf::store
