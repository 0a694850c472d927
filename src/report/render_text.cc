// The terminal summary: an aligned table no wider than 100 columns, then the verdict sentences and
// warnings. ANSI colours only on request.
#include <algorithm>

#include <fmt/core.h>

#include "render_format.h"
#include "render_model.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace detail {
namespace {

constexpr std::size_t kWidth = 100;
constexpr std::size_t kGap = 2;  // spaces between columns
constexpr std::size_t kMinNameWidth = 12;

struct Column {
  std::string head1, head2;  // two header lines
  bool left = false;         // left-aligned (text) or right-aligned (numbers)
  std::size_t gap = kGap;    // spaces before the column (the verdict hugs its speedup)
  std::vector<std::string> cells;
  std::size_t width = 0;
};

std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::size_t shown = char_count(text);
  const std::string fill(width > shown ? width - shown : 0, ' ');
  return left ? text + fill : fill + text;
}

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
      {"", "acc.", false, kGap, {}, 0},  // short: the names need the columns more
      {fmt::format("median {}", view.unit.name), "(95% CI)", false, kGap, {}, 0},
      {"speedup", "(95% CI)", false, kGap, {}, 0},
      {"", "verdict", true, 1, {}, 0},
      {"size", "MiB", false, kGap, {}, 0},
      {"compr", "ratio", false, kGap, {}, 0},
      {"samples", "per sec", false, kGap, {}, 0}};
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

// Column widths from their content; the variant column gets what remains of kWidth (names cut).
void fit(std::vector<Column>& cols) {
  std::size_t others = 0;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    auto& col = cols[c];
    col.width = std::max(char_count(col.head1), char_count(col.head2));
    for (const auto& s : col.cells) col.width = std::max(col.width, char_count(s));
    if (c > 0) others += col.width + col.gap;
  }
  const std::size_t room = kWidth > others + kMinNameWidth ? kWidth - others : kMinNameWidth;
  cols[0].width = std::min(cols[0].width, room);
  for (auto& s : cols[0].cells) s = shorten(s, cols[0].width);
}

std::string colour_of(std::string_view verdict) {
  if (verdict == "faster") return "\x1b[32m";
  if (verdict == "slower") return "\x1b[31m";
  if (verdict == "inconclusive") return "\x1b[33m";
  return "\x1b[2m";
}

std::string line(const std::vector<Column>& cols, std::size_t row, bool head2, bool color) {
  std::string out;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const auto& col = cols[c];
    const std::string& text = row == SIZE_MAX ? (head2 ? col.head2 : col.head1) : col.cells[row];
    std::string padded = pad(text, col.width, col.left);
    if (color && row != SIZE_MAX && c == 4 && text != "-")
      padded = colour_of(text) + padded + "\x1b[0m";
    out += std::string(col.gap, ' ') + padded;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\n";
}

// Greedy word wrap at kWidth columns; continuation lines start with `indent`.
std::string wrap(const std::string& text, const std::string& first, const std::string& indent) {
  std::string out = first;
  std::size_t col = char_count(first);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const bool at_line_start = col == char_count(first) || col == indent.size();
    if (!at_line_start && col + 1 + char_count(word) > kWidth) {
      out += "\n" + indent;
      col = indent.size();
    } else if (!at_line_start) {
      out += ' ';
      ++col;
    }
    out += word;
    col += char_count(word);
    start = end + 1;
  }
  return out + "\n";
}

std::string summary(const ReportView& view, bool color) {
  auto cols = columns(view);
  fit(cols);
  const std::string bold = color ? "\x1b[1m" : "", reset = color ? "\x1b[0m" : "";
  std::string out =
      bold + line(cols, SIZE_MAX, false, false) + line(cols, SIZE_MAX, true, false) + reset;
  for (std::size_t r = 0; r < view.variants.size(); ++r) out += line(cols, r, false, color);
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
