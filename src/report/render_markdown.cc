// report.md: the summary table, verdict sentences, system info, warnings and methodology.
#include <fmt/core.h>

#include "render_format.h"
#include "render_markdown_parts.h"
#include "render_model.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {
namespace detail {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameChars = 60;

std::string md_name(std::string_view name) { return md(name, kMaxNameChars); }

template <typename F>
std::string cell(const std::optional<double>& x, F format) {
  return x ? format(*x) : "-";
}

std::string speedup_cell(const VariantView& v) {
  if (v.role == Role::kBaseline) return "1.00x";
  return v.versus ? speedup_ci_text(*v.versus) : "-";
}

std::string compression_cell(const VariantView& v) {
  if (v.role == Role::kBaseline) return "1.0x";
  return v.versus ? cell(v.versus->compression_ratio, ratio_text) : "-";
}

std::string summary_table(const ReportView& view) {
  std::string out = fmt::format(
      "| variant | role | accuracy | median latency ({}) [95% CI] | speedup [95% CI] | verdict | "
      "size (MiB) | compression | throughput (samples/s) | peak memory (MiB) |\n"
      "|---|---|--:|--:|--:|---|--:|--:|--:|--:|\n",
      view.unit.name);
  for (const auto& v : view.variants) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", md_name(v.name),
                       role_text(v.role), cell(v.accuracy, percent_text), median_ci_text(view, v),
                       speedup_cell(v), verdict_text(v), cell(v.size_mb, mib_text),
                       compression_cell(v), cell(v.throughput, throughput_text),
                       cell(v.peak_memory_mb, mib_text));
  }
  return out;
}

std::string techniques(const ReportView& view) {
  std::string out;
  for (const auto& v : view.variants) {
    if (v.techniques.empty()) continue;
    std::string list;
    for (const auto& t : v.techniques) list += (list.empty() ? "" : ", ") + md(t);
    out += fmt::format("- {}: {}\n", md_name(v.name), list);
  }
  return out.empty() ? "" : "Techniques applied:\n\n" + out + "\n";
}

std::string energy(const ReportView& view) {
  std::string out;
  for (const auto& line : energy_lines(view, md_name)) out += line + "\n\n";
  return out;
}

std::string verdicts(const ReportView& view) {
  if (view.variants.size() < 2)
    return "Only the baseline was measured: there is nothing to compare it with.\n\n";
  std::string out;
  for (std::size_t i = 1; i < view.variants.size(); ++i) {
    out += fmt::format("- {}\n", verdict_sentence(view, view.variants[i], md_name));
  }
  return out + "\n";
}

std::string notes(const ReportView& view) {
  std::string out;
  for (const auto& n : view.notes) out += fmt::format("Note: {}\n\n", md(n, 400));
  return out;
}

std::string blocks(const ReportView& view) {
  std::string out = "## System, workload and settings\n\n";
  for (const auto& block : system_blocks(view)) {
    out += fmt::format("### {}\n\n{}\n", block.title, md_bullets(block.pairs));
  }
  return out;
}

std::string scenarios(const ReportView& view) {
  const ScenarioTable table = scenario_table(view.scenarios);
  if (table.columns.empty()) return "";
  std::string out = "## MLPerf-style scenarios\n\n|  |";
  std::string rule = "|---|";
  for (const auto& c : table.columns) {
    out += fmt::format(" {} |", md(c));
    rule += "--:|";
  }
  out += "\n" + rule + "\n";
  for (const auto& [label, cells] : table.rows) {
    out += fmt::format("| {} |", md(label));
    for (const auto& c : cells) out += fmt::format(" {} |", md(c, 400));
    out += "\n";
  }
  return out + "\n";
}

std::string title(const ReportView& view) {
  if (view.variants.size() > 1 && view.variants[1].role == Role::kOptimized) {
    return fmt::format("{} vs {}", md_name(view.variants[1].name), md_name(view.variants[0].name));
  }
  return md_name(view.variants[0].name);
}

std::string meta(const ReportView& view) {
  std::string out;
  const auto add = [&](const std::string& part) {
    out += (out.empty() ? "" : " \xC2\xB7 ") + part;
  };
  if (!view.timestamp.empty()) add("measured " + md(view.timestamp));
  if (!view.submitter.empty()) add("by " + md(view.submitter));
  if (view.tool && view.tool->version) {
    add(fmt::format("tinyperf {} (commit {})", md(json_text(*view.tool->version)),
                    md(json_text(view.tool->git_commit.value_or("unknown")))));
  }
  if (view.system_info && view.system_info->processor) {
    add(md(json_text(*view.system_info->processor)));
  }
  return out.empty() ? "" : out + "\n\n";
}

std::string markdown_report(const ReportView& view) {
  std::string out = fmt::format("# tinyperf report: {}\n\n{}", title(view), meta(view));
  out += "## Summary\n\n" + verdicts(view) + summary_table(view) + "\n" + techniques(view) +
         energy(view) + notes(view);
  out += md_warnings(view.warnings) + scenarios(view) + blocks(view);
  out += fmt::format("## Methodology\n\n{}\n\n{}\n",
                     methodology_measurement(view, [](std::string_view t) { return md(t); }),
                     methodology_statistics(view));
  return out;
}

}  // namespace
}  // namespace detail

std::string render_markdown_report(const submission::Submission& submission) {
  return detail::markdown_report(detail::build_report_view(submission));
}

}  // namespace tinyperf::report
