// Choosing and opening a backend, the default location, and keeping passwords out of messages.
#include <fmt/core.h>

#include "relational_store.h"
#include "tinyperf/core/error.h"
#include "tinyperf/store/store.h"

namespace tinyperf::store {
namespace {

// Replaces the value after every "password=" (a URI query parameter) up to the next '&'.
std::string redact_password_parameters(std::string text) {
  static constexpr std::string_view kKey = "password=";
  for (std::size_t at = text.find(kKey); at != std::string::npos; at = text.find(kKey, at + 1)) {
    const std::size_t begin = at + kKey.size();
    const std::size_t end = std::min(text.find('&', begin), text.size());
    text.replace(begin, end - begin, "***");
  }
  return text;
}

}  // namespace

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redact_location(std::string_view location) {
  std::string text(location);
  if (!is_postgres_url(location)) return text;
  const std::size_t authority = text.find("://") + 3;
  const std::size_t end_of_authority = std::min(text.find_first_of("/?", authority), text.size());
  const std::size_t at = text.rfind('@', end_of_authority);
  if (at != std::string::npos && at >= authority) {
    const std::size_t colon = text.find(':', authority);
    if (colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
  }
  return redact_password_parameters(std::move(text));
}

std::string default_store_location(const Env& env) {
  std::string location = env.history_db();
  if (!location.empty()) return location;
  throw InputError(
      "no results history location: HOME, XDG_DATA_HOME and TINYPERF_DB are all unset; pass a "
      "location as db or set TINYPERF_DB",
      "db");
}

std::unique_ptr<ResultsStore> open_store(const std::string& location, OpenMode mode) {
  return detail::open_store_with_hooks(location, mode, {});
}

namespace detail {

std::unique_ptr<ResultsStore> open_store_with_hooks(const std::string& location, OpenMode mode,
                                                    StoreHooks hooks) {
  if (location.empty()) throw InputError("db: the history location is empty", "db");
  if (is_postgres_url(location)) {
    return std::make_unique<RelationalStore>(
        connect_postgres(location), default_migrations(Dialect::kPostgres), std::move(hooks));
  }
  return std::make_unique<RelationalStore>(
      connect_sqlite(location, mode == OpenMode::kCreate, kBusyTimeoutMs),
      default_migrations(Dialect::kSqlite), std::move(hooks));
}

}  // namespace detail
}  // namespace tinyperf::store
