// Private to the report module: the building blocks of validate_submission. A Checker walks a
// document, checks one field at a time against a rule written in C++ (required, type, range), and
// collects every error with its JSON path. The rules mirror the schema files in schema/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/text.h"

#include "tinyperf/submission/validate.h"

namespace tinyperf::submission::detail {

using Json = nlohmann::json;

// "$.a" + "b" = "$.a.b"; keys that are not plain identifiers are written $.a["b c"], escaped.
std::string child_path(const std::string& path, std::string_view key);
// "$.a" + 3 = "$.a[3]".
std::string index_path(const std::string& path, std::size_t index);

// A value as messages show it: numbers in shortest form (NaN and inf spelled out), strings quoted,
// escaped and cut short, other types by name ("boolean true", "an object", "null").
std::string describe(const Json& value);
// A number as messages show it: shortest round-trip form.
std::string number_text(double value);
// quote_text (core/text.h): `text` quoted, non-printable bytes escaped, cut after 40 bytes.

// The range a number must lie in.
enum class Range {
  kAny,             // finite
  kPositive,        // > 0
  kNonNegative,     // >= 0
  kFraction,        // [0, 1]
  kSignedFraction,  // [-1, 1]
};

// |stated - recomputed| <= kValidationAbsTol + kValidationRelTol * |recomputed|.
bool close_enough(double stated, double recomputed);

// The value of a JSON number as a double (callers check is_number() first).
double as_double(const Json& value);

class Checker {
 public:
  // Records one error.
  void error(const std::string& path, std::string message);

  // The member `key` of `parent` (an object), or nullptr when absent; records "required field is
  // missing" when it is absent and `required`.
  const Json* member(const Json& parent, const std::string& path, std::string_view key,
                     bool required);

  // member() plus a type check; nullptr (with an error recorded) when present with another type.
  const Json* object(const Json& parent, const std::string& path, std::string_view key,
                     bool required);
  const Json* array(const Json& parent, const std::string& path, std::string_view key,
                    bool required);
  const std::string* string(const Json& parent, const std::string& path, std::string_view key,
                            bool required);
  std::optional<bool> boolean(const Json& parent, const std::string& path, std::string_view key,
                              bool required);

  // A finite JSON number (never a boolean or string) within `range`; the value when it passes.
  std::optional<double> number(const Json& parent, const std::string& path, std::string_view key,
                               bool required, Range range = Range::kAny);
  // A JSON number with no fractional part (JSON Schema's "integer": 3.0 counts) within `range`
  // (kPositive or kNonNegative).
  std::optional<double> integer(const Json& parent, const std::string& path, std::string_view key,
                                bool required, Range range);
  // The string `expected` exactly.
  void constant(const Json& parent, const std::string& path, std::string_view key,
                std::string_view expected, bool required = true);
  // A string equal to one of `allowed`.
  void one_of(const Json& parent, const std::string& path, std::string_view key,
              const std::vector<std::string_view>& allowed, bool required);
  // An array of strings, each accepted by `item_ok` (when given) else reported with `item_rule`.
  void string_array(const Json& parent, const std::string& path, std::string_view key,
                    bool required, bool (*item_ok)(std::string_view) = nullptr,
                    std::string_view item_rule = {});
  // [lo, hi]: two finite numbers with lo <= hi (null allowed when `nullable`).
  void interval(const Json& parent, const std::string& path, std::string_view key, bool required,
                bool nullable = false);
  // Records an error when `parent` has `key` (rules that forbid a key).
  void forbidden(const Json& parent, const std::string& path, std::string_view key,
                 std::string_view reason);

  // The errors recorded, plus one "$: N more errors not listed" when more than kMaxErrors were
  // found (a hostile document cannot grow the list without bound).
  std::vector<ValidationError> take();

 private:
  // member() of JSON type `type` ("a string": `what`); records the mismatch, then nullptr.
  const Json* typed(const Json& parent, const std::string& path, std::string_view key,
                    bool required, Json::value_t type, std::string_view what);
  // member() checked by `rule` (number_problem or integer_problem); its value as a double.
  using NumericRule = std::optional<std::string> (*)(const Json&, Range);
  std::optional<double> numeric(const Json& parent, const std::string& path, std::string_view key,
                                bool required, Range range, NumericRule rule);
  static constexpr std::size_t kMaxErrors = 1000;
  std::vector<ValidationError> errors_;
  std::size_t suppressed_ = 0;
};

// Reports the bad items of one array (or members of one map-like object): the first kMaxListed
// with their own path, then one error on the container saying how many more there were.
class ItemReporter {
 public:
  ItemReporter(Checker& checker, std::string array_path)
      : checker_(checker), array_path_(std::move(array_path)) {}
  ItemReporter(const ItemReporter&) = delete;
  ItemReporter& operator=(const ItemReporter&) = delete;
  ~ItemReporter();

  // `item_path` is the item's own path (index_path or child_path of the array's path).
  void error(std::string item_path, std::string message);

 private:
  static constexpr std::size_t kMaxListed = 5;
  Checker& checker_;
  std::string array_path_;
  std::size_t count_ = 0;
};

// What is wrong with `value` as a finite number in `range`, or nothing.
std::optional<std::string> number_problem(const Json& value, Range range);
// What is wrong with `value` as an integer within `range`, or nothing.
std::optional<std::string> integer_problem(const Json& value, Range range);
// "expected a string, got boolean true".
std::string type_problem(const Json& value, std::string_view expected);

}  // namespace tinyperf::submission::detail
