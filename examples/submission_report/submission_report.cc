// Validates submission files and renders each valid one as a report.
//
// A submission is the JSON document a benchmark run writes (tinyperf v1), or the one the
// TinyTorch course's capstone writes (docs/submission.md). For every file given:
//   1. submission::validate_submission_file checks every rule (schema and semantic: percentiles
//      in order, improvements and latency statistics recomputed from the file's own numbers) and
//      returns every error with its JSON path, not only the first;
//   2. a valid file is loaded (submission::load_submission: the typed Submission, document.h) and
//      rendered by report::render_report:
//      OUT_DIR/<name>.html (self-contained, inline SVG plots), OUT_DIR/<name>.md, and the terminal
//      summary table on stdout. The renderers recompute every statistic from the raw samples.
//
// Usage: submission_report OUT_DIR FILE...
// Exit 0 when every file was valid, 1 when any was invalid, 2 when a file could not be read or
// is not JSON, 3 for anything else.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/report/render.h"
#include "tinyperf/submission/submission.h"
#include "tinyperf/submission/validate.h"

namespace {

namespace fs = std::filesystem;
namespace report = tinyperf::report;
namespace submission = tinyperf::submission;

// Prints "FILE: valid (format)" or each error as "FILE: JSON path: message". True when valid.
bool check(const std::string& path) {
  const submission::ValidationResult result = submission::validate_submission_file(path);
  if (result.valid()) {
    std::cout << path << ": valid (" << submission::to_string(result.format) << ")\n";
    return true;
  }
  for (const submission::ValidationError& e : result.errors) {
    std::cout << path << ": " << e.path << ": " << e.message << '\n';
  }
  return false;
}

// Writes OUT_DIR/<stem>.html and .md and prints the summary table.
void render(const std::string& path, const fs::path& out_dir) {
  const submission::Submission doc = submission::load_submission(path);
  const std::string stem = fs::path(path).stem().string();
  for (report::ReportFormat format :
       {report::ReportFormat::kHtml, report::ReportFormat::kMarkdown}) {
    const fs::path out = out_dir / (stem + "." + std::string(report::to_string(format)));
    tinyperf::write_file_atomic(out.string(), report::render_report(doc, format));
    std::cout << "  wrote " << out.string() << '\n';
  }
  std::cout << report::render_summary_table(doc) << '\n';
}

int run(const fs::path& out_dir, const std::vector<std::string>& files) {
  fs::create_directories(out_dir);
  bool all_valid = true;
  for (const std::string& path : files) {
    if (check(path)) {
      render(path, out_dir);
    } else {
      all_valid = false;
    }
  }
  return all_valid ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: submission_report OUT_DIR FILE...\n");
    return 2;
  }
  try {
    return run(argv[1], std::vector<std::string>(argv + 2, argv + argc));
  } catch (const tinyperf::Error& e) {  // unreadable or not JSON: the message names the file
    std::fprintf(stderr, "submission_report: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "submission_report: internal error: %s\n", e.what());
    return 3;
  }
}
