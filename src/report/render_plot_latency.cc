// Latency distributions: one horizontal box plot per variant.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/core.h>

#include "render_format.h"
#include "render_plots.h"
#include "svg_axis.h"

namespace tinyperf::report::detail {
namespace {

constexpr double kRowHeight = 52.0;
constexpr double kTop = 16.0;
constexpr double kAxisSpace = 64.0;  // below the rows: tick labels and the axis label
constexpr double kRight = 24.0;
constexpr double kRightClipped = 64.0;  // room for "+12 ›" right of a clipped axis

// What the axis must reach for one variant: its fastest run, its 99th percentile and its slowest
// run (the stated latency three times without samples). Empty without any latency.
struct Reach {
  double lo, p99, hi;
};
std::optional<Reach> reach_of(const VariantView& v) {
  if (v.box) return Reach{v.box->min, v.box->p99, v.box->max};
  if (v.latency_ms) return Reach{*v.latency_ms, *v.latency_ms, *v.latency_ms};
  return std::nullopt;
}

std::string sub_line(const ReportView& view, const VariantView& v) {
  if (!v.latency_ms) return "no latency in the file";
  const std::string median =
      fmt::format("median {} {}", latency_text(view, *v.latency_ms), view.unit.name);
  return v.box ? median : median + " (stated)";
}

// Draws the box of `b`; returns how many runs lie beyond the axis end `x_end` (not drawn).
std::size_t draw_box(svg::Writer& w, const ReportView& view, const LatencyBox& b,
                     const svg::Scale& x, double x_end, double y) {
  const auto px = [&](double ms) { return x(std::min(in_unit(view, ms), x_end)); };
  w.line(px(b.p1), y, px(b.p25), y, "whisker");
  w.line(px(b.p75), y, px(b.p99), y, "whisker");
  w.line(px(b.p1), y - 6, px(b.p1), y + 6, "whisker");
  w.line(px(b.p99), y - 6, px(b.p99), y + 6, "whisker");
  w.rect(px(b.p25), y - 10, px(b.p75) - px(b.p25), 20, "box");
  if (b.median_ci95) {
    w.rect(px(b.median_ci95->lo), y - 14,
           std::max(px(b.median_ci95->hi) - px(b.median_ci95->lo), 1.5), 28, "ci");
  }
  w.line(px(b.median), y - 14, px(b.median), y + 14, "median");
  std::size_t beyond = 0;
  for (std::size_t i = 0; i < b.outside.size(); ++i) {
    if (in_unit(view, b.outside[i]) > x_end) {
      ++beyond;
      continue;
    }
    const double jitter = (static_cast<double>(i % 5) - 2.0) * 3.0;  // deterministic spread
    w.circle(px(b.outside[i]), y + jitter, 2.2, "run");
  }
  return beyond;
}

void draw_stated(svg::Writer& w, const ReportView& view, double ms, const svg::Scale& x, double y) {
  const double cx = x(in_unit(view, ms));
  const std::vector<svg::Point> diamond = {
      {cx, y - 7}, {cx + 7, y}, {cx, y + 7}, {cx - 7, y}, {cx, y - 7}};
  w.polyline(diamond, "stated");
}

}  // namespace

LatencyAxis latency_axis(const ReportView& view) {
  LatencyAxis axis;
  double lo = std::numeric_limits<double>::infinity(), p99 = 0.0, hi = 0.0;
  for (const auto& v : view.variants) {
    const auto r = reach_of(v);
    if (!r) continue;
    lo = std::min(lo, r->lo);
    p99 = std::max(p99, r->p99);
    if (r->hi > hi) {
      hi = r->hi;
      axis.slowest_name = v.name;
    }
  }
  if (!std::isfinite(lo)) return axis;  // nothing to draw: a unit axis
  axis.lo = in_unit(view, lo);
  axis.slowest = in_unit(view, hi);
  axis.clipped = hi > kLatencyClip * p99;
  axis.hi = in_unit(view, axis.clipped ? kLatencyClip * p99 : hi);
  axis.log = axis.hi / axis.lo > 3.0;
  return axis;
}

std::string latency_plot(const ReportView& view) {
  std::vector<std::string> names, subs;
  for (const auto& v : view.variants) {
    names.push_back(plot::short_name(v));
    subs.push_back(sub_line(view, v));
  }
  const LatencyAxis axis = latency_axis(view);
  const double left = plot::name_column(names, subs);
  const double rows_h = kRowHeight * static_cast<double>(view.variants.size());
  const svg::Frame frame{left, kTop, plot::kWidth - (axis.clipped ? kRightClipped : kRight),
                         kTop + rows_h};
  svg::Writer w(plot::kWidth, frame.bottom + kAxisSpace, "plot-latency",
                "Latency distribution per variant");
  const std::vector<double> ticks =
      axis.log ? svg::log_ticks(axis.lo, axis.hi) : svg::nice_ticks(0.0, axis.hi * 1.05);
  const svg::Scale x{ticks.front(), ticks.back(), frame.left, frame.right, axis.log};
  svg::x_axis(
      w, x, ticks, frame,
      fmt::format("latency per inference ({}{})", view.unit.name, axis.log ? ", log scale" : ""));
  for (std::size_t i = 0; i < view.variants.size(); ++i) {
    const auto& v = view.variants[i];
    const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
    plot::row_label(w, frame.left - 12, y, names[i], subs[i]);
    w.open_group(fmt::format("variant role-{}", role_text(v.role)));
    std::size_t beyond = 0;
    if (v.box) {
      beyond = draw_box(w, view, *v.box, x, ticks.back(), y);
    } else if (v.latency_ms) {
      draw_stated(w, view, *v.latency_ms, x, y);
    }
    if (beyond > 0) {
      w.text(frame.right + 6, y + 5, fmt::format("+{} \xE2\x80\xBA", beyond), "overflow");
    }
    w.close_group();
  }
  return w.finish();
}

}  // namespace tinyperf::report::detail
