// Scales, tick positions and axes for the report's SVG plots. Private to the report module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "svg.h"

namespace tinyperf::report::svg {

// Maps data values in [lo, hi] to pixels in [px_lo, px_hi] (px_hi < px_lo for a y axis, which
// grows upwards). A log scale needs 0 < lo < hi.
struct Scale {
  double lo = 0.0;
  double hi = 1.0;
  double px_lo = 0.0;
  double px_hi = 1.0;
  bool log = false;
  double operator()(double value) const;
};

// "Nice" ticks covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about `target` of
// them. Widens [lo, hi] outwards to the first and last tick (returned as front() and back()).
// Requires finite lo <= hi; lo == hi yields ticks around the value.
std::vector<double> nice_ticks(double lo, double hi, int target = 6);

// Ticks for a log axis over [lo, hi] (0 < lo < hi): 1, 2 and 5 times each power of ten inside the
// range (1, 2, 3, 5 when it spans at most 2.5 decades; 1, 1.5, 2, 3, 4, 5, 6, 8 within 1.3
// decades); the ends are widened to the surrounding ticks.
std::vector<double> log_ticks(double lo, double hi);

// Tick text: as many decimals as the step between ticks needs ("0.5", "10", "87.6").
std::string tick_label(double value, double step);

// Plot area in viewBox pixels.
struct Frame {
  double left = 0.0;
  double top = 0.0;
  double right = 0.0;
  double bottom = 0.0;
};

// Draws vertical grid lines at `ticks`, the x axis line at frame.bottom, tick labels below it and
// `label` (e.g. "median latency (µs)") centred under the labels.
void x_axis(Writer& w, const Scale& x, const std::vector<double>& ticks, const Frame& frame,
            std::string_view label);

// The same for a y axis at frame.left, with `label` written vertically.
void y_axis(Writer& w, const Scale& y, const std::vector<double>& ticks, const Frame& frame,
            std::string_view label);

}  // namespace tinyperf::report::svg
