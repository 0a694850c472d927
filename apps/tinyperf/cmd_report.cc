// tinyperf report SUBMISSION: renders a submission as report.html (self-contained, inline SVG
// plots), report.md, or the terminal summary table. The file is validated first (both formats of
// docs/submission.md); an invalid or unreadable one is bad input (exit 2).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/report/render.h"
#include "tinyperf/submission/submission.h"

namespace tinyperf::cli {
namespace {

struct ReportFlags {
  std::string submission;
  std::string format;  // "" = from --out's extension, else text
  std::string out;     // "" = stdout
  std::string color = "auto";
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

report::ReportFormat format_of(const ReportFlags& flags) {
  if (!flags.format.empty()) return report::parse_report_format(flags.format);
  if (ends_with(flags.out, ".html") || ends_with(flags.out, ".htm"))
    return report::ReportFormat::kHtml;
  if (ends_with(flags.out, ".md")) return report::ReportFormat::kMarkdown;
  return report::ReportFormat::kText;
}

// Colour only for text on a terminal (and never when NO_COLOR is set), unless forced.
bool use_color(const ReportFlags& flags) {
  if (flags.color == "always") return true;
  if (flags.color == "never" || !flags.out.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(STDOUT_FILENO) == 1;
}

int run_report(const ReportFlags& flags) {
  const report::ReportFormat format = format_of(flags);
  const submission::Submission s = submission::load_submission(flags.submission);
  const std::string text = report::render_report(s, format, use_color(flags));
  if (flags.out.empty()) {
    std::cout << text << std::flush;
  } else {
    write_file_atomic(flags.out, text);
    std::cerr << fmt::format("wrote {} ({})\n", flags.out, report::to_string(format));
  }
  return kExitOk;
}

void add_flags(CLI::App& cmd, ReportFlags& f) {
  cmd.add_option("submission", f.submission, "Submission file (JSON)")->required();
  cmd.add_option("--format", f.format,
                 "html, md or text (default: from --out's extension .html/.md, else text)")
      ->check(CLI::IsMember({"html", "md", "markdown", "text"}));
  cmd.add_option("--out", f.out, "Write to this file (atomically) instead of stdout");
  cmd.add_option("--color", f.color,
                 "Colour in the text table: auto (a terminal on stdout, NO_COLOR unset), "
                 "always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

}  // namespace

const AddCommand add_report_command = &bound_command<ReportFlags, add_flags, run_report>;

}  // namespace tinyperf::cli
