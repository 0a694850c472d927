// Reports of one `tinyperf bench` session (submission::BenchDocument, tinyperf/submission/bench.h):
// a self-contained HTML page with an inline SVG plot, a Markdown document, and the terminal
// summary the command prints at the end.
//
// Data flow is one way, as for `run`'s reports (render.h): each renderer takes the document and
// nothing else and returns a string. The figures are shown as the document states them (each
// model's RunFigure summaries over runs and each BenchComparison's run-level verdict, made by
// stats::compare_runs when the session ran); the only values recomputed here are each run's own
// median batch-1 latency and robust within-run cv (stats::median and stats::robust_cv of its
// latency_ns), which the per-run tables and the plot show. A run without latency samples (a
// document written with samples = false) shows "-" there and is left out of the plot.
//
// Latencies are shown in µs when every model's median is below 1 ms, else in ms, with the decimals
// that give the smallest median three significant digits; spreads as percentages ("1.8 %"); sizes
// in B, KiB or MiB (2^10, 2^20 bytes); memory in MiB.
//
// Every string taken from the document (model names and files, settings such as the data path
// and method, system info, warnings) is escaped for the output medium: HTML entities in HTML and
// SVG, backslash/entity escapes in Markdown, control bytes replaced in terminal text
// (tinyperf/core/text.h), so a hostile file name cannot inject markup, table cells or escape
// codes. Never throws for a document the bench command or parse of bench.json produces; models
// without runs and comparisons without a verdict string are shown with "-".
#pragma once

#include <string>

#include "tinyperf/submission/bench.h"

namespace tinyperf::report {

// One HTML5 page, UTF-8, inline CSS and one inline SVG plot, no script and no external load (the
// same Content-Security-Policy as report.html). Sections: summary (one verdict badge and line per
// comparison, and a table of every model), warnings, the run-level explanation of each verdict
// (between-run and within-run spread, runs per side, the detectable change, throughput, accuracy,
// size and memory against the baseline), the run medians of each model (id "plot-runs": one dot
// per run), one table of runs per model, the models' files, the settings (with the schedule) and
// the system info.
std::string bench_html(const submission::BenchDocument& doc);

// The page's content as GitHub-flavoured Markdown, the plot replaced by the per-run tables.
std::string bench_markdown(const submission::BenchDocument& doc);

// The terminal summary: an aligned table of the models (name, accuracy, median batch-1 latency
// with its between-run cv, throughput in rows/s, stored size, peak memory in MiB, load and
// first-inference time in ms) no wider than 100 columns (long names cut with "…"), a blank line,
// then one unwrapped verdict line per comparison, e.g. "mlp_int8 vs mlp: 3.31x faster (95% CI
// 3.25-3.37x, p=1e-12, 10+10 runs; between-run spread 1.8 %, detectable change 2.1 %)" (runs:
// candidate's + baseline's), and the warnings, each wrapped at 100 columns. No colour codes.
std::string bench_table(const submission::BenchDocument& doc);

}  // namespace tinyperf::report
