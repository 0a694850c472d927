#include "svg.h"
#include "tinyperf/core/choice.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/text.h"

namespace tinyperf::report::svg {
namespace {

constexpr std::array<Choice<Anchor>, 3> kAnchors{
    {{"start", Anchor::kStart}, {"middle", Anchor::kMiddle}, {"end", Anchor::kEnd}}};

std::string_view anchor_name(Anchor anchor) { return choice_name(kAnchors, anchor); }

std::string class_attr(std::string_view css_class) {
  return css_class.empty() ? std::string() : fmt::format(" class=\"{}\"", html_escape(css_class));
}

}  // namespace

std::string num(double value) {
  if (!std::isfinite(value)) return "0";
  const double rounded = std::round(value * 10.0) / 10.0;
  if (rounded == std::round(rounded)) return fmt::format("{:.0f}", rounded == 0.0 ? 0.0 : rounded);
  return fmt::format("{:.1f}", rounded);
}

double text_width(std::string_view text, double font_px) {
  return static_cast<double>(char_count(text)) * 0.6 * font_px;
}

Writer::Writer(double width, double height, std::string_view id, std::string_view title) {
  out_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{0}\" data-plot=\"{0}\" "
      "viewBox=\"0 0 {1} {2}\" role=\"img\" aria-labelledby=\"{0}-title\">"
      "<title id=\"{0}-title\">{3}</title>\n",
      html_escape(id), num(width), num(height), html_escape(title));
}

void Writer::line(double x1, double y1, double x2, double y2, std::string_view css_class) {
  out_ += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>\n", num(x1), num(y1),
                      num(x2), num(y2), class_attr(css_class));
}

void Writer::rect(double x, double y, double w, double h, std::string_view css_class) {
  out_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>\n", num(x), num(y),
                      num(std::max(w, 0.0)), num(std::max(h, 0.0)), class_attr(css_class));
}

void Writer::circle(double cx, double cy, double r, std::string_view css_class) {
  out_ += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>\n", num(cx), num(cy), num(r),
                      class_attr(css_class));
}

void Writer::polyline(std::span<const Point> points, std::string_view css_class) {
  std::string coords;
  for (const Point& p : points)
    coords += fmt::format("{}{},{}", coords.empty() ? "" : " ", num(p.x), num(p.y));
  out_ += fmt::format("<polyline points=\"{}\"{}/>\n", coords, class_attr(css_class));
}

void Writer::text(double x, double y, std::string_view content, std::string_view css_class,
                  Anchor anchor, double rotate_deg) {
  const std::string transform = rotate_deg == 0.0 ? std::string()
                                                  : fmt::format(" transform=\"rotate({} {} {})\"",
                                                                num(rotate_deg), num(x), num(y));
  out_ += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}{}>{}</text>\n", num(x), num(y),
                      anchor_name(anchor), transform, class_attr(css_class), html_escape(content));
}

void Writer::open_group(std::string_view css_class) {
  out_ += fmt::format("<g{}>\n", class_attr(css_class));
}

void Writer::close_group() { out_ += "</g>\n"; }

std::string Writer::finish() {
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace tinyperf::report::svg
