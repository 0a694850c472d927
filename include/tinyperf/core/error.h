// Errors. Recoverable failures (bad input, I/O, unsupported requests) throw one of the classes
// below, all rooted at tinyperf::Error; their messages name the file, field or flag at fault so
// that the CLI can print them as they are. Broken invariants (bugs) are not errors: TP_CHECK aborts
// with file:line instead (check.h).
#pragma once

#include <stdexcept>
#include <string>

namespace tinyperf {

// Root of every exception tinyperf throws on purpose.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// The input is wrong: malformed file, out-of-range value, NaN in a sample, unknown format.
// The CLI maps it to exit code 2.
class InputError : public Error {
 public:
  using Error::Error;
};

// A file could not be opened, read or written. The CLI maps it to exit code 2.
class IoError : public Error {
 public:
  using Error::Error;
};

// The request is well formed but this build or machine cannot do it (e.g. no RAPL counters when
// energy was required). The CLI maps it to exit code 2.
class UnsupportedError : public Error {
 public:
  using Error::Error;
};

}  // namespace tinyperf
