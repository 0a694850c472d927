#include "sql_connection.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::store::detail {
namespace {

[[noreturn]] void bad_cell(const char* what, const char* expected) {
  throw IoError(fmt::format("history column {} holds something other than {} (damaged history)",
                            what, expected));
}

template <typename Number>
Number parse_text(const std::string& text, const char* what, const char* expected) {
  Number value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) bad_cell(what, expected);
  return value;
}

}  // namespace

std::vector<std::string> SqlConnection::table_names() {
  std::vector<std::string> names;
  for (const SqlRow& row : query(table_names_query())) names.push_back(as_text(row.at(0), "name"));
  return names;
}

std::int64_t as_int(const SqlValue& value, const char* what) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) {
    return parse_text<std::int64_t>(*text, what, "an integer");
  }
  bad_cell(what, "an integer");
}

double as_double(const SqlValue& value, const char* what) {
  double result = 0.0;
  if (const auto* number = std::get_if<double>(&value)) {
    result = *number;
  } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    result = static_cast<double>(*integer);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    result = parse_text<double>(*text, what, "a number");
  } else {
    bad_cell(what, "a number");
  }
  if (!std::isfinite(result)) bad_cell(what, "a finite number");
  return result;
}

std::optional<double> as_optional_double(const SqlValue& value, const char* what) {
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  return as_double(value, what);
}

std::string as_text(const SqlValue& value, const char* what) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  bad_cell(what, "text");
}

WriteTransaction::WriteTransaction(SqlConnection& connection) : connection_(connection) {
  connection_.begin_write();
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  // Reached only while an exception propagates (or after a failed COMMIT). That exception is the
  // error the caller sees; a failing ROLLBACK cannot add to it, and the database discards the
  // transaction anyway when the connection closes, so its own failure is deliberately dropped.
  try {
    connection_.execute("ROLLBACK");
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): see above
  }
}

void WriteTransaction::commit() {
  connection_.execute("COMMIT");
  open_ = false;
}

}  // namespace tinyperf::store::detail
