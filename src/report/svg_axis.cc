#include "svg_axis.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/check.h"

namespace tinyperf::report::svg {
namespace {

constexpr double kTickFontPx = 13.0;

// The 1-2-5 step nearest to `raw`.
double nice_step(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / power;
  const double step = f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0;
  return step * power;
}

double tick_step(const std::vector<double>& ticks) {
  return ticks.size() >= 2 ? ticks[1] - ticks[0] : 1.0;
}

}  // namespace

double Scale::operator()(double value) const {
  const double t = log ? (std::log(value) - std::log(lo)) / (std::log(hi) - std::log(lo))
                       : (value - lo) / (hi - lo);
  return px_lo + t * (px_hi - px_lo);
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  TP_CHECK(std::isfinite(lo) && std::isfinite(hi) && lo <= hi && target >= 2);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = lo == 0.0 ? 1.0 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step((hi - lo) / (target - 1));
  const double first = std::floor(lo / step + 1e-9) * step;
  const double last = std::ceil(hi / step - 1e-9) * step;
  std::vector<double> ticks;
  for (double t = first; t <= last + step * 0.5; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

std::vector<double> log_ticks(double lo, double hi) {
  TP_CHECK(lo > 0.0 && hi > lo && std::isfinite(hi));
  // Denser mantissas when the range spans few decades, so the axis keeps about 5-10 ticks.
  const double decades = std::log10(hi / lo);
  const std::vector<double> mantissas = decades <= 1.3
                                            ? std::vector{1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0}
                                        : decades <= 2.5 ? std::vector{1.0, 2.0, 3.0, 5.0}
                                                         : std::vector{1.0, 2.0, 5.0};
  std::vector<double> all;
  for (int e = static_cast<int>(std::floor(std::log10(lo))) - 1;
       e <= static_cast<int>(std::ceil(std::log10(hi))); ++e) {
    for (const double m : mantissas) all.push_back(m * std::pow(10.0, e));
  }
  std::vector<double> ticks;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const bool below = i + 1 < all.size() && all[i + 1] <= lo * (1 + 1e-12);
    const bool above = i > 0 && all[i - 1] >= hi * (1 - 1e-12);
    if (!below && !above) ticks.push_back(all[i]);
  }
  return ticks;
}

std::string tick_label(double value, double step) {
  const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
  return fmt::format("{:.{}f}", value, decimals);
}

void x_axis(Writer& w, const Scale& x, const std::vector<double>& ticks, const Frame& frame,
            std::string_view label) {
  const double step = tick_step(ticks);
  for (const double t : ticks) {
    const double px = x(t);
    w.line(px, frame.top, px, frame.bottom, "grid");
    w.line(px, frame.bottom, px, frame.bottom + 5, "tick");
    w.text(px, frame.bottom + 8 + kTickFontPx, x.log ? fmt::format("{:g}", t) : tick_label(t, step),
           "tick-label", Anchor::kMiddle);
  }
  w.line(frame.left, frame.bottom, frame.right, frame.bottom, "axis");
  w.text((frame.left + frame.right) / 2, frame.bottom + 20 + 2 * kTickFontPx, label, "axis-label",
         Anchor::kMiddle);
}

void y_axis(Writer& w, const Scale& y, const std::vector<double>& ticks, const Frame& frame,
            std::string_view label) {
  const double step = tick_step(ticks);
  double widest = 0.0;
  for (const double t : ticks) {
    const double py = y(t);
    const std::string text = y.log ? fmt::format("{:g}", t) : tick_label(t, step);
    widest = std::max(widest, text_width(text, kTickFontPx));
    w.line(frame.left, py, frame.right, py, "grid");
    w.line(frame.left - 5, py, frame.left, py, "tick");
    w.text(frame.left - 8, py + kTickFontPx * 0.35, text, "tick-label", Anchor::kEnd);
  }
  w.line(frame.left, frame.top, frame.left, frame.bottom, "axis");
  const double lx = frame.left - 16 - widest;
  w.text(lx, (frame.top + frame.bottom) / 2, label, "axis-label", Anchor::kMiddle, -90.0);
}

}  // namespace tinyperf::report::svg
