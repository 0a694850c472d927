// Helpers shared by the report renderers' tests (not part of the library).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render_model.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report::testing {

// The v1 fixture: a measured run of five variants (tests/golden/fixtures/run_submission.json, made
// by make_run_submission.py there; cwd is src/report).
inline nlohmann::json fixture() {
  return read_json_file("../../tests/golden/fixtures/run_submission.json");
}

// The fixture rendered once per test program (each rendering recomputes every comparison, about a
// third of a second for the fixture's 5 x 400 samples).
inline const std::string& fixture_html() {
  static const std::string html = render_html_report(fixture());
  return html;
}
inline const std::string& fixture_text() {
  static const std::string text = render_summary_table(fixture());
  return text;
}
inline const detail::ReportView& fixture_view() {
  static const detail::ReportView view = detail::build_report_view(fixture());
  return view;
}

// A minimal side: model_name, metrics {accuracy, model_size_mb} and, unless empty, raw samples.
inline nlohmann::json side(const std::string& name, const std::vector<double>& samples_ms,
                           double accuracy = 0.88, double size_mb = 1.0) {
  nlohmann::json s = {{"model_name", name},
                      {"metrics", {{"accuracy", accuracy}, {"model_size_mb", size_mb}}}};
  if (!samples_ms.empty()) s["samples"] = {{"latency_ms", samples_ms}};
  return s;
}

// `n` latencies around `center_ms`: center * (1 + step * k) for k = -2..2 repeated (a spread of
// +-2 step), plus 1e-6 * i against ties, so that comparisons have easily predicted outcomes.
inline std::vector<double> around(double center_ms, int n = 40, double step = 0.01) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(center_ms * (1.0 + step * (i % 5 - 2) + 1e-6 * i));
  return out;
}

// A document with a hostile name or text in every place a renderer shows one.
inline nlohmann::json hostile() {
  const std::string evil = "<script>alert(1)</script>\x1b[31m|*_x_*`[a](b)&amp;\"'";
  nlohmann::json doc = {{"baseline", side(evil + "base", around(0.010))},
                        {"optimized", side("<img src=x onerror=alert(2)>", around(0.005))},
                        {"candidates", nlohmann::json::array({side(evil, around(0.007))})},
                        {"timestamp", evil},
                        {"system_info", {{"processor", evil}, {"<b>key</b>", evil}}},
                        {"settings", {{"scenario", evil}}},
                        {"warnings", {evil}},
                        {"scenarios", {{evil, {{"sut_name", evil}, {"warnings", {evil}}}}}}};
  doc["candidates"][0]["techniques_applied"] = {evil};
  return doc;
}

}  // namespace tinyperf::report::testing
