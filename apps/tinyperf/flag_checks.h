// Checks of flag values that several commands share (flag_checks.cc).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace tinyperf::cli {

// A relative quantity (--noise, --alpha, --run-spread): a finite number in [lo, hi] (open at an
// end where `lo_open` / `hi_open`), written as a fraction ("0.05") or a percentage ("5%", turned
// into 0.05 before the flag is stored). A number above `hi` that would fit as a percentage gets
// the likely meaning in its message: `--noise 5` "... got 5; for 5 % write 0.05 or 5%". It
// rewrites the value, so it is given to CLI11 with ->transform(), not ->check().
CLI::Validator fraction_check(double lo, double hi, bool lo_open = false, bool hi_open = false);

}  // namespace tinyperf::cli
