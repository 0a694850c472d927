// What the three bench renderers (bench_html.cc, bench_markdown.cc, bench_text.cc) share: the
// view of a BenchDocument (its latency unit, each run's median) and every sentence and cell they
// show, as plain text. Each renderer escapes the text for its medium; names and other strings from
// the document pass through a NameFormat so that they are escaped exactly once. Private to the
// report module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render_format.h"
#include "render_model.h"
#include "tinyperf/submission/bench.h"

namespace tinyperf::report::detail {

// One run as the tables and the plot show it.
struct BenchRunView {
  const submission::BenchRun* run = nullptr;
  std::optional<double> median_ms;  // stats::median of latency_ns, in ms; none without samples
  std::optional<double> within_cv;  // stats::robust_cv of latency_ns
};

struct BenchModelView {
  const submission::BenchModel* model = nullptr;
  std::vector<BenchRunView> runs;  // in the model's run order
};

struct BenchView {
  const submission::BenchDocument* doc = nullptr;
  LatencyUnit unit;  // latency_unit of the models' median latencies
  std::vector<BenchModelView> models;
};
BenchView build_bench_view(const submission::BenchDocument& doc);

// The model called `name`, or nullptr.
const submission::BenchModel* find_model(const BenchView& view, const std::string& name);

// A latency in the view's unit, without the unit ("8.18") / with it ("8.18 µs").
std::string bench_latency(const BenchView& view, double ms);
std::string bench_latency_unit(const BenchView& view, double ms);
// A relative spread: "1.8 %" (one decimal from 1 %, two below, none from 10 %).
std::string spread_text(double fraction);
// `x` with `digits` significant digits in fixed notation ("12.3", "0.0512", "1234").
std::string significant_text(double x, int digits = 3);
// "812 B", "234 KiB", "0.90 MiB" (mib_text from 1 MiB up).
std::string bytes_text(std::uint64_t bytes);
// A p-value with two significant digits: "1e-12", "0.034", "1"; "<1e-300" for 0.
std::string p_value_text(double p);
// "faster", "slower", "no change", "inconclusive", "-" for ""; any other word as `value` formats
// it (the document's own text).
std::string bench_verdict_word(const std::string& verdict, const NameFormat& value);
// The CSS class key of a verdict: "faster", "slower", "no_change", "inconclusive", else "none".
std::string bench_verdict_key(const std::string& verdict);

// "mlp_int8 vs mlp: 3.31x faster (95% CI 3.25-3.37x, p=1e-12, 10+10 runs; between-run spread
// 1.8 %, detectable change 2.1 %)". Slower states the slowdown (1 / speedup, the interval turned
// round); no change and inconclusive state the speedup ("no change, 1.00x (...)"). Runs are the
// candidate's + the baseline's.
std::string bench_verdict_line(const submission::BenchComparison& c, const NameFormat& name);

// The run-level explanation of one comparison: what the unit of replication is, the between-run
// spread against each side's within-run spread, the runs per side and the smallest change they
// detect.
std::string spread_explanation(const BenchView& view, const submission::BenchComparison& c,
                               const NameFormat& name);
// Throughput, accuracy, size and memory of the candidate against the baseline, one sentence each.
std::string other_figures(const submission::BenchComparison& c, const NameFormat& name);

// The summary table's cells of one model (plain text; the name unformatted).
struct BenchSummaryRow {
  std::string accuracy;    // "85.39%" or "-"
  std::string latency;     // median, in the view's unit
  std::string latency_cv;  // between-run, "1.8 %"
  std::string throughput;  // rows/s, "182,400"
  std::string size;        // bytes_text
  std::string peak_mib;    // "12.3"
  std::string load_ms;     // significant_text
  std::string first_ms;    // significant_text
};
BenchSummaryRow summary_row(const BenchView& view, const BenchModelView& m);

// The per-run table's cells of one run, in the order of run_headers().
std::vector<std::string> run_headers(const BenchView& view);
std::vector<std::string> run_cells(const BenchView& view, const BenchRunView& r);

// The settings as (key, text) pairs, the schedule last but one ("A B B A ..." and what each letter
// stands for), the session's wall time last. Plain text: the renderer escapes keys and values.
std::vector<std::pair<std::string, std::string>> settings_pairs(const BenchView& view);
// system_info as display_pairs (Block::kSystem); one pair saying it was not recorded when empty.
std::vector<std::pair<std::string, std::string>> system_pairs(const submission::BenchDocument& doc);

// "mlp_int8 vs mlp" (two models), "mlp" (one), "3 models against mlp" (more); names cut to 60
// characters.
std::string bench_title(const submission::BenchDocument& doc);
// "created 2026-12-03T10:00:00Z · tinyperf 0.4.0 (abc123) · 41.2 s" (parts the document has).
std::string bench_meta(const submission::BenchDocument& doc);

// The sentence for a document without comparisons, and the methodology paragraph (settings.method
// and how the run figures are summarized; `value` formats the method text).
inline constexpr const char* kNoComparison =
    "Only one model was benched: there is nothing to compare it with.";
std::string bench_methodology(const BenchView& view, const NameFormat& value);

// The HTML page's plot (id "plot-runs"): one row per model, a dot for each run's median as its
// deviation (%) from the model's median over runs (runs jittered vertically so that equal ones
// stay visible), a grey line over their range and a dashed line at 0; the row's grey line gives
// the median and the between-run spread. One axis for all models, symmetric, at least +-1 %, so
// that spreads compare across models however different their latencies. "" when no run has
// latency samples.
std::string runs_plot(const BenchView& view);

}  // namespace tinyperf::report::detail
