// A minimal SVG writer for the HTML report's plots (no plotting library is available). It writes
// elements with CSS classes (the page's inline <style> gives them their look), escapes every piece
// of text (html_escape, tinyperf/core/text.h), and formats coordinates compactly. Private to the
// report module.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tinyperf::report::svg {

// A coordinate or length with at most one decimal ("12.5", "300", "-4").
std::string num(double value);

// Estimated rendered width in px of `text` at `font_px` in the page's sans-serif font: an average
// glyph is taken as 0.6 em (wide enough for digits and most Latin lower case).
double text_width(std::string_view text, double font_px);

enum class Anchor { kStart, kMiddle, kEnd };

struct Point {
  double x = 0.0;
  double y = 0.0;
};

// Builds one <svg> element. Coordinates are in viewBox units (the plot scales with the page).
class Writer {
 public:
  // Opens <svg id=... viewBox="0 0 width height" role="img"> with a <title> (the accessible name).
  // `id` and `title` are escaped.
  Writer(double width, double height, std::string_view id, std::string_view title);

  void line(double x1, double y1, double x2, double y2, std::string_view css_class);
  void rect(double x, double y, double w, double h, std::string_view css_class);
  void circle(double cx, double cy, double r, std::string_view css_class);
  void polyline(std::span<const Point> points, std::string_view css_class);
  // `content` is escaped. `rotate_deg` turns the text around (x, y), e.g. -90 for a y-axis label.
  void text(double x, double y, std::string_view content, std::string_view css_class,
            Anchor anchor = Anchor::kStart, double rotate_deg = 0.0);
  // <g class=...> ... </g> around the elements written in between.
  void open_group(std::string_view css_class);
  void close_group();

  // Closes the element and returns the markup; the writer is spent afterwards.
  std::string finish();

 private:
  std::string out_;
};

}  // namespace tinyperf::report::svg
