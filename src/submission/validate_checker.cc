#include "validate_checker.h"

#include <cmath>
#include <cstdint>

#include <fmt/core.h>

namespace tinyperf::submission::detail {
namespace {

bool is_identifier(std::string_view key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  for (const char c : key) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// The number exactly as the document holds it: integers in full, floats in shortest form.
std::string number_as_written(const Json& value) {
  if (value.is_number_unsigned()) return fmt::format("{}", value.get<std::uint64_t>());
  if (value.is_number_integer()) return fmt::format("{}", value.get<std::int64_t>());
  return number_text(value.get<double>());
}

std::string range_problem(const std::string& shown, double value, Range range) {
  switch (range) {
    case Range::kAny:
      return {};
    case Range::kPositive:
      return value > 0 ? std::string() : shown + " must be > 0";
    case Range::kNonNegative:
      return value >= 0 ? std::string() : shown + " must be >= 0";
    case Range::kFraction:
      return value >= 0 && value <= 1 ? std::string() : shown + " is outside [0, 1]";
    case Range::kSignedFraction:
      return value >= -1 && value <= 1 ? std::string() : shown + " is outside [-1, 1]";
  }
  return {};
}

}  // namespace

std::string child_path(const std::string& path, std::string_view key) {
  if (is_identifier(key)) return fmt::format("{}.{}", path, key);
  return fmt::format("{}[{}]", path, quote_text(key));
}

std::string index_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

std::string number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{}", value);
}

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "boolean true" : "boolean false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return number_as_written(value);
    case Json::value_t::string:
      return "string " + quote_text(value.get_ref<const std::string&>());
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

double as_double(const Json& value) { return value.get<double>(); }

bool close_enough(double stated, double recomputed) {
  if (!std::isfinite(stated) || !std::isfinite(recomputed)) return false;
  return std::fabs(stated - recomputed) <=
         kValidationAbsTol + kValidationRelTol * std::fabs(recomputed);
}

std::string type_problem(const Json& value, std::string_view expected) {
  return fmt::format("expected {}, got {}", expected, describe(value));
}

std::optional<std::string> number_problem(const Json& value, Range range) {
  if (!value.is_number()) return type_problem(value, "a number");
  const double x = as_double(value);
  if (!std::isfinite(x)) return number_text(x) + " is not a finite number";
  std::string problem = range_problem(number_as_written(value), x, range);
  if (problem.empty()) return std::nullopt;
  return problem;
}

std::optional<std::string> integer_problem(const Json& value, Range range) {
  if (!value.is_number()) return type_problem(value, "an integer");
  const double x = as_double(value);
  if (!std::isfinite(x)) return number_text(x) + " is not a finite number";
  if (value.is_number_float() && std::floor(x) != x) return number_text(x) + " is not an integer";
  std::string problem = range_problem(number_as_written(value), x, range);
  if (problem.empty()) return std::nullopt;
  return problem;
}

void Checker::error(const std::string& path, std::string message) {
  if (errors_.size() < kMaxErrors) {
    errors_.push_back({path, std::move(message)});
  } else {
    ++suppressed_;
  }
}

std::vector<ValidationError> Checker::take() {
  if (suppressed_ > 0) {
    errors_.push_back({"$", fmt::format("{} more errors not listed", suppressed_)});
    suppressed_ = 0;
  }
  return std::move(errors_);
}

const Json* Checker::member(const Json& parent, const std::string& path, std::string_view key,
                            bool required) {
  if (parent.is_object()) {
    const auto it = parent.find(key);
    if (it != parent.end()) return &*it;
  }
  if (required) error(child_path(path, key), "required field is missing");
  return nullptr;
}

const Json* Checker::typed(const Json& parent, const std::string& path, std::string_view key,
                           bool required, Json::value_t type, std::string_view what) {
  const Json* value = member(parent, path, key, required);
  if (value == nullptr || value->type() == type) return value;
  error(child_path(path, key), type_problem(*value, what));
  return nullptr;
}

const Json* Checker::object(const Json& parent, const std::string& path, std::string_view key,
                            bool required) {
  return typed(parent, path, key, required, Json::value_t::object, "an object");
}

const Json* Checker::array(const Json& parent, const std::string& path, std::string_view key,
                           bool required) {
  return typed(parent, path, key, required, Json::value_t::array, "an array");
}

const std::string* Checker::string(const Json& parent, const std::string& path,
                                   std::string_view key, bool required) {
  const Json* value = typed(parent, path, key, required, Json::value_t::string, "a string");
  return value == nullptr ? nullptr : &value->get_ref<const std::string&>();
}

std::optional<bool> Checker::boolean(const Json& parent, const std::string& path,
                                     std::string_view key, bool required) {
  const Json* value = typed(parent, path, key, required, Json::value_t::boolean, "a boolean");
  if (value == nullptr) return std::nullopt;
  return value->get<bool>();
}

std::optional<double> Checker::numeric(const Json& parent, const std::string& path,
                                       std::string_view key, bool required, Range range,
                                       NumericRule rule) {
  const Json* value = member(parent, path, key, required);
  if (value == nullptr) return std::nullopt;
  if (auto problem = rule(*value, range)) {
    error(child_path(path, key), std::move(*problem));
    return std::nullopt;
  }
  return as_double(*value);
}

std::optional<double> Checker::number(const Json& parent, const std::string& path,
                                      std::string_view key, bool required, Range range) {
  return numeric(parent, path, key, required, range, number_problem);
}

std::optional<double> Checker::integer(const Json& parent, const std::string& path,
                                       std::string_view key, bool required, Range range) {
  return numeric(parent, path, key, required, range, integer_problem);
}

void Checker::constant(const Json& parent, const std::string& path, std::string_view key,
                       std::string_view expected, bool required) {
  const Json* value = member(parent, path, key, required);
  if (value == nullptr) return;
  if (value->is_string() && value->get_ref<const std::string&>() == expected) return;
  error(child_path(path, key), type_problem(*value, quote_text(expected)));
}

void Checker::one_of(const Json& parent, const std::string& path, std::string_view key,
                     const std::vector<std::string_view>& allowed, bool required) {
  const Json* value = member(parent, path, key, required);
  if (value == nullptr) return;
  std::string names;
  for (const auto name : allowed) {
    if (value->is_string() && value->get_ref<const std::string&>() == name) return;
    names += (names.empty() ? "" : ", ") + quote_text(name);
  }
  error(child_path(path, key), type_problem(*value, "one of " + names));
}

void Checker::string_array(const Json& parent, const std::string& path, std::string_view key,
                           bool required, bool (*item_ok)(std::string_view),
                           std::string_view item_rule) {
  const Json* items = array(parent, path, key, required);
  if (items == nullptr) return;
  const std::string report_path = child_path(path, key);
  ItemReporter report(*this, report_path);
  for (std::size_t i = 0; i < items->size(); ++i) {
    const Json& item = (*items)[i];
    if (!item.is_string()) {
      report.error(index_path(report_path, i), type_problem(item, "a string"));
    } else if (item_ok != nullptr && !item_ok(item.get_ref<const std::string&>())) {
      report.error(index_path(report_path, i),
                   fmt::format("{} {}", quote_text(item.get_ref<const std::string&>()), item_rule));
    }
  }
}

void Checker::interval(const Json& parent, const std::string& path, std::string_view key,
                       bool required, bool nullable) {
  const Json* value = member(parent, path, key, required);
  if (value == nullptr || (nullable && value->is_null())) return;
  const std::string at = child_path(path, key);
  if (!value->is_array() || value->size() != 2) {
    const std::string shape =
        value->is_array() ? fmt::format("an array of {} items", value->size()) : describe(*value);
    error(at, fmt::format("expected [lo, hi]{}, got {}", nullable ? " or null" : "", shape));
    return;
  }
  const auto lo = number_problem((*value)[0], Range::kAny);
  const auto hi = number_problem((*value)[1], Range::kAny);
  if (lo) error(index_path(at, 0), *lo);
  if (hi) error(index_path(at, 1), *hi);
  if (lo || hi) return;
  const double low = as_double((*value)[0]);
  const double high = as_double((*value)[1]);
  if (low > high) {
    error(at, fmt::format("lo {} is above hi {}", number_text(low), number_text(high)));
  }
}

void Checker::forbidden(const Json& parent, const std::string& path, std::string_view key,
                        std::string_view reason) {
  if (parent.is_object() && parent.contains(key)) error(child_path(path, key), std::string(reason));
}

ItemReporter::~ItemReporter() {
  if (count_ > kMaxListed) {
    checker_.error(array_path_,
                   fmt::format("{} more invalid items not listed", count_ - kMaxListed));
  }
}

void ItemReporter::error(std::string item_path, std::string message) {
  if (++count_ <= kMaxListed) checker_.error(item_path, std::move(message));
}

}  // namespace tinyperf::submission::detail

namespace tinyperf::submission::detail {

std::optional<double> quiet_number(const Json& parent, std::string_view key, Range range) {
  if (!parent.is_object()) return std::nullopt;
  const auto it = parent.find(key);
  if (it == parent.end() || number_problem(*it, range)) return std::nullopt;
  return as_double(*it);
}

}  // namespace tinyperf::submission::detail
