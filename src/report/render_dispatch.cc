// Report format names, the dispatch of render_report, and the renderers' JSON overloads.
#include <fmt/core.h>
#include <array>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report {

namespace {

// The names parse_report_format takes; to_string gives the first of each value's ("md").
constexpr std::array<Choice<ReportFormat>, 4> kReportFormats{{{"html", ReportFormat::kHtml},
                                                              {"md", ReportFormat::kMarkdown},
                                                              {"markdown", ReportFormat::kMarkdown},
                                                              {"text", ReportFormat::kText}}};

}  // namespace

std::string_view to_string(ReportFormat format) { return choice_name(kReportFormats, format); }

ReportFormat parse_report_format(std::string_view name) {
  return parse_choice(kReportFormats, name, "format");
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
