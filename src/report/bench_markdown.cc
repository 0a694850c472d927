// The bench report as GitHub-flavoured Markdown: the page's content in tables and lists.
#include <fmt/core.h>

#include "bench_format.h"
#include "render_markdown_parts.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/bench_render.h"

namespace tinyperf::report {
namespace detail {
namespace {

constexpr std::size_t kMaxNameChars = 60;
constexpr std::size_t kShaChars = 13;  // 12 hex digits and "…": enough to tell files apart

std::string md_name(std::string_view name) { return md(name, kMaxNameChars); }

// "| a | b |\n"; the cells must already be escaped.
std::string md_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + c + " |";
  return out + "\n";
}

// The header and the rule: the first `left` columns (text) left-aligned, the others (numbers)
// right-aligned.
std::string md_head(const std::vector<std::string>& heads, std::size_t left = 1) {
  std::string rule = "|";
  for (std::size_t i = 0; i < heads.size(); ++i) rule += i < left ? "---|" : "--:|";
  return md_row(heads) + rule + "\n";
}

std::string summary_table(const BenchView& view) {
  std::string out =
      md_head({"model", "role", "accuracy", fmt::format("latency median ({})", view.unit.name),
               "between-run spread", "throughput (rows/s)", "size", "peak memory (MiB)",
               "load (ms)", "first inference (ms)"});
  for (std::size_t i = 0; i < view.models.size(); ++i) {
    const auto& m = view.models[i];
    const BenchSummaryRow r = summary_row(view, m);
    out += md_row({md_name(m.model->name), i == 0 ? "baseline" : "candidate", r.accuracy, r.latency,
                   r.latency_cv, r.throughput, r.size, r.peak_mib, r.load_ms, r.first_ms});
  }
  return out + "\n";
}

std::string verdict_list(const BenchView& view) {
  if (view.doc->comparisons.empty()) return std::string(kNoComparison) + "\n\n";
  std::string out;
  for (const auto& c : view.doc->comparisons) {
    out += "- " + bench_verdict_line(c, md_name) + "\n";
  }
  return out + "\n";
}

std::string verdicts_section(const BenchView& view) {
  std::string out = "## Verdicts at the run level\n\n";
  if (view.doc->comparisons.empty()) out += std::string(kNoComparison) + "\n\n";
  for (const auto& c : view.doc->comparisons) {
    out += fmt::format("### {} vs {}: {}\n\n{}\n\n{}\n\n", md_name(c.candidate),
                       md_name(c.baseline), bench_verdict_word(c.verdict, md_name),
                       spread_explanation(view, c, md_name), other_figures(c, md_name));
  }
  return out + bench_methodology(view, [](std::string_view t) { return md(t, 400); }) + "\n\n";
}

std::string runs_section(const BenchView& view) {
  std::string out =
      "## Runs\n\nEach run is one worker process; the latency is the median of its samples.\n\n";
  for (const auto& m : view.models) {
    out += fmt::format("### {}\n\n", md_name(m.model->name));
    if (m.runs.empty()) {
      out += "No runs.\n\n";
      continue;
    }
    out += md_head(run_headers(view));
    for (const auto& r : m.runs) {
      std::vector<std::string> cells;
      for (const auto& c : run_cells(view, r)) cells.push_back(md(c));
      out += md_row(cells);
    }
    out += "\n";
  }
  return out;
}

std::string models_section(const BenchView& view) {
  std::string out = "## Models\n\n" + md_head({"model", "file", "precision", "parameters", "inputs",
                                               "classes", "size", "sha256"});
  for (const auto& mv : view.models) {
    const auto& m = *mv.model;
    out += md_row({md_name(m.name), md(m.file, 400), md(m.precision),
                   throughput_text(static_cast<double>(m.parameters)),
                   fmt::format("{}", m.input_features), fmt::format("{}", m.num_classes),
                   bytes_text(m.size_bytes), md(shorten(m.sha256, kShaChars))});
  }
  return out + "\n";
}

std::string document(const BenchView& view) {
  const std::string meta = bench_meta(*view.doc);
  std::string out = fmt::format("# tinyperf bench: {}\n\n", md(bench_title(*view.doc), 400));
  if (!meta.empty()) out += md(meta, 400) + "\n\n";
  out += "## Summary\n\n" + verdict_list(view) + summary_table(view);
  out += md_warnings(view.doc->warnings) + verdicts_section(view) + runs_section(view) +
         models_section(view);
  out += "## Settings\n\n" + md_bullets(settings_pairs(view)) + "\n## System\n\n" +
         md_bullets(system_pairs(*view.doc));
  return out;
}

}  // namespace
}  // namespace detail

std::string bench_markdown(const submission::BenchDocument& doc) {
  return detail::document(detail::build_bench_view(doc));
}

}  // namespace tinyperf::report
