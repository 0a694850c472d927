// The terminal summary of `tinyperf bench`: the models' table, then one verdict line per
// comparison and the warnings.
#include <fmt/core.h>

#include "bench_format.h"
#include "render_text_parts.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/bench_render.h"

namespace tinyperf::report {
namespace detail {
namespace {

std::vector<Column> columns(const BenchView& view) {
  std::vector<Column> cols = {
      {"", "model", true, 0, {}, 0},
      {"", "acc.", false, kTextGap, {}, 0},
      {fmt::format("latency {}", view.unit.name), "median", false, kTextGap, {}, 0},
      {"between", "runs", false, 1, {}, 0},
      {"", "rows/s", false, kTextGap, {}, 0},
      {"", "size", false, kTextGap, {}, 0},
      {"peak", "MiB", false, kTextGap, {}, 0},
      {"load", "ms", false, kTextGap, {}, 0},
      {"1st inf.", "ms", false, kTextGap, {}, 0}};
  for (const auto& m : view.models) {
    const BenchSummaryRow r = summary_row(view, m);
    const std::string cells[] = {terminal_safe(m.model->name),
                                 r.accuracy,
                                 r.latency,
                                 "\xC2\xB1" + r.latency_cv,
                                 r.throughput,
                                 r.size,
                                 r.peak_mib,
                                 r.load_ms,
                                 r.first_ms};
    for (std::size_t c = 0; c < cols.size(); ++c) cols[c].cells.push_back(cells[c]);
  }
  return cols;
}

std::string table(const BenchView& view) {
  auto cols = columns(view);
  fit_columns(cols);
  std::string out = table_line(cols, kHeader1) + table_line(cols, kHeader2);
  for (std::size_t r = 0; r < view.models.size(); ++r) out += table_line(cols, r);
  out += '\n';
  // One line per verdict, not wrapped: easy to find with grep in a CI log.
  const auto name = [](std::string_view n) { return terminal_safe(n, 40); };
  for (const auto& c : view.doc->comparisons) out += bench_verdict_line(c, name) + "\n";
  if (view.doc->comparisons.empty()) out += std::string(kNoComparison) + "\n";
  for (const auto& w : view.doc->warnings) out += wrap(terminal_safe(w, 400), "warning: ", "  ");
  return out;
}

}  // namespace
}  // namespace detail

std::string bench_table(const submission::BenchDocument& doc) {
  return detail::table(detail::build_bench_view(doc));
}

}  // namespace tinyperf::report
