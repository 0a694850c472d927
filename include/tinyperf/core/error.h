// Errors. Recoverable failures (bad input, I/O, unsupported requests) throw one of the classes
// below, all rooted at tinyperf::Error; their messages name the file, JSON path or settings field
// at fault, never a command-line flag: the library does not know its front ends. An error about a
// setting also carries the field's name (field()), so a front end can name the setting its own way
// (the CLI prints the flag that sets it). Broken invariants (bugs) are not errors: TP_CHECK aborts
// with file:line instead (check.h).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace tinyperf {

// Root of every exception tinyperf throws on purpose.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  // An error about the settings field `field` (see field()).
  Error(const std::string& message, std::string field)
      : std::runtime_error(message), field_(std::move(field)) {}

  // The settings field at fault, spelled as its member in the options struct (e.g.
  // "max_duration_s" of loadgen::LoadgenSettings, "threads", "data"); "" when the error is not
  // about a setting. When it is set, the message names the field by exactly this word wherever it
  // refers to it, e.g. "loadgen setting max_duration_s (2 s) is below min_duration_s (5 s)".
  const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
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
