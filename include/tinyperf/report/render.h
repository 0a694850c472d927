// Reports of one submission (docs/submission.md): a self-contained HTML page with inline SVG plots,
// a Markdown document, and the terminal summary table `tinyperf run` prints at the end.
//
// Data flow is one way: each renderer takes the submission (submission::Submission, document.h)
// and nothing else, and returns a string. What they show is recomputed with tinyperf::stats from
// the document's raw samples (samples.latency_ms of each side and candidate): medians, type-7
// percentiles, the order-statistic 95 % interval of each median, and each variant's speedup over
// the baseline with its bootstrap 95 % interval, Mann-Whitney p-value and verdict
// (docs/statistics.md; default alpha 0.05, noise 0.01, 10,000 resamples with the default seed,
// paired rounds when settings.interleaved is true). A variant without raw samples is shown with the
// latency the file states (latency_ms_median, else latency_ms_mean) and without interval or
// verdict; when the file's improvements.verdict disagrees with the recomputed one, the report says
// so.
//
// Accepted input: any submission validate_submission accepts (tinyperf v1 or TinyTorch capstone),
// and more loosely anything parse_submission reads, i.e. any object with a baseline { model_name }
// — an optimized side, candidates and every metric are optional. The overloads taking a JSON
// document parse it first and throw parse_submission's InputError naming the JSON path when it is
// not an object, lacks baseline.model_name, or holds a value of the wrong type or out of range
// (e.g. "$.baseline.samples.latency_ms[3]: 0 must be > 0"). Cost: dominated by the bootstrap,
// O(10,000 * (n_baseline + n_variant)) per variant: `tinyperf report` of the test fixture (4
// variants, 400 samples per side) takes about 0.4 s on the 2-core development machine.
//
// Every string taken from the document (model names, system info, warnings) is escaped for the
// output medium: HTML entities in HTML and SVG, backslash/entity escapes in Markdown, control
// bytes replaced in terminal text, so a hostile model name cannot inject markup or escape codes.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tinyperf/submission/document.h"

namespace tinyperf::report {

enum class ReportFormat { kHtml, kMarkdown, kText };

// "html", "md", "text".
std::string_view to_string(ReportFormat format);
// The inverse of to_string (also accepts "markdown"); throws InputError naming the value and the
// accepted names.
ReportFormat parse_report_format(std::string_view name);

// One HTML5 page, UTF-8, with inline CSS and inline SVG only: no script, no network access (a
// Content-Security-Policy meta tag forbids every external load). Sections: summary of verdicts
// and a table of every variant; warnings; latency distributions (box plots, id "plot-latency";
// when a few runs lie beyond 3x the largest 99th percentile, the axis ends there and counts them);
// speedup with 95 % intervals ("plot-speedup"); accuracy vs latency with the Pareto frontier
// ("plot-pareto"); model size ("plot-size") and peak memory ("plot-memory") bars; MLPerf-style
// scenarios (one table of LoadGen's key figures) when present; system info, workload and
// settings; methodology. A plot with nothing to show is replaced by a sentence saying why. Laid
// out for widths from about 700 px up.
std::string render_html_report(const submission::Submission& submission);

// A Markdown document (GitHub-flavoured tables) with the HTML page's content minus the plots: one
// verdict sentence per variant, the summary table (plus peak memory), techniques, energy, notes,
// warnings, the scenarios table, system info, workload and settings, and the methodology.
std::string render_markdown_report(const submission::Submission& submission);

// The terminal summary: an aligned table (variant, accuracy, median latency with its 95 % interval,
// speedup with its interval and verdict, size, compression, throughput) no wider than 100
// columns, then one verdict sentence per variant and the warnings, wrapped at 100 columns. ANSI
// colour codes only when `color` is true (the caller decides, e.g. isatty(stderr)).
std::string render_summary_table(const submission::Submission& submission, bool color = false);

// Dispatches to the three above; `color` applies to kText only.
std::string render_report(const submission::Submission& submission, ReportFormat format,
                          bool color = false);

// The same from a JSON document: parse_submission, then the renderer above.
std::string render_html_report(const nlohmann::json& document);
std::string render_markdown_report(const nlohmann::json& document);
std::string render_summary_table(const nlohmann::json& document, bool color = false);
std::string render_report(const nlohmann::json& document, ReportFormat format, bool color = false);

}  // namespace tinyperf::report
