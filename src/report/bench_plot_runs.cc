// The bench page's plot: each model's run medians, one dot per worker process, as deviations
// from the model's median over runs.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "bench_format.h"
#include "render_plots.h"
#include "svg_axis.h"
#include "tinyperf/core/text.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::report::detail {
namespace {

constexpr double kRowHeight = 56.0;
constexpr double kTop = 16.0;
constexpr double kAxisSpace = 64.0;
constexpr double kRight = 24.0;
constexpr double kDotRadius = 4.5;
constexpr double kMinHalfRange = 1.0;  // % : the axis spans at least -1 % to +1 %

// Each run's median as a deviation from the model's median over runs, in %. The document's
// median, else (a document without it) the median of the run medians computed here.
std::vector<double> deviations_of(const BenchModelView& m) {
  std::vector<double> medians;
  for (const auto& run : m.runs) {
    if (run.median_ms) medians.push_back(*run.median_ms);
  }
  if (medians.empty()) return {};
  const double center =
      m.model->latency_ms.median > 0 ? m.model->latency_ms.median : stats::median(medians);
  for (double& x : medians) x = (x / center - 1.0) * 100.0;
  return medians;
}

std::string sub_line(const BenchView& view, const BenchModelView& m) {
  return fmt::format("median {} \xC2\xB7 spread {}",
                     bench_latency_unit(view, m.model->latency_ms.median),
                     spread_text(m.model->latency_ms.between_run_cv));
}

void draw_row(svg::Writer& w, const std::vector<double>& deviations, const svg::Scale& x,
              double y) {
  if (deviations.empty()) {
    w.text(x(0.0) + 8, y + 5, "no latency samples", "missing");
    return;
  }
  const auto [lo, hi] = std::minmax_element(deviations.begin(), deviations.end());
  w.line(x(*lo), y, x(*hi), y, "range");
  for (std::size_t i = 0; i < deviations.size(); ++i) {
    const double jitter = (static_cast<double>(i % 5) - 2.0) * 5.0;  // deterministic spread
    w.circle(x(deviations[i]), y + jitter, kDotRadius, "run-dot");
  }
}

}  // namespace

std::string runs_plot(const BenchView& view) {
  std::vector<std::vector<double>> rows;
  double half = kMinHalfRange;
  for (const auto& m : view.models) {
    rows.push_back(deviations_of(m));
    for (const double d : rows.back()) half = std::max(half, std::abs(d) * 1.1);
  }
  if (std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.empty(); })) return "";
  std::vector<std::string> names, subs;
  for (const auto& m : view.models) {
    names.push_back(shorten(m.model->name, plot::kMaxNameChars));
    subs.push_back(sub_line(view, m));
  }
  const std::vector<double> ticks = svg::nice_ticks(-half, half);
  const double left = plot::name_column(names, subs);
  const svg::Frame frame{left, kTop, plot::kWidth - kRight,
                         kTop + kRowHeight * static_cast<double>(view.models.size())};
  svg::Writer w(plot::kWidth, frame.bottom + kAxisSpace, "plot-runs",
                "Median batch-1 latency of each run, relative to its model's median");
  const svg::Scale x{ticks.front(), ticks.back(), frame.left, frame.right, false};
  svg::x_axis(w, x, ticks, frame, "run median against the model's median over runs (%)");
  w.line(x(0.0), frame.top - 4, x(0.0), frame.bottom, "reference");
  for (std::size_t i = 0; i < view.models.size(); ++i) {
    const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
    plot::row_label(w, frame.left - 12, y, names[i], subs[i]);
    w.open_group(i == 0 ? "model role-baseline" : "model role-candidate");
    draw_row(w, rows[i], x, y);
    w.close_group();
  }
  return w.finish();
}

}  // namespace tinyperf::report::detail
