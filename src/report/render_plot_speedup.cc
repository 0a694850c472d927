// Speedup over the baseline with bootstrap 95 % intervals, coloured and labelled by verdict.
#include <algorithm>
#include <set>

#include <fmt/core.h>

#include "render_format.h"
#include "render_plots.h"
#include "svg_axis.h"

namespace tinyperf::report::detail {
namespace {

constexpr double kRowHeight = 46.0;
constexpr double kLegendHeight = 34.0;
constexpr double kAxisSpace = 64.0;
constexpr double kRight = 150.0;  // room for "2.21x inconclusive" right of the largest bar
constexpr double kPointRadius = 6.0;

std::vector<std::size_t> rows_of(const ReportView& view) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 1; i < view.variants.size(); ++i) {
    if (view.variants[i].versus && view.variants[i].versus->speedup) rows.push_back(i);
  }
  return rows;
}

double upper_end(const VersusBaseline& vs) {
  return vs.speedup_ci95 ? std::max(vs.speedup_ci95->hi, *vs.speedup) : *vs.speedup;
}

void legend(svg::Writer& w, const ReportView& view, const std::vector<std::size_t>& rows,
            double left) {
  std::vector<std::string_view> keys;
  for (const std::size_t i : rows) {
    const auto key = verdict_key(view.variants[i]);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  double x = left;
  for (const auto key : keys) {
    const std::string word = key == "none"        ? "no verdict (no raw samples)"
                             : key == "no_change" ? "no change"
                                                  : std::string(key);
    w.rect(x, 10, 14, 14, fmt::format("swatch v-{}", key));
    w.text(x + 20, 22, word, "legend");
    x += 20 + svg::text_width(word, 13.0) + 28;
  }
  w.line(x, 17, x + 22, 17, "reference");
  w.text(x + 28, 22, fmt::format("1.0 = {}", plot::short_name(view.variants.front())), "legend");
}

// An error bar is drawn only when it is wider than the point (else its caps would stick out of
// the point like a glyph); the row's label gives the interval either way.
void draw_row(svg::Writer& w, const VariantView& v, const svg::Scale& x, double y) {
  const VersusBaseline& vs = *v.versus;
  w.open_group(fmt::format("speedup v-{}", verdict_key(v)));
  double right = x(*vs.speedup) + kPointRadius;
  if (vs.speedup_ci95 && x(vs.speedup_ci95->hi) - x(vs.speedup_ci95->lo) > 2 * kPointRadius + 4) {
    const double lo = x(vs.speedup_ci95->lo), hi = x(vs.speedup_ci95->hi);
    w.line(lo, y, hi, y, "errbar");
    w.line(lo, y - 8, lo, y + 8, "errbar");
    w.line(hi, y - 8, hi, y + 8, "errbar");
    right = std::max(right, hi);
  }
  w.circle(x(*vs.speedup), y, kPointRadius, "point");
  const std::string word = verdict_text(v) == "-" ? "no verdict" : verdict_text(v);
  w.text(right + 10, y + 5, fmt::format("{} {}", speedup_text(*vs.speedup), word), "value-label");
  w.close_group();
}

}  // namespace

std::string speedup_plot(const ReportView& view) {
  const std::vector<std::size_t> rows = rows_of(view);
  if (rows.empty()) return "";
  std::vector<std::string> names, subs;
  double hi = 1.0;
  for (const std::size_t i : rows) {
    names.push_back(plot::short_name(view.variants[i]));
    subs.push_back(speedup_ci_text(*view.variants[i].versus));
    hi = std::max(hi, upper_end(*view.variants[i].versus));
  }
  const double left = plot::name_column(names, subs);
  const double top = kLegendHeight + 8;
  const svg::Frame frame{left, top, plot::kWidth - kRight,
                         top + kRowHeight * static_cast<double>(rows.size())};
  svg::Writer w(plot::kWidth, frame.bottom + kAxisSpace, "plot-speedup",
                "Speedup over the baseline with 95% confidence intervals");
  legend(w, view, rows, left);
  const std::vector<double> ticks = svg::nice_ticks(0.0, hi * 1.02);
  const svg::Scale x{ticks.front(), ticks.back(), frame.left, frame.right, false};
  svg::x_axis(w, x, ticks, frame,
              fmt::format("speedup over {} (\xC3\x97, higher is faster)",
                          plot::short_name(view.variants.front())));
  w.line(x(1.0), frame.top - 4, x(1.0), frame.bottom, "reference");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = top + kRowHeight * (static_cast<double>(r) + 0.5);
    plot::row_label(w, frame.left - 12, y, names[r], subs[r]);
    draw_row(w, view.variants[rows[r]], x, y);
  }
  return w.finish();
}

}  // namespace tinyperf::report::detail
