#include "tinyperf/report/bench_render.h"

#include <cstdlib>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "render_test_support.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/text.h"

namespace tinyperf::report {
namespace {

using namespace testing;  // render_test_support.h: lines_of, count, expect_self_contained
using submission::BenchComparison;
using submission::BenchDocument;
using submission::BenchModel;
using submission::BenchRun;
using ::testing::HasSubstr;
using ::testing::Not;

// `runs` runs of a model whose run medians are center_ns * (1 + 0.01 * (k % 5 - 2)), k = 1..runs,
// each run three samples 0.99, 1 and 1.01 times its median (within-run robust cv 1.4826 %).
// Positions alternate with the other model's (A B B A ...): `first` is this model's first one.
std::vector<BenchRun> runs_around(double center_ns, std::size_t runs, std::size_t first) {
  std::vector<BenchRun> out;
  for (std::size_t k = 1; k <= runs; ++k) {
    BenchRun r;
    r.run = k;
    r.position = first + 2 * (k - 1);
    const double m = center_ns * (1.0 + 0.01 * (static_cast<double>(k % 5) - 2.0));
    r.latency_ns = {m * 0.99, m, m * 1.01};
    r.load_ms = 1.25 + 0.01 * static_cast<double>(k);
    r.first_inference_ms = 0.0512;
    r.peak_rss_bytes = 12 * 1024 * 1024 + 512 * 1024;  // 12.5 MiB
    r.huge_pages = "yes";
    r.batch_rows = 256;
    out.push_back(r);
  }
  return out;
}

BenchModel model(const std::string& name, double center_ns, std::uint64_t size_bytes,
                 std::size_t first_position) {
  BenchModel m;
  m.name = name;
  m.file = "models/" + name + ".tpm";
  m.sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  m.size_bytes = size_bytes;
  m.parameters = 235146;
  m.precision = "fp32";
  m.input_features = 784;
  m.num_classes = 10;
  m.runs = runs_around(center_ns, 10, first_position);
  m.latency_ms = {center_ns / 1e6, center_ns * 0.98 / 1e6, center_ns * 1.02 / 1e6, 0.018};
  m.within_run_cv = 0.0148;
  m.throughput_rows_per_s = {182400, 180000, 185000, 0.012};
  m.peak_memory_mb = {12.5, 12.5, 12.5, 0};
  m.load_ms = {1.305, 1.26, 1.35, 0.02};
  m.first_inference_ms = {0.0512, 0.0512, 0.0512, 0};
  m.accuracy = 0.8539;
  return m;
}

// The example of the brief: mlp_int8 3.31x faster than mlp over 10 + 10 runs.
BenchComparison faster_comparison() {
  BenchComparison c;
  c.baseline = "mlp";
  c.candidate = "mlp_int8";
  c.baseline_runs = 10;
  c.candidate_runs = 10;
  c.speedup = 3.31;
  c.speedup_ci95 = {3.25, 3.37};
  c.p_value = 1e-12;
  c.verdict = "faster";
  c.between_run_cv = 0.018;
  c.detectable_change = 0.021;
  c.throughput_ratio = 2.87;
  c.throughput_ratio_ci95 = {2.80, 2.95};
  c.throughput_verdict = "faster";
  c.accuracy_delta = -0.0019;
  c.compression_ratio = 3.9;
  c.memory_ratio = 0.97;
  return c;
}

BenchDocument two_models() {
  BenchDocument doc;
  doc.created = "2026-12-03T10:00:00Z";
  doc.tool_version = "0.4.0 (commit abc1234)";
  doc.system_info = {{"processor", "Intel Xeon (2 vCPU)"}, {"cpu_count", 2}};
  doc.settings.runs = 10;
  doc.settings.seed = 42;
  doc.settings.data = "fashion-mnist";
  doc.settings.data_name = "fashion-mnist/test";
  doc.settings.latency_samples = 3;
  doc.settings.warmup_max_s = 0.5;
  doc.settings.batch_rows = 256;
  doc.settings.batch_calls = 5;
  doc.settings.method = "t-test on the log run medians";
  for (std::size_t k = 0; k < 10; ++k) {
    doc.settings.schedule.push_back(k % 2 == 0 ? 0 : 1);
    doc.settings.schedule.push_back(k % 2 == 0 ? 1 : 0);
  }
  doc.models = {model("mlp", 8180, 943718, 1), model("mlp_int8", 2470, 241971, 2)};
  doc.models[1].precision = "int8";
  doc.models[1].accuracy = 0.8520;
  doc.models[1].throughput_rows_per_s = {523500, 519000, 530000, 0.009};
  doc.comparisons = {faster_comparison()};
  doc.wall_seconds = 41.23;
  return doc;
}

constexpr const char* kVerdictLine =
    "mlp_int8 vs mlp: 3.31x faster (95% CI 3.25-3.37x, p=1e-12, 10+10 runs; between-run spread "
    "1.8 %, detectable change 2.1 %)";

TEST(BenchTable, StatesOneVerdictLinePerComparison) {
  const auto lines = lines_of(bench_table(two_models()));
  // Two header lines, two models, a blank line, then the verdict.
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[5], kVerdictLine);
  EXPECT_THAT(lines[1], HasSubstr("model"));
  EXPECT_THAT(lines[0], HasSubstr("latency \xC2\xB5s"));
}

TEST(BenchTable, ShowsEveryFigureOfAModel) {
  const auto lines = lines_of(bench_table(two_models()));
  // mlp: 85.39 %, 8.18 µs ± 1.8 %, 182,400 rows/s, 943718 B = 922 KiB, 12.5 MiB, 1.305 -> "1.30"
  // ms load (3 significant digits), 0.0512 ms first inference.
  EXPECT_EQ(lines[2].rfind("mlp ", 0), 0u);
  for (const char* cell : {"85.39%", "8.18",
                           "\xC2\xB1"
                           "1.8 %",
                           "182,400", "922 KiB", "12.5", "1.30", "0.0512"}) {
    EXPECT_THAT(lines[2], HasSubstr(cell)) << cell;
  }
  EXPECT_THAT(lines[3], HasSubstr("2.47"));               // 2470 ns in µs, same decimals
  EXPECT_THAT(lines[3], HasSubstr("236 KiB"));            // 241971 / 1024 = 236.3
  EXPECT_EQ(char_count(lines[0]), char_count(lines[2]));  // right edges aligned
  EXPECT_EQ(char_count(lines[2]), char_count(lines[3]));
}

TEST(BenchTable, FitsInOneHundredColumns) {
  BenchDocument doc = two_models();
  doc.models[1].name = std::string(150, 'n');
  doc.comparisons[0].candidate = doc.models[1].name;
  const auto lines = lines_of(bench_table(doc));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_LE(char_count(lines[i]), 100u) << lines[i];
  // The verdict line cuts the name at 40 characters ("…(+110 more)") instead of wrapping.
  EXPECT_THAT(lines[5], HasSubstr("(+110 more) vs mlp: 3.31x faster"));
}

TEST(BenchTable, WordsSlowerAsASlowdownAndKeepsOtherVerdictsAsSpeedups) {
  BenchComparison c = faster_comparison();
  c.verdict = "slower";
  c.speedup = 0.8;
  c.speedup_ci95 = {0.78, 0.82};
  c.p_value = 0.0034;
  BenchDocument doc = two_models();
  doc.comparisons = {c};
  // 1 / 0.8 = 1.25; the interval turned round: 1 / 0.82 = 1.2195, 1 / 0.78 = 1.2821.
  EXPECT_THAT(bench_table(doc),
              HasSubstr("mlp_int8 vs mlp: 1.25x slower (95% CI 1.22-1.28x, p=0.0034, 10+10 runs"));
  c.verdict = "no_change";
  c.speedup = 1.001;
  c.speedup_ci95 = {0.995, 1.007};
  c.p_value = 0.71;
  doc.comparisons = {c};
  EXPECT_THAT(bench_table(doc),
              HasSubstr("mlp_int8 vs mlp: no change, 1.00x (95% CI 0.99-1.01x, p=0.71, 10+10"));
  c.verdict = "inconclusive";
  doc.comparisons = {c};
  EXPECT_THAT(bench_table(doc), HasSubstr("mlp_int8 vs mlp: inconclusive, 1.00x (95% CI"));
}

TEST(BenchTable, UsesMillisecondsFromOneMillisecondUp) {
  BenchDocument doc = two_models();
  doc.models[0].latency_ms.median = 12.345;  // the largest median decides the unit
  const auto lines = lines_of(bench_table(doc));
  EXPECT_THAT(lines[0], HasSubstr("latency ms"));
  // The smallest median (0.00247 ms) gets three significant digits: the cap of 4 decimals.
  EXPECT_THAT(lines[2], HasSubstr("12.3450"));
  EXPECT_THAT(lines[3], HasSubstr("0.0025"));
}

TEST(BenchHtml, HasEverySectionAndThePlotOfRunMedians) {
  const std::string html = bench_html(two_models());
  for (const char* section :
       {"summary", "warnings", "verdicts", "run-medians", "runs", "models", "system"}) {
    EXPECT_THAT(html, HasSubstr(std::string("<section id=\"") + section + "\">")) << section;
  }
  EXPECT_THAT(html, HasSubstr("<title>tinyperf report: mlp_int8 vs mlp</title>"));
  EXPECT_THAT(html, HasSubstr(kVerdictLine));  // nothing in it needs escaping
  EXPECT_THAT(html, HasSubstr("<span class=\"badge v-faster\">faster</span>"));
  EXPECT_EQ(count(html, "<svg "), 1u);
  EXPECT_THAT(html, HasSubstr("id=\"plot-runs\""));
  EXPECT_EQ(count(html, "class=\"run-dot\""), 20u);  // one dot per run, 10 + 10
  // Deviations from the model's median: runs_around puts them at -2 % ... +2 %, so the symmetric
  // axis (at least +-1 %, 10 % beyond the widest) runs from -3 to 3 in steps of 1.
  EXPECT_THAT(html, HasSubstr("run median against the model&#39;s median over runs (%)"));
  EXPECT_THAT(html, HasSubstr("class=\"tick-label\">-3</text>"));
  EXPECT_THAT(html, HasSubstr("class=\"tick-label\">3</text>"));
  // The explanation: runs per side, both spreads, the detectable change.
  EXPECT_THAT(html, HasSubstr("(10 runs of mlp_int8, 10 of mlp)"));
  EXPECT_THAT(html, HasSubstr("Between-run spread 1.8 %"));
  EXPECT_THAT(html, HasSubstr("within-run spread of 1.5 % (mlp_int8)"));
  EXPECT_THAT(html, HasSubstr("detected 80 % of the time is 2.1 %"));
  EXPECT_THAT(html, HasSubstr("Batch throughput: 2.87x the rows per second of mlp"));
  // The schedule, A = the baseline.
  EXPECT_THAT(html, HasSubstr("A B B A A B"));
  EXPECT_THAT(html, HasSubstr("(A = mlp, B = mlp_int8)"));
}

TEST(BenchHtml, ListsEveryRunWithItsOwnMedian) {
  const std::string html = bench_html(two_models());
  // mlp's run 1: median 8180 * (1 - 0.01) = 8098.2 ns = 8.10 µs, at position 1, within-run spread
  // 1.4826 * 0.01 = 1.48 % (one decimal from 1 %), load 1.26 ms, 12.5 MiB, huge pages yes.
  EXPECT_THAT(html, HasSubstr("<tr><td>1</td><td>1</td><td>8.10</td><td>1.5 %</td><td>1.26</td>"
                              "<td>0.0512</td><td>12.5</td><td>yes</td></tr>"));
  // Its run 3 (k % 5 = 3): 8180 * 1.01 = 8261.8 ns, position 5.
  EXPECT_THAT(html, HasSubstr("<tr><td>3</td><td>5</td><td>8.26</td>"));
  EXPECT_EQ(count(html, "<table class=\"runs\">"), 2u);
}

TEST(BenchHtml, StatesTheRecordedMethodInFull) {
  // The method `tinyperf bench` records is about 230 characters; names are cut at far fewer.
  BenchDocument doc = two_models();
  doc.settings.method = std::string(230, 'm') + " end of the method";
  EXPECT_THAT(bench_html(doc), HasSubstr(std::string(230, 'm') + " end of the method."));
}

TEST(BenchHtml, IsSelfContained) {
  const std::string html = bench_html(two_models());
  testing::expect_self_contained(html);
  EXPECT_THAT(html, HasSubstr("Content-Security-Policy"));
}

TEST(BenchHtml, SaysWhyThereIsNoPlotWithoutSamples) {
  BenchDocument doc = two_models();
  for (auto& m : doc.models) {
    for (auto& r : m.runs) r.latency_ns.clear();
  }
  const std::string html = bench_html(doc);
  EXPECT_EQ(count(html, "<svg "), 0u);
  EXPECT_THAT(html, HasSubstr("No run has latency samples"));
  EXPECT_THAT(html, HasSubstr("<tr><td>1</td><td>1</td><td>-</td><td>-</td>"));
}

// tests/golden/bench_report.md is the reviewed expected Markdown of two_models(): the figures are
// the literal values above, the run medians those runs_around states. Regenerate with
// TINYPERF_UPDATE_GOLDEN=1 only when the format changes, and review the diff.
TEST(BenchMarkdown, MatchesTheGoldenFile) {
  const std::string path = "../../tests/golden/bench_report.md";
  const std::string md = bench_markdown(two_models());
  const char* update = std::getenv("TINYPERF_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") write_file_atomic(path, md);
  EXPECT_EQ(md, read_text_file(path));
}

TEST(BenchMarkdown, HasTheTablesAndTheVerdict) {
  const std::string md = bench_markdown(two_models());
  EXPECT_THAT(md, HasSubstr(std::string("- ") + kVerdictLine + "\n"));
  EXPECT_THAT(md, HasSubstr("| mlp | baseline | 85.39% | 8.18 | 1.8 % | 182,400 | 922 KiB | 12.5 "
                            "| 1.30 | 0.0512 |\n"));
  EXPECT_THAT(md, HasSubstr("| 1 | 1 | 8.10 | 1.5 % | 1.26 | 0.0512 | 12.5 | yes |\n"));
  EXPECT_THAT(md, HasSubstr("### mlp_int8 vs mlp: faster\n"));
  EXPECT_THAT(md, HasSubstr("- schedule: A B B A"));
}

// A name, path or text with markup of every medium: HTML, Markdown (table cells, code, links),
// a line break and a terminal escape.
const std::string kEvil = "<script>alert(1)</script>|`x`*_a_*[l](u)\nnext\x1b[31m";

BenchDocument hostile_bench() {
  BenchDocument doc = two_models();
  doc.models[1].name = kEvil;
  doc.models[1].file = kEvil + ".tpm";
  doc.models[1].precision = kEvil;
  doc.models[1].runs[0].huge_pages = kEvil;
  doc.comparisons[0].candidate = kEvil;
  doc.comparisons[0].throughput_verdict = kEvil;
  doc.settings.data = kEvil;
  doc.settings.method = kEvil;
  doc.warnings = {kEvil};
  doc.created = kEvil;
  doc.system_info = {{"processor", kEvil}, {kEvil, kEvil}};
  return doc;
}

TEST(BenchEscaping, HtmlShowsHostileTextAsText) {
  const std::string html = bench_html(hostile_bench());
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("\x1b")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  // Every tag on the page is one the renderer writes (no tag from the document).
  const std::regex tag("<(/?)([A-Za-z!]+)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    EXPECT_NE((*it)[2].str(), "script");
  }
  // The warning, once, as one item.
  EXPECT_THAT(html, HasSubstr("<ul class=\"warnings\">\n<li>&lt;script&gt;alert(1)&lt;/script&gt;|"
                              "`x`*_a_*[l](u)?next?[31m</li>\n</ul>"));
}

TEST(BenchEscaping, MarkdownKeepsEveryTableRowItsColumns) {
  const std::string md = bench_markdown(hostile_bench());
  EXPECT_THAT(md, Not(HasSubstr("<script")));
  EXPECT_THAT(md, Not(HasSubstr("\x1b")));
  EXPECT_THAT(md, Not(HasSubstr("\nnext")));  // the line break is gone
  // In each table, every row has as many unescaped '|' as the rule under its header.
  const auto lines = lines_of(md);
  std::size_t expected = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto bars = [&](const std::string& s) {
      std::size_t n = 0;
      for (std::size_t p = 0; p < s.size(); ++p) n += s[p] == '|' && (p == 0 || s[p - 1] != '\\');
      return n;
    };
    if (lines[i].rfind("|---", 0) == 0) expected = bars(lines[i]);
    if (lines[i].empty()) expected = 0;
    if (expected > 0 && lines[i].rfind("|", 0) == 0) {
      EXPECT_EQ(bars(lines[i]), expected) << lines[i];
    }
  }
  EXPECT_THAT(md, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(md, HasSubstr("\\|\\`x\\`"));
}

TEST(BenchEscaping, TerminalGetsNoControlCharacters) {
  const std::string text = bench_table(hostile_bench());
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  const auto lines = lines_of(text);
  // Header, two models, blank, verdict, warning: the name's line break added no line.
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[3].rfind("<script>alert(1)</script>|`x`", 0), 0u);
  // The verdict line cuts the name at 40 characters.
  EXPECT_EQ(
      lines[5].rfind("<script>alert(1)</script>|`x`*_a_*[l](u)\xE2\x80\xA6(+10 more) vs mlp: ", 0),
      0u);
  EXPECT_EQ(lines[6].rfind("warning: <script>", 0), 0u);
}

TEST(BenchReports, OneModelHasNoComparison) {
  BenchDocument doc = two_models();
  doc.models.resize(1);
  doc.comparisons.clear();
  doc.settings.schedule = {0, 0, 0};
  const std::string html = bench_html(doc), md = bench_markdown(doc), text = bench_table(doc);
  for (const std::string* out : {&html, &md, &text}) {
    EXPECT_THAT(*out,
                HasSubstr("Only one model was benched: there is nothing to compare it with."));
    EXPECT_THAT(*out, Not(HasSubstr(" vs ")));
  }
  EXPECT_THAT(html, HasSubstr("<title>tinyperf report: mlp</title>"));
  EXPECT_EQ(count(html, "class=\"run-dot\""), 10u);
  EXPECT_EQ(lines_of(text).size(), 5u);  // two header lines, one model, blank, the sentence
  EXPECT_THAT(md, HasSubstr("- schedule: A A A (A = mlp)\n"));
}

TEST(BenchReports, ShowEveryWarning) {
  BenchDocument doc = two_models();
  doc.warnings = {"mlp: only 3 runs: the interval is wide; 5 or more give a sharper gate",
                  "weights on 2 MB pages: no (THP disabled)"};
  const std::string html = bench_html(doc), md = bench_markdown(doc), text = bench_table(doc);
  EXPECT_THAT(html, HasSubstr("<ul class=\"warnings\">\n<li>mlp: only 3 runs: the interval is "
                              "wide; 5 or more give a sharper gate</li>\n<li>weights on 2 MB "
                              "pages: no (THP disabled)</li>\n</ul>"));
  EXPECT_THAT(md, HasSubstr("## Warnings\n\n- mlp: only 3 runs: the interval is wide; 5 or more "
                            "give a sharper gate\n- weights on 2 MB pages: no (THP disabled)\n"));
  EXPECT_THAT(text, HasSubstr("\nwarning: weights on 2 MB pages: no (THP disabled)\n"));
  // Without warnings the section says so.
  EXPECT_THAT(bench_html(two_models()), HasSubstr("<h2>Warnings</h2>\n<p>None.</p>"));
  EXPECT_THAT(bench_markdown(two_models()), HasSubstr("## Warnings\n\nNone.\n"));
}

}  // namespace
}  // namespace tinyperf::report
