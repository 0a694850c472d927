// Helpers shared by the report renderers' tests (not part of the library).
#pragma once

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render_model.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/report/render.h"

namespace tinyperf::report::testing {

// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// How often `needle` occurs in `haystack` (overlapping occurrences count).
inline std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

// Expects a page that loads nothing: the only URL is the SVG namespace (an identifier, never
// fetched), and no src, href, srcset or action attribute, no url(), @import, <script> or <link>.
// "http-equiv" (the CSP meta tag's attribute) is not a URL, so the check looks for schemes and
// references, not for "http".
inline void expect_self_contained(const std::string& html) {
  using ::testing::HasSubstr;
  using ::testing::Not;
  const std::string without_ns =
      std::regex_replace(html, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
  EXPECT_FALSE(std::regex_search(without_ns, std::regex("[A-Za-z][A-Za-z0-9+.-]*://")));
  EXPECT_FALSE(std::regex_search(without_ns,
                                 std::regex("(src|href|srcset|action)\\s*=", std::regex::icase)));
  EXPECT_THAT(without_ns, Not(HasSubstr("url(")));
  EXPECT_THAT(without_ns, Not(HasSubstr("@import")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
}

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
