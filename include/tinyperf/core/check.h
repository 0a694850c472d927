// TP_CHECK(cond) aborts with file:line and the failed condition when an invariant does not hold.
// It is for bugs only, never for bad input (throw InputError for that). Active in every build type.
#pragma once

namespace tinyperf::detail {
[[noreturn]] void check_failed(const char* condition, const char* file, int line);
}  // namespace tinyperf::detail

#define TP_CHECK(cond)                                                        \
  do {                                                                        \
    if (!(cond)) ::tinyperf::detail::check_failed(#cond, __FILE__, __LINE__); \
  } while (false)
