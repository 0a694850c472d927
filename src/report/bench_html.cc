// The bench report page: one self-contained HTML file (inline CSS and SVG, no script, no external
// loads), built from the parts `run`'s report.html uses.
#include <fmt/core.h>

#include "bench_format.h"
#include "render_html_parts.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/bench_render.h"

namespace tinyperf::report {
namespace detail {
namespace {

using submission::BenchComparison;

constexpr std::size_t kMaxNameChars = 60;
constexpr std::size_t kShaChars = 13;  // 12 hex digits and "…": enough to tell files apart

// Plain, cut names: the sentences they go into are escaped as a whole.
std::string plain_name(std::string_view name) { return shorten(name, kMaxNameChars); }
// Longer recorded text (the method): cut only where it could flood the page.
std::string plain_text(std::string_view text) { return shorten(text, 400); }

std::string badge(const std::string& verdict) {
  return fmt::format("<span class=\"badge v-{}\">{}</span>", bench_verdict_key(verdict),
                     html_escape(bench_verdict_word(verdict, plain_name)));
}

std::string row(const std::vector<std::string>& cells_markup) {
  std::string out = "<tr>";
  for (const auto& c : cells_markup) out += "<td>" + c + "</td>";
  return out + "</tr>\n";
}

std::string header_row(const std::vector<std::string>& heads) {
  std::string out = "<thead><tr>";
  for (const auto& h : heads) out += "<th>" + h + "</th>";
  return out + "</tr></thead>";
}

std::string summary_table(const BenchView& view) {
  std::string out =
      "<table id=\"bench-summary\">" +
      header_row(
          {"model", "accuracy",
           fmt::format("latency<span class=\"sub\">median, {}</span>", html_escape(view.unit.name)),
           "between-run<span class=\"sub\">spread</span>",
           "throughput<span class=\"sub\">rows/s</span>", "size",
           "peak memory<span class=\"sub\">MiB</span>", "load<span class=\"sub\">ms</span>",
           "first inference<span class=\"sub\">ms</span>"}) +
      "<tbody>\n";
  for (std::size_t i = 0; i < view.models.size(); ++i) {
    const auto& m = view.models[i];
    const BenchSummaryRow r = summary_row(view, m);
    out += row({fmt::format("{}<span class=\"sub\">{}</span>", breakable(plain_name(m.model->name)),
                            i == 0 ? "baseline" : "candidate"),
                html_escape(r.accuracy), html_escape(r.latency), html_escape(r.latency_cv),
                html_escape(r.throughput), html_escape(r.size), html_escape(r.peak_mib),
                html_escape(r.load_ms), html_escape(r.first_ms)});
  }
  return out + "</tbody></table>\n";
}

std::string verdict_list(const BenchView& view) {
  if (view.doc->comparisons.empty()) {
    return fmt::format("<p>{}</p>\n", html_escape(kNoComparison));
  }
  std::string out = "<ul class=\"verdicts\">\n";
  for (const auto& c : view.doc->comparisons) {
    out += fmt::format("<li>{}<span>{}</span></li>\n", badge(c.verdict),
                       html_escape(bench_verdict_line(c, plain_name)));
  }
  return out + "</ul>\n";
}

std::string comparison_block(const BenchView& view, const BenchComparison& c) {
  return fmt::format("<h3>{} {} vs {}</h3>\n<p>{}</p>\n<p>{}</p>\n", badge(c.verdict),
                     breakable(plain_name(c.candidate)), breakable(plain_name(c.baseline)),
                     html_escape(spread_explanation(view, c, plain_name)),
                     html_escape(other_figures(c, plain_name)));
}

std::string verdicts_section(const BenchView& view) {
  std::string out = "<section id=\"verdicts\"><h2>Verdicts at the run level</h2>\n";
  if (view.doc->comparisons.empty()) {
    out += fmt::format("<p>{}</p>\n", html_escape(kNoComparison));
  }
  for (const auto& c : view.doc->comparisons) out += comparison_block(view, c);
  return out + fmt::format("<p class=\"note\">{}</p></section>\n",
                           html_escape(bench_methodology(view, plain_text)));
}

std::string plot_section(const BenchView& view) {
  return "<section id=\"run-medians\"><h2>Run medians</h2>\n" +
         figure(runs_plot(view),
                "Each dot is the median batch-1 latency of one run (one worker process), as its "
                "difference from the model's median over runs; the grey line spans the model's "
                "runs. Dots are spread vertically only to keep equal runs visible. This "
                "process-to-process spread is what the samples of one process cannot show, and "
                "what the verdicts are made against; the table above gives the latencies.",
                "No run has latency samples (the file was written without them): no plot.") +
         "</section>\n";
}

std::string runs_section(const BenchView& view) {
  std::vector<std::string> heads;
  for (const auto& h : run_headers(view)) heads.push_back(html_escape(h));
  std::string out = "<section id=\"runs\"><h2>Runs</h2>\n";
  for (const auto& m : view.models) {
    out += fmt::format("<h3>{}</h3>\n<table class=\"runs\">{}<tbody>\n",
                       breakable(plain_name(m.model->name)), header_row(heads));
    for (const auto& r : m.runs) {
      std::vector<std::string> cells;
      for (const auto& c : run_cells(view, r)) cells.push_back(html_escape(c));
      out += row(cells);
    }
    if (m.runs.empty()) out += "<tr><td colspan=\"8\">No runs.</td></tr>\n";
    out += "</tbody></table>\n";
  }
  return out + "</section>\n";
}

std::string models_section(const BenchView& view) {
  std::string out = "<section id=\"models\"><h2>Models</h2>\n<table id=\"bench-models\">" +
                    header_row({"model", "file", "precision", "parameters", "inputs", "classes",
                                "size", "sha256"}) +
                    "<tbody>\n";
  for (const auto& mv : view.models) {
    const auto& m = *mv.model;
    out += row({breakable(plain_name(m.name)), breakable(m.file), html_escape(m.precision),
                html_escape(throughput_text(static_cast<double>(m.parameters))),
                fmt::format("{}", m.input_features), fmt::format("{}", m.num_classes),
                html_escape(bytes_text(m.size_bytes)), breakable(shorten(m.sha256, kShaChars))});
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string settings_section(const BenchView& view) {
  return "<section id=\"system\"><h2>Settings and system</h2>\n<div class=\"cols\"><div>"
         "<h3>Settings</h3>\n" +
         definition_list(settings_pairs(view)) + "</div><div><h3>System</h3>\n" +
         definition_list(system_pairs(*view.doc)) + "</div></div></section>\n";
}

std::string page(const BenchView& view) {
  const std::string title = bench_title(*view.doc);
  std::string out = html_head(title);
  out += fmt::format(
      "<body><main>\n<header><h1>tinyperf bench: {}</h1>\n<p class=\"meta\">{}</p></header>\n",
      html_escape(title), html_escape(bench_meta(*view.doc)));
  out += "<section id=\"summary\"><h2>Summary</h2>\n" + verdict_list(view) + summary_table(view) +
         "</section>\n";
  // Warnings right after the summary: what weakens the numbers comes before the details.
  out += warnings_section(view.doc->warnings) + verdicts_section(view) + plot_section(view) +
         runs_section(view) + models_section(view) + settings_section(view);
  out +=
      "<footer>Rendered by tinyperf from the bench document alone; each run's median and "
      "within-run spread are recomputed from its samples.</footer>\n";
  return out + "</main></body></html>\n";
}

}  // namespace
}  // namespace detail

std::string bench_html(const submission::BenchDocument& doc) {
  return detail::page(detail::build_bench_view(doc));
}

}  // namespace tinyperf::report
