// Model size and peak memory as horizontal bars, in MiB.
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include <fmt/core.h>

#include "render_format.h"
#include "render_plots.h"
#include "svg_axis.h"

namespace tinyperf::report::detail {
namespace {

constexpr double kRowHeight = 34.0;
constexpr double kTop = 12.0;
constexpr double kAxisSpace = 64.0;
constexpr double kMinRight = 24.0;
constexpr double kValueFontPx = 13.0;
constexpr double kValueGap = 8.0;  // between a bar's end and its value

using Getter = std::function<std::optional<double>(const VariantView&)>;
// The text right of a variant's bar, given its value.
using ValueText = std::function<std::string(const VariantView&, double)>;

std::string mib_label(const VariantView&, double mib) {
  return fmt::format("{} MiB", mib_text(mib));
}

// "0.23 MiB, 3.9x smaller" (the compression ratio against the baseline, where there is one).
std::string size_label(const VariantView& v, double mib) {
  if (!v.versus || !v.versus->compression_ratio) return mib_label(v, mib);
  const double r = *v.versus->compression_ratio;
  if (std::abs(r - 1.0) < 0.05) return fmt::format("{} MiB, about the same", mib_text(mib));
  return fmt::format("{} MiB, {} {}", mib_text(mib), ratio_text(r >= 1.0 ? r : 1.0 / r),
                     r >= 1.0 ? "smaller" : "larger");
}

// The right end of the plot area: as far right as every bar's value text still fits in the plot
// (a short bar may carry the longest text). `axis_end` is the value at the right end.
double plot_right(const ReportView& view, const Getter& get, const ValueText& value_text,
                  double left, double axis_end) {
  double right = plot::kWidth - kMinRight;
  for (const auto& v : view.variants) {
    const auto value = get(v);
    if (!value || *value <= 0.0) continue;
    const double room = plot::kWidth - 4.0 - kValueGap -
                        svg::text_width(value_text(v, *value), kValueFontPx) - left;
    right = std::min(right, left + room * axis_end / *value);
  }
  return right;
}

std::string bars(const ReportView& view, const Getter& get, const ValueText& value_text,
                 std::string_view id, std::string_view title, std::string_view axis_label) {
  double hi = 0.0;
  std::vector<std::string> names;
  for (const auto& v : view.variants) {
    if (const auto value = get(v)) hi = std::max(hi, *value);
    names.push_back(plot::short_name(v));
  }
  if (hi <= 0.0) return "";
  const double left = plot::name_column(names, {});
  const std::vector<double> ticks = svg::nice_ticks(0.0, hi);
  const svg::Frame frame{left, kTop, plot_right(view, get, value_text, left, ticks.back()),
                         kTop + kRowHeight * static_cast<double>(names.size())};
  svg::Writer w(plot::kWidth, frame.bottom + kAxisSpace, id, title);
  const svg::Scale x{ticks.front(), ticks.back(), frame.left, frame.right, false};
  svg::x_axis(w, x, ticks, frame, axis_label);
  for (std::size_t i = 0; i < view.variants.size(); ++i) {
    const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
    plot::row_label(w, frame.left - 12, y, names[i], "");
    const auto value = get(view.variants[i]);
    if (!value) {
      w.text(frame.left + 8, y + 5, "not recorded", "value-label missing");
      continue;
    }
    w.rect(frame.left, y - 11, x(*value) - frame.left, 22,
           fmt::format("bar role-{}", role_text(view.variants[i].role)));
    w.text(x(*value) + kValueGap, y + 5, value_text(view.variants[i], *value), "value-label");
  }
  return w.finish();
}

}  // namespace

std::string size_plot(const ReportView& view) {
  return bars(
      view, [](const VariantView& v) { return v.size_mb; }, size_label, "plot-size",
      "Model size per variant", "model size as stored (MiB = 2\xC2\xB2\xE2\x81\xB0 bytes)");
}

std::string memory_plot(const ReportView& view) {
  return bars(
      view, [](const VariantView& v) { return v.peak_memory_mb; }, mib_label, "plot-memory",
      "Peak memory per variant", "peak resident memory of the process (MiB)");
}

}  // namespace tinyperf::report::detail
