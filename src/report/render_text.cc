// The terminal summary: an aligned table no wider than 100 columns, then the verdict sentences and
// warnings. ANSI colours only on request.
#include <algorithm>

#include <fmt/core.h>

#include "render_format.h"
#include "render_model.h"
#include "render_text_parts.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace detail {
namespace {

// "4.52 (4.47-4.58)": compact enough for 100 columns.
std::string median_cell(const ReportView& view, const VariantView& v) {
  if (!v.latency_ms) return "-";
  const std::string m = latency_text(view, *v.latency_ms);
  if (!v.box || !v.box->median_ci95) return v.box ? m : m + " (stated)";
  return fmt::format("{} ({}-{})", m, latency_text(view, v.box->median_ci95->lo),
                     latency_text(view, v.box->median_ci95->hi));
}

std::string speedup_cell(const VariantView& v) {
  if (v.role == Role::kBaseline) return "1.00x";
  if (!v.versus || !v.versus->speedup) return "-";
  const auto& ci = v.versus->speedup_ci95;
  return ci ? fmt::format("{} ({:.2f}-{:.2f})", speedup_text(*v.versus->speedup), ci->lo, ci->hi)
            : speedup_text(*v.versus->speedup);
}

template <typename F>
std::string cell(const std::optional<double>& x, F format) {
  return x ? format(*x) : "-";
}

std::vector<Column> columns(const ReportView& view) {
  std::vector<Column> cols = {
      {"", "variant", true, 0, {}, 0},
      {"", "acc.", false, kTextGap, {}, 0},  // short: the names need the columns more
      {fmt::format("median {}", view.unit.name), "(95% CI)", false, kTextGap, {}, 0},
      {"speedup", "(95% CI)", false, kTextGap, {}, 0},
      {"", "verdict", true, 1, {}, 0},
      {"size", "MiB", false, kTextGap, {}, 0},
      {"compr", "ratio", false, kTextGap, {}, 0},
      {"samples", "per sec", false, kTextGap, {}, 0}};
  for (const auto& v : view.variants) {
    const auto& vs = v.versus;
    cols[0].cells.push_back(terminal_safe(v.name));
    cols[1].cells.push_back(cell(v.accuracy, percent_text));
    cols[2].cells.push_back(median_cell(view, v));
    cols[3].cells.push_back(speedup_cell(v));
    cols[4].cells.push_back(verdict_text(v));
    cols[5].cells.push_back(cell(v.size_mb, mib_text));
    cols[6].cells.push_back(v.role == Role::kBaseline ? "1.0x"
                            : vs                      ? cell(vs->compression_ratio, ratio_text)
                                                      : "-");
    cols[7].cells.push_back(cell(v.throughput, throughput_text));
  }
  return cols;
}

std::string summary(const ReportView& view, bool color) {
  auto cols = columns(view);
  fit_columns(cols);
  const std::string bold = color ? "\x1b[1m" : "", reset = color ? "\x1b[0m" : "";
  std::string out = bold + table_line(cols, kHeader1) + table_line(cols, kHeader2) + reset;
  for (std::size_t r = 0; r < view.variants.size(); ++r) {
    out += table_line(cols, r, color ? std::optional<std::size_t>(4) : std::nullopt);
  }
  out += '\n';
  const auto name = [](std::string_view n) { return terminal_safe(n, 40); };
  for (std::size_t i = 1; i < view.variants.size(); ++i) {
    out += wrap(verdict_sentence(view, view.variants[i], name), "- ", "  ");
  }
  for (const auto& n : view.notes) out += wrap(terminal_safe(n, 400), "note: ", "  ");
  for (const auto& w : view.warnings) out += wrap(terminal_safe(w, 400), "warning: ", "  ");
  return out;
}

}  // namespace
}  // namespace detail

std::string render_summary_table(const submission::Submission& submission, bool color) {
  return detail::summary(detail::build_report_view(submission), color);
}

}  // namespace tinyperf::report
