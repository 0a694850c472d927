// A setting that takes one of a fixed set of names ("minmax" / "percentile", "sgd" / "adam"): the
// table of names and values is written once, and both reading a name and naming a value use it.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "tinyperf/core/check.h"

namespace tinyperf {

// One allowed name of a setting and the value it stands for.
template <class T>
struct Choice {
  std::string_view name;
  T value;
};

namespace detail {
// Throws InputError "<field>: "<name>" is not a, b or c" (`names` in order, `name` quoted as
// quote_text does) whose field() is `field`.
[[noreturn]] void throw_unknown_choice(std::string_view field, std::string_view name,
                                       std::span<const std::string_view> names);
}  // namespace detail

// The value of the choice called `name` (exact, case-sensitive match). When there is none, throws
// InputError about the settings field `field` (its field()), naming it and listing the allowed
// names in table order.
template <class T, std::size_t N>
T parse_choice(const std::array<Choice<T>, N>& choices, std::string_view name,
               std::string_view field) {
  std::array<std::string_view, N> names;
  for (std::size_t i = 0; i < N; ++i) {
    if (choices[i].name == name) return choices[i].value;
    names[i] = choices[i].name;
  }
  detail::throw_unknown_choice(field, name, names);
}

// The name of `value` in `choices`; every value of the setting must be in the table (TP_CHECK).
template <class T, std::size_t N>
std::string_view choice_name(const std::array<Choice<T>, N>& choices, T value) {
  for (const Choice<T>& c : choices) {
    if (c.value == value) return c.name;
  }
  TP_CHECK(false && "a value missing from its choice table");
  return {};
}

}  // namespace tinyperf
