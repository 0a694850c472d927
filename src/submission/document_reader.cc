#include "document_reader.h"

#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::submission::detail {
namespace {

// 2^64: the first double a std::uint64_t cannot hold.
constexpr double kTwoTo64 = 18446744073709551616.0;

[[noreturn]] void fail_at(const std::string& path, const std::string& message) {
  throw InputError(fmt::format("{}: {}", path, message));
}

// `value` as a count, or InputError at `path`.
std::uint64_t count_at(const Json& value, const std::string& path, Range range) {
  if (auto problem = integer_problem(value, range)) fail_at(path, *problem);
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer()) return static_cast<std::uint64_t>(value.get<std::int64_t>());
  const double x = value.get<double>();
  if (!(x < kTwoTo64)) fail_at(path, fmt::format("{} is not below 2^64", number_text(x)));
  return static_cast<std::uint64_t>(x);
}

double number_at(const Json& value, const std::string& path, Range range) {
  if (auto problem = number_problem(value, range)) fail_at(path, *problem);
  return value.get<double>();
}

// The member `key` of `r` as an array, each item read by `read(item, item_path)`; empty when
// absent or null.
template <class T, class Read>
std::optional<std::vector<T>> array_at(const ObjectReader& r, std::string_view key, Read read) {
  const Json* items = r.find(key);
  if (items == nullptr) return std::nullopt;
  if (!items->is_array()) r.fail(key, type_problem(*items, "an array"));
  std::vector<T> out;
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    out.push_back(read((*items)[i], index_path(r.path_of(key), i)));
  }
  return out;
}

}  // namespace

ObjectReader::ObjectReader(const Json& object, std::string path)
    : object_(&object), path_(std::move(path)) {
  if (!object.is_object()) fail_at(path_, type_problem(object, "an object"));
}

const Json* ObjectReader::find(std::string_view key) const {
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

Json ObjectReader::raw(std::string_view key) const {
  const auto it = object_->find(key);
  return it == object_->end() ? Json() : *it;
}

std::optional<ObjectReader> ObjectReader::object(std::string_view key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return ObjectReader(*value, path_of(key));
}

ObjectReader ObjectReader::required_object(std::string_view key) const {
  auto reader = object(key);
  if (!reader) fail(key, "required field is missing");
  return *reader;
}

std::optional<std::string> ObjectReader::string(std::string_view key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) fail(key, type_problem(*value, "a string"));
  return value->get<std::string>();
}

std::string ObjectReader::required_string(std::string_view key) const {
  auto text = string(key);
  if (!text) fail(key, "required field is missing");
  return *text;
}

std::optional<bool> ObjectReader::boolean(std::string_view key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) fail(key, type_problem(*value, "a boolean"));
  return value->get<bool>();
}

std::optional<double> ObjectReader::number(std::string_view key, Range range) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return number_at(*value, path_of(key), range);
}

std::optional<std::uint64_t> ObjectReader::count(std::string_view key, Range range) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return count_at(*value, path_of(key), range);
}

std::optional<std::vector<std::string>> ObjectReader::strings(std::string_view key) const {
  return array_at<std::string>(*this, key, [](const Json& item, const std::string& path) {
    if (!item.is_string()) fail_at(path, type_problem(item, "a string"));
    return item.get<std::string>();
  });
}

std::optional<std::vector<double>> ObjectReader::numbers(std::string_view key, Range range) const {
  return array_at<double>(*this, key, [range](const Json& item, const std::string& path) {
    return number_at(item, path, range);
  });
}

std::optional<std::vector<std::uint64_t>> ObjectReader::counts(std::string_view key,
                                                               Range range) const {
  return array_at<std::uint64_t>(*this, key, [range](const Json& item, const std::string& path) {
    return count_at(item, path, range);
  });
}

std::optional<stats::Interval> ObjectReader::interval(std::string_view key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array() || value->size() != 2) {
    const std::string shape =
        value->is_array() ? fmt::format("an array of {} items", value->size()) : describe(*value);
    fail(key, "expected [lo, hi], got " + shape);
  }
  const std::string at = path_of(key);
  return stats::Interval{number_at((*value)[0], index_path(at, 0), Range::kAny),
                         number_at((*value)[1], index_path(at, 1), Range::kAny)};
}

std::optional<std::size_t> ObjectReader::one_of(
    std::string_view key, std::initializer_list<std::string_view> allowed) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  std::string names;
  std::size_t index = 0;
  for (const auto name : allowed) {
    if (value->is_string() && value->get_ref<const std::string&>() == name) return index;
    names += (names.empty() ? "" : ", ") + quote_text(name);
    ++index;
  }
  fail(key, type_problem(*value, "one of " + names));
}

Json ObjectReader::unknown_members(std::initializer_list<std::string_view> known) const {
  Json out = Json::object();
  for (const auto& [key, value] : object_->items()) {
    bool listed = false;
    for (const auto name : known) listed = listed || name == key;
    if (!listed) out[key] = value;
  }
  return out;
}

void ObjectReader::fail(std::string_view key, const std::string& message) const {
  fail_at(path_of(key), message);
}

}  // namespace tinyperf::submission::detail
