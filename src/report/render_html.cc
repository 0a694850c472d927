// report.html: one self-contained page (inline CSS and SVG, no script, no external loads).

#include <fmt/core.h>

#include "render_format.h"
#include "render_html_parts.h"
#include "render_model.h"
#include "render_plots.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace detail {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTitleNameChars = 60;

std::string short_name(std::string_view name) { return shorten(name, kMaxTitleNameChars); }

std::string title_of(const ReportView& view) {
  const auto name = [](const VariantView& v) { return shorten(v.name, kMaxTitleNameChars); };
  if (view.variants.size() > 1 && view.variants[1].role == Role::kOptimized) {
    return fmt::format("{} vs {}", name(view.variants[1]), name(view.variants[0]));
  }
  return name(view.variants[0]);
}

std::string meta_line(const ReportView& view) {
  std::vector<std::string> parts;
  if (!view.timestamp.empty()) parts.push_back("measured " + view.timestamp);
  if (!view.submitter.empty()) parts.push_back("by " + view.submitter);
  if (view.tool && view.tool->version) {
    parts.push_back(fmt::format("tinyperf {} (commit {})", json_text(*view.tool->version),
                                json_text(view.tool->git_commit.value_or("unknown"))));
  }
  if (view.system_info && view.system_info->processor)
    parts.push_back(json_text(*view.system_info->processor));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " \xC2\xB7 ") + html_escape(p);
  return out;
}

// "4.52" and, under it, "[4.47, 4.58]".
std::string median_cell(const ReportView& view, const VariantView& v) {
  if (!v.latency_ms) return "-";
  const std::string ci = v.box && v.box->median_ci95
                             ? fmt::format("[{}, {}]", latency_text(view, v.box->median_ci95->lo),
                                           latency_text(view, v.box->median_ci95->hi))
                             : (v.box ? "" : "stated");
  return with_sub(latency_text(view, *v.latency_ms), ci);
}

std::string speedup_cell(const VariantView& v) {
  if (v.role == Role::kBaseline) return "1.00x";
  if (!v.versus || !v.versus->speedup) return "-";
  const auto& ci = v.versus->speedup_ci95;
  return with_sub(speedup_text(*v.versus->speedup),
                  ci ? fmt::format("[{:.2f}, {:.2f}]", ci->lo, ci->hi) : "");
}

std::string badge(const VariantView& v) {
  const std::string key = v.role == Role::kBaseline ? "baseline" : std::string(verdict_key(v));
  return fmt::format("<span class=\"badge v-{}\">{}</span>", key, html_escape(verdict_text(v)));
}

template <typename F>
std::string opt_cell(const std::optional<double>& x, F format) {
  return x ? html_escape(format(*x)) : "-";
}

std::string energy_list(const ReportView& view) {
  std::string out;
  for (const auto& line : energy_lines(view, short_name)) {
    out += fmt::format("<p class=\"note\">{}</p>\n", html_escape(line));
  }
  return out;
}

std::string techniques_list(const ReportView& view) {
  std::string items;
  for (const auto& v : view.variants) {
    if (v.techniques.empty()) continue;
    std::string list;
    for (const auto& t : v.techniques) list += (list.empty() ? "" : ", ") + t;
    items += fmt::format("<li>{}: {}</li>", html_escape(short_name(v.name)), html_escape(list));
  }
  return items.empty()
             ? ""
             : "<p class=\"note\">Techniques applied:</p><ul class=\"note\">" + items + "</ul>\n";
}

// The columns of the terminal table (peak memory has its own plot, energy its own list), so the
// table fits an 800 px window.
std::string summary_row(const ReportView& view, const VariantView& v) {
  const auto& vs = v.versus;
  return fmt::format(
      "<tr><td class=\"name\">{}<span class=\"sub\">{}</span></td><td>{}</td><td>{}</td>"
      "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
      breakable(short_name(v.name)), role_text(v.role), opt_cell(v.accuracy, percent_text),
      median_cell(view, v), speedup_cell(v), badge(v), opt_cell(v.size_mb, mib_text),
      v.role == Role::kBaseline ? "1.0x"
      : vs                      ? opt_cell(vs->compression_ratio, ratio_text)
                                : "-",
      opt_cell(v.throughput, throughput_text));
}

// Units and intervals go on a second header line, so the headers stay narrower than the cells.
std::string summary_table(const ReportView& view) {
  std::string out = fmt::format(
      "<table id=\"summary-table\"><thead><tr><th>variant</th><th>accuracy</th>"
      "<th>median latency<span class=\"sub\">{}, [95% CI]</span></th>"
      "<th>speedup<span class=\"sub\">[95% CI]</span></th><th>verdict</th>"
      "<th>size<span class=\"sub\">MiB</span></th><th>compression</th>"
      "<th>throughput<span class=\"sub\">samples/s</span></th></tr></thead><tbody>\n",
      html_escape(view.unit.name));
  for (const auto& v : view.variants) out += summary_row(view, v);
  return out + "</tbody></table>\n";
}

std::string verdict_list(const ReportView& view) {
  if (view.variants.size() < 2) {
    return "<p>Only the baseline was measured: there is nothing to compare it with.</p>\n";
  }
  std::string out = "<ul class=\"verdicts\">\n";
  for (std::size_t i = 1; i < view.variants.size(); ++i) {
    const auto& v = view.variants[i];
    out += fmt::format("<li>{}<span>{}</span></li>\n", badge(v),
                       html_escape(verdict_sentence(view, v, short_name)));
  }
  return out + "</ul>\n";
}

std::string notes(const ReportView& view) {
  std::string out;
  for (const auto& n : view.notes)
    out += fmt::format("<p class=\"note\">Note: {}</p>\n", html_escape(n));
  return out;
}

std::string clip_note(const ReportView& view, const LatencyAxis& axis) {
  if (!axis.clipped) return "";
  const std::string slowest = axis.slowest >= 100.0
                                  ? throughput_text(axis.slowest)
                                  : fmt::format("{:.{}f}", axis.slowest, view.unit.decimals);
  return fmt::format(
      " The axis ends at {}\xC3\x97 the largest 99th percentile, so that a few very slow runs do "
      "not squeeze the boxes: \"+N \xE2\x80\xBA\" counts a variant's runs beyond it (the slowest "
      "of all: {} {}, {}).",
      kLatencyClip, slowest, view.unit.name, short_name(axis.slowest_name));
}

std::string latency_caption(const ReportView& view) {
  const LatencyAxis axis = latency_axis(view);
  return fmt::format(
      "Each row is one variant's raw latency samples. Box: 25th-75th percentile; whiskers: 1st "
      "and 99th percentiles; dots: runs outside the whiskers; thick line: median; shaded band: "
      "95% confidence interval of the median (order statistics). {} axis.{}{}",
      axis.log ? "Logarithmic" : "Linear", clip_note(view, axis),
      view.notes.empty() ? ""
                         : " A hollow diamond is a latency stated in the file (no raw samples).");
}

std::string plots(const ReportView& view) {
  std::string out = "<section id=\"latency\"><h2>Latency distributions</h2>\n";
  out += figure(latency_plot(view), latency_caption(view), "");
  out += "</section>\n<section id=\"speedup\"><h2>Speedup over the baseline</h2>\n";
  out += figure(speedup_plot(view),
                "Median latency of the baseline divided by the variant's, with its 95% bootstrap "
                "interval (not drawn when narrower than the point; the numbers under each name "
                "give it). Colour and word give the verdict; the dashed line at 1.0 is the "
                "baseline.",
                "No speedup to plot: the file has no variant besides the baseline, or no "
                "latencies to compare.");
  out += "</section>\n<section id=\"pareto\"><h2>Accuracy and latency: the Pareto frontier</h2>\n";
  out += figure(pareto_plot(view),
                "Filled points are on the frontier: no other variant is both more accurate and "
                "faster. The step line joins them; up and to the left is better.",
                "No accuracy-latency plot: no variant has both an accuracy and a latency.");
  out += "</section>\n<section id=\"size-memory\"><h2>Model size and memory</h2>\n";
  out += figure(size_plot(view),
                "Bytes of each model as stored (weights, scales, sparse indices and the file's "
                "header), with its compression against the baseline.",
                "No model sizes in the file.");
  out += figure(memory_plot(view),
                "Peak memory recorded while each variant ran (peak_memory_mb, MiB): the resident "
                "memory of the whole process, not of the model alone.",
                "Peak memory is not recorded in the file (peak_memory_mb): no memory plot.");
  return out + "</section>\n";
}

std::string system_section(const ReportView& view) {
  std::string out =
      "<section id=\"system\"><h2>System, workload and settings</h2>\n<div class=\"cols\">";
  for (const auto& block : system_blocks(view)) {
    out += fmt::format("<div><h3>{}</h3>\n{}</div>\n", block.title, definition_list(block.pairs));
  }
  return out + "</div></section>\n";
}

std::string scenarios_section(const ReportView& view) {
  const ScenarioTable table = scenario_table(view.scenarios);
  if (table.columns.empty()) return "";
  std::string out =
      "<section id=\"scenarios\"><h2>MLPerf-style scenarios</h2>\n"
      "<table class=\"scenarios\"><thead><tr><th></th>";
  for (const auto& c : table.columns) out += fmt::format("<th>{}</th>", breakable(c));
  out += "</tr></thead><tbody>\n";
  for (const auto& [label, cells] : table.rows) {
    out += fmt::format("<tr><td>{}</td>", html_escape(label));
    for (const auto& c : cells) out += fmt::format("<td>{}</td>", html_escape(c));
    out += "</tr>\n";
  }
  return out +
         "</tbody></table>\n<p class=\"note\">Runs of tinyperf's load generator, which "
         "follows MLPerf LoadGen's rules (docs/loadgen.md); \"system under test\" names the "
         "model. The file keeps each scenario's whole LoadGen summary (settings, seeds) under "
         "\"scenarios\".</p></section>\n";
}

std::string html_report(const ReportView& view) {
  std::string out = html_head(title_of(view));
  out += fmt::format(
      "<body><main>\n<header><h1>tinyperf report: {}</h1>\n<p class=\"meta\">{}</p>"
      "</header>\n",
      html_escape(title_of(view)), meta_line(view));
  out += "<section id=\"summary\"><h2>Summary</h2>\n" + verdict_list(view) + summary_table(view) +
         techniques_list(view) + energy_list(view) + notes(view) + "</section>\n";
  // Warnings right after the summary: a reader should see what weakens the numbers before the
  // plots.
  out += warnings_section(view.warnings) + plots(view) + scenarios_section(view) +
         system_section(view);
  out += fmt::format(
      "<section id=\"methodology\"><h2>Methodology</h2>\n<p>{}</p>\n<p>{}</p>\n"
      "</section>\n",
      html_escape(methodology_measurement(view, short_name)),
      html_escape(methodology_statistics(view)));
  out +=
      "<footer>Rendered by tinyperf from the submission file alone; every latency statistic "
      "above is recomputed from the raw samples it contains.</footer>\n";
  return out + "</main></body></html>\n";
}

}  // namespace
}  // namespace detail

std::string render_html_report(const submission::Submission& submission) {
  return detail::html_report(detail::build_report_view(submission));
}

}  // namespace tinyperf::report
