// The HTML report's plots, each one <svg> element with a stable id (also in data-plot) so tests
// and readers can find it. Every string from the document is escaped by svg::Writer. Private to
// the report module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "render_model.h"
#include "svg.h"

namespace tinyperf::report::detail {

// The x axis of latency_plot, in the view's unit. It covers every run, unless some lie far beyond
// the 99th percentiles (a run preempted for 10 ms among runs of 10 µs would squeeze every box into
// a corner): then it ends at kLatencyClip × the largest 99th percentile, and the runs beyond are
// counted at its right end instead of drawn.
inline constexpr double kLatencyClip = 3.0;
struct LatencyAxis {
  double lo = 1.0;           // smallest run (or stated latency)
  double hi = 1.0;           // largest value drawn
  bool log = false;          // log scale when hi / lo > 3
  bool clipped = false;      // some runs lie beyond hi
  double slowest = 0.0;      // the slowest run of all, in the view's unit
  std::string slowest_name;  // whose it is
};
LatencyAxis latency_axis(const ReportView& view);

// Horizontal box plots of each variant's raw latency samples (id "plot-latency"): box p25-p75,
// whiskers p1-p99, median line, shaded 95 % interval of the median, dots for runs outside the
// whiskers ("+N ›" at the right end for runs beyond a clipped axis). Variants without samples
// show their stated latency as a diamond.
std::string latency_plot(const ReportView& view);

// Speedup over the baseline with 95 % interval error bars, a reference line at 1.0 and a colour
// and a word per verdict (id "plot-speedup"). "" when no variant has a speedup.
std::string speedup_plot(const ReportView& view);

// Accuracy (%) against median latency with every variant labelled, the frontier as a step line
// and its points emphasised (id "plot-pareto"). "" when fewer than one variant has both values.
std::string pareto_plot(const ReportView& view);

// Horizontal bars of model_size_mb (id "plot-size") and peak_memory_mb (id "plot-memory"), in
// MiB. "" when no variant has the value.
std::string size_plot(const ReportView& view);
std::string memory_plot(const ReportView& view);

// Shared layout of the row plots (private to the plot files).
namespace plot {

inline constexpr double kWidth = 900.0;      // viewBox width of every plot
inline constexpr double kNameFontPx = 14.0;  // row names
inline constexpr double kSubFontPx = 12.5;   // the grey line under a row name
inline constexpr std::size_t kMaxNameChars = 28;

// A variant's name as plots show it (cut to kMaxNameChars).
std::string short_name(const VariantView& v);
// Width of the left column that holds the names of `rows` (plus a grey `sub` line each).
double name_column(const std::vector<std::string>& names, const std::vector<std::string>& subs);
// Writes a row's name (and `sub` under it, grey) right-aligned at x_right, centred on y.
void row_label(svg::Writer& w, double x_right, double y, std::string_view name,
               std::string_view sub);

}  // namespace plot
}  // namespace tinyperf::report::detail
