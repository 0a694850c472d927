// Report format names, the dispatch of render_report, and the renderers' JSON overloads.
#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {

std::string_view to_string(ReportFormat format) {
  switch (format) {
    case ReportFormat::kHtml:
      return "html";
    case ReportFormat::kMarkdown:
      return "md";
    case ReportFormat::kText:
      break;
  }
  return "text";
}

ReportFormat parse_report_format(std::string_view name) {
  if (name == "html") return ReportFormat::kHtml;
  if (name == "md" || name == "markdown") return ReportFormat::kMarkdown;
  if (name == "text") return ReportFormat::kText;
  throw InputError(fmt::format("unknown format \"{}\": expected html, md or text", name), "format");
}

std::string render_report(const submission::Submission& submission, ReportFormat format,
                          bool color) {
  switch (format) {
    case ReportFormat::kHtml:
      return render_html_report(submission);
    case ReportFormat::kMarkdown:
      return render_markdown_report(submission);
    case ReportFormat::kText:
      break;
  }
  return render_summary_table(submission, color);
}

std::string render_html_report(const nlohmann::json& document) {
  return render_html_report(submission::parse_submission(document));
}

std::string render_markdown_report(const nlohmann::json& document) {
  return render_markdown_report(submission::parse_submission(document));
}

std::string render_summary_table(const nlohmann::json& document, bool color) {
  return render_summary_table(submission::parse_submission(document), color);
}

std::string render_report(const nlohmann::json& document, ReportFormat format, bool color) {
  return render_report(submission::parse_submission(document), format, color);
}

}  // namespace tinyperf::report
