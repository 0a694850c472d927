#include <algorithm>

#include "render_plots.h"
#include "tinyperf/core/text.h"

namespace tinyperf::report::detail::plot {

std::string short_name(const VariantView& v) { return shorten(v.name, kMaxNameChars); }

double name_column(const std::vector<std::string>& names, const std::vector<std::string>& subs) {
  double widest = 80.0;
  for (const auto& n : names) widest = std::max(widest, svg::text_width(n, kNameFontPx));
  for (const auto& s : subs) widest = std::max(widest, svg::text_width(s, kSubFontPx));
  return widest + 24.0;
}

void row_label(svg::Writer& w, double x_right, double y, std::string_view name,
               std::string_view sub) {
  if (sub.empty()) {
    w.text(x_right, y + kNameFontPx * 0.35, name, "row-name", svg::Anchor::kEnd);
    return;
  }
  w.text(x_right, y - 2.0, name, "row-name", svg::Anchor::kEnd);
  w.text(x_right, y + kSubFontPx + 1.0, sub, "row-sub", svg::Anchor::kEnd);
}

}  // namespace tinyperf::report::detail::plot
