// Accuracy against median latency, with the Pareto frontier as a step line.
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/core.h>

#include "render_format.h"
#include "render_plots.h"
#include "svg_axis.h"

namespace tinyperf::report::detail {
namespace {

constexpr double kHeight = 420.0;
constexpr double kLabelFontPx = 13.0;
constexpr svg::Frame kFrame{96.0, 44.0, plot::kWidth - 30.0, kHeight - 64.0};

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  bool inside(const svg::Frame& f) const {
    return x0 >= f.left && x1 <= f.right && y0 >= f.top && y1 <= f.bottom;
  }
};

struct Dot {
  std::size_t index;  // into view.variants
  double x, y;        // pixels
  bool front;
};

bool is_front(const ReportView& view, std::size_t i) {
  return std::find(view.frontier.begin(), view.frontier.end(), i) != view.frontier.end();
}

// Where a label may sit around its dot: h = +1 right of it, -1 left, 0 centred; v = -1 above,
// 0 level with it, +1 below. Tried in this order.
struct Place {
  int h, v;
};
constexpr std::array<Place, 8> kPlaces = {
    {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {1, 1}, {-1, -1}, {-1, 1}}};

Box label_box(const Dot& d, double width, Place p) {
  const double h = kLabelFontPx + 2;
  const double gap = p.v == 0 ? 10 : 4;
  const double x0 = p.h > 0 ? d.x + gap : p.h < 0 ? d.x - gap - width : d.x - width / 2;
  const double y0 = p.v == 0 ? d.y - h / 2 : p.v < 0 ? d.y - 9 - h : d.y + 9;
  return {x0, y0, x0 + width, y0 + h};
}

struct Label {
  Box box;
  Place place;
};

// Places each label at the first of eight spots that stays inside the frame and overlaps no dot,
// no obstacle (the frontier's segments) and no label placed before it (the first spot when none is
// free). Frontier labels are bold: their width is estimated 10 % wider.
std::vector<Label> place_labels(const std::vector<Dot>& dots, const std::vector<std::string>& text,
                                const std::vector<Box>& obstacles) {
  std::vector<Label> placed;
  for (std::size_t i = 0; i < dots.size(); ++i) {
    const double width = svg::text_width(text[i], kLabelFontPx) * (dots[i].front ? 1.1 : 1.0);
    Label chosen{label_box(dots[i], width, kPlaces[0]), kPlaces[0]};
    for (const Place place : kPlaces) {
      const Box b = label_box(dots[i], width, place);
      bool free = b.inside(kFrame);
      for (const Label& p : placed) free = free && !b.overlaps(p.box);
      for (const Box& o : obstacles) free = free && !b.overlaps(o);
      for (const Dot& d : dots) free = free && !b.overlaps({d.x - 7, d.y - 7, d.x + 7, d.y + 7});
      if (free) {
        chosen = {b, place};
        break;
      }
    }
    placed.push_back(chosen);
  }
  return placed;
}

// Writes a label anchored on the side facing its dot, so that a wider rendering than estimated
// grows away from the dot, never over it.
void write_label(svg::Writer& w, const Label& l, const std::string& text, bool front) {
  const double y = l.box.y1 - 4;
  const char* css = front ? "pt-label front" : "pt-label";
  if (l.place.h > 0) return w.text(l.box.x0, y, text, css, svg::Anchor::kStart);
  if (l.place.h < 0) return w.text(l.box.x1, y, text, css, svg::Anchor::kEnd);
  w.text((l.box.x0 + l.box.x1) / 2, y, text, css, svg::Anchor::kMiddle);
}

// The frontier's staircase: from each frontier point right to the next one's latency, then up to
// its accuracy; after the last point, right to the frame's edge.
std::vector<svg::Point> frontier_steps(std::vector<Dot> front, double right_edge) {
  std::sort(front.begin(), front.end(), [](const Dot& a, const Dot& b) { return a.x < b.x; });
  std::vector<svg::Point> steps;
  for (std::size_t i = 0; i < front.size(); ++i) {
    if (i > 0) steps.push_back({front[i].x, front[i - 1].y});
    steps.push_back({front[i].x, front[i].y});
  }
  if (!front.empty()) steps.push_back({right_edge, front.back().y});
  return steps;
}

std::vector<Box> segment_boxes(const std::vector<svg::Point>& steps) {
  std::vector<Box> out;
  for (std::size_t i = 1; i < steps.size(); ++i) {
    const auto [a, b] = std::minmax(steps[i - 1].x, steps[i].x);
    const auto [c, d] = std::minmax(steps[i - 1].y, steps[i].y);
    out.push_back({a - 2, c - 2, b + 2, d + 2});
  }
  return out;
}

void legend(svg::Writer& w) {
  const double y = 22;
  w.circle(kFrame.left + 6, y - 4, 6, "pt-front");
  w.text(kFrame.left + 18, y, "on the frontier", "legend");
  w.circle(kFrame.left + 150, y - 4, 5, "pt-dominated");
  w.text(kFrame.left + 162, y, "dominated", "legend");
  w.line(kFrame.left + 260, y - 4, kFrame.left + 290, y - 4, "frontier");
  w.text(kFrame.left + 298, y, "frontier (best accuracy reachable at each latency)", "legend");
}

}  // namespace

std::string pareto_plot(const ReportView& view) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < view.variants.size(); ++i) {
    if (view.variants[i].accuracy && view.variants[i].latency_ms) idx.push_back(i);
  }
  if (idx.empty()) return "";
  double x_lo = 1e300, x_hi = 0, y_lo = 1e300, y_hi = -1e300;
  for (const std::size_t i : idx) {
    const double lat = in_unit(view, *view.variants[i].latency_ms);
    const double acc = *view.variants[i].accuracy * 100.0;
    x_lo = std::min(x_lo, lat), x_hi = std::max(x_hi, lat);
    y_lo = std::min(y_lo, acc), y_hi = std::max(y_hi, acc);
  }
  const double x_pad = std::max((x_hi - x_lo) * 0.12, x_hi * 0.05);
  const double y_pad = std::max((y_hi - y_lo) * 0.15, 0.05);
  const auto xt = svg::nice_ticks(std::max(0.0, x_lo - x_pad), x_hi + x_pad, 8);
  const auto yt = svg::nice_ticks(std::max(0.0, y_lo - y_pad), std::min(100.0, y_hi + y_pad), 6);
  const svg::Scale x{xt.front(), xt.back(), kFrame.left, kFrame.right, false};
  const svg::Scale y{yt.front(), yt.back(), kFrame.bottom, kFrame.top, false};
  svg::Writer w(plot::kWidth, kHeight, "plot-pareto", "Accuracy against median latency");
  legend(w);
  svg::x_axis(w, x, xt, kFrame,
              fmt::format("median latency ({}), lower is better", view.unit.name));
  svg::y_axis(w, y, yt, kFrame, "accuracy (%), higher is better");
  std::vector<Dot> dots, front;
  std::vector<std::string> labels;
  for (const std::size_t i : idx) {
    const auto& v = view.variants[i];
    dots.push_back({i, x(in_unit(view, *v.latency_ms)), y(*v.accuracy * 100.0), is_front(view, i)});
    if (dots.back().front) front.push_back(dots.back());
    labels.push_back(v.role == Role::kBaseline ? plot::short_name(v) + " (baseline)"
                                               : plot::short_name(v));
  }
  const std::vector<svg::Point> steps = frontier_steps(front, kFrame.right);
  w.polyline(steps, "frontier");
  const std::vector<Label> placed = place_labels(dots, labels, segment_boxes(steps));
  for (std::size_t k = 0; k < dots.size(); ++k) {
    w.circle(dots[k].x, dots[k].y, dots[k].front ? 6 : 5,
             dots[k].front ? "pt-front" : "pt-dominated");
    write_label(w, placed[k], labels[k], dots[k].front);
  }
  return w.finish();
}

}  // namespace tinyperf::report::detail
