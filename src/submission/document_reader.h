// Private to the submission module: reading one JSON object of a submission into typed values,
// with InputError naming the JSON path of the first value of the wrong type or out of range.
// Absent members and null read as empty. Messages use the validator's wording (validate_checker.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tinyperf/stats/summary.h"
#include "validate_checker.h"

namespace tinyperf::submission::detail {

class ObjectReader {
 public:
  // `object` must outlive the reader. Throws InputError "<path>: expected an object, got ..."
  // unless it is an object.
  ObjectReader(const Json& object, std::string path);

  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return child_path(path_, key); }

  // Whether the member is there (null included).
  bool contains(std::string_view key) const { return object_->contains(key); }
  // The member, or nullptr when absent or null.
  const Json* find(std::string_view key) const;
  // The member as it is (null when absent).
  Json raw(std::string_view key) const;
  // A reader of the member, which must be an object; empty when absent or null.
  std::optional<ObjectReader> object(std::string_view key) const;
  // The member, which must be an object; "required field is missing" when absent or null.
  ObjectReader required_object(std::string_view key) const;

  std::optional<std::string> string(std::string_view key) const;
  // A string that must be there ("required field is missing").
  std::string required_string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  // A finite number within `range`.
  std::optional<double> number(std::string_view key, Range range) const;
  // An integer (3.0 counts) within `range` (kPositive or kNonNegative) and below 2^64.
  std::optional<std::uint64_t> count(std::string_view key, Range range) const;
  // Arrays of those; every item is checked, the first bad one named with its index.
  std::optional<std::vector<std::string>> strings(std::string_view key) const;
  std::optional<std::vector<double>> numbers(std::string_view key, Range range) const;
  std::optional<std::vector<std::uint64_t>> counts(std::string_view key, Range range) const;
  // [lo, hi], two finite numbers (the validator checks lo <= hi).
  std::optional<stats::Interval> interval(std::string_view key) const;
  // A string equal to one of `allowed`; returns its index there.
  std::optional<std::size_t> one_of(std::string_view key,
                                    std::initializer_list<std::string_view> allowed) const;

  // The members whose keys are not in `known`, as an object.
  Json unknown_members(std::initializer_list<std::string_view> known) const;

  // Throws InputError "<path>.<key>: <message>".
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

 private:
  const Json* object_;
  std::string path_;
};

}  // namespace tinyperf::submission::detail
