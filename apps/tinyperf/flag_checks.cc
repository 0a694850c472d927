#include "flag_checks.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include <fmt/core.h>

namespace tinyperf::cli {

CLI::Validator fraction_check(double lo, double hi, bool lo_open, bool hi_open) {
  const std::string range =
      fmt::format("{}{}, {}{}", lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]");
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        std::string number = text;
        const bool percent = !number.empty() && number.back() == '%';
        if (percent) number.pop_back();
        double value = 0.0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) {
          return fmt::format(
              "must be a number in {} (a fraction, or a percentage like 5%), got "
              "\"{}\"",
              range, text);
        }
        if (percent) value /= 100.0;
        const bool above_lo = lo_open ? value > lo : value >= lo;
        const bool below_hi = hi_open ? value < hi : value <= hi;
        if (above_lo && below_hi) {
          if (percent) text = fmt::format("{}", value);  // what the option then parses
          return "";
        }
        const double as_percent = value / 100.0;
        if (!percent && value > 1.0 && as_percent >= lo && as_percent <= hi) {
          return fmt::format("must be a fraction in {}, got {}; for {} % write {:g} or {}%", range,
                             text, text, as_percent, text);
        }
        return fmt::format("must be in {}, got {}", range, text);
      },
      "FRACTION");
}

}  // namespace tinyperf::cli
