#include "bench_format.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "tinyperf/core/text.h"
#include "tinyperf/stats/quality.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::report::detail {
namespace {

using submission::BenchComparison;

constexpr std::size_t kMaxTitleNameChars = 60;
constexpr double kMib = 1024.0 * 1024.0;

// "3.25-3.37x".
std::string range_text(double lo, double hi) { return fmt::format("{:.2f}-{:.2f}x", lo, hi); }

// "3.31x faster (95% CI 3.25-3.37x" and the other verdicts' openings.
std::string verdict_opening(const BenchComparison& c, const NameFormat& value) {
  const double s = c.speedup;
  const auto& ci = c.speedup_ci95;
  if (c.verdict == "faster") {
    return fmt::format("{:.2f}x faster (95% CI {}", s, range_text(ci.lo, ci.hi));
  }
  if (c.verdict == "slower" && s > 0 && ci.lo > 0) {
    return fmt::format("{:.2f}x slower (95% CI {}", 1.0 / s, range_text(1.0 / ci.hi, 1.0 / ci.lo));
  }
  return fmt::format("{}, {:.2f}x (95% CI {}", bench_verdict_word(c.verdict, value), s,
                     range_text(ci.lo, ci.hi));
}

std::string within_text(const BenchView& view, const std::string& name) {
  const auto* m = find_model(view, name);
  return m ? spread_text(m->within_run_cv) : "-";
}

}  // namespace

BenchView build_bench_view(const submission::BenchDocument& doc) {
  BenchView view;
  view.doc = &doc;
  std::vector<double> medians;
  for (const auto& m : doc.models) {
    if (m.latency_ms.median > 0) medians.push_back(m.latency_ms.median);
    BenchModelView mv{&m, {}};
    for (const auto& run : m.runs) {
      BenchRunView rv{&run, std::nullopt, std::nullopt};
      if (!run.latency_ns.empty()) {
        rv.median_ms = stats::median(run.latency_ns) / 1e6;
        rv.within_cv = stats::robust_cv(run.latency_ns);
      }
      mv.runs.push_back(rv);
    }
    view.models.push_back(std::move(mv));
  }
  view.unit = latency_unit(medians);
  return view;
}

const submission::BenchModel* find_model(const BenchView& view, const std::string& name) {
  for (const auto& m : view.doc->models) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string bench_latency(const BenchView& view, double ms) {
  return fmt::format("{:.{}f}", ms * view.unit.per_ms, view.unit.decimals);
}

std::string bench_latency_unit(const BenchView& view, double ms) {
  return bench_latency(view, ms) + " " + view.unit.name;
}

std::string spread_text(double fraction) {
  const double pct = fraction * 100.0;
  const int decimals = std::abs(pct) >= 10.0 ? 0 : std::abs(pct) >= 1.0 ? 1 : 2;
  return fmt::format("{:.{}f} %", pct, decimals);
}

std::string significant_text(double x, int digits) {
  if (x == 0.0 || !std::isfinite(x)) return fmt::format("{:g}", x);
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(x))));
  return fmt::format("{:.{}f}", x, std::clamp(digits - 1 - magnitude, 0, 6));
}

std::string bytes_text(std::uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (b < kMib) return fmt::format("{} KiB", significant_text(b / 1024.0));
  return fmt::format("{} MiB", mib_text(b / kMib));
}

std::string p_value_text(double p) {
  if (p <= 0.0) return "<1e-300";
  return fmt::format("{:.2g}", p);
}

std::string bench_verdict_word(const std::string& verdict, const NameFormat& value) {
  if (verdict.empty()) return "-";
  if (verdict == "no_change") return "no change";
  return bench_verdict_key(verdict) == "none" ? value(verdict) : verdict;
}

std::string bench_verdict_key(const std::string& verdict) {
  for (const char* key : {"faster", "slower", "no_change", "inconclusive"}) {
    if (verdict == key) return key;
  }
  return "none";
}

std::string bench_verdict_line(const BenchComparison& c, const NameFormat& name) {
  return fmt::format("{} vs {}: {}, p={}, {}+{} runs; between-run spread {}, detectable change {})",
                     name(c.candidate), name(c.baseline), verdict_opening(c, name),
                     p_value_text(c.p_value), c.candidate_runs, c.baseline_runs,
                     spread_text(c.between_run_cv), spread_text(c.detectable_change));
}

std::string spread_explanation(const BenchView& view, const BenchComparison& c,
                               const NameFormat& name) {
  return fmt::format(
      "Each run is its own worker process, and the verdict compares the runs' median latencies "
      "({} runs of {}, {} of {}), not the pooled samples. Between-run spread {}: how much a "
      "model's run medians differ from process to process, against a within-run spread of {} "
      "({}) and {} ({}) between the samples of one run. With these runs the smallest change "
      "detected 80 % of the time is {}: a smaller real difference comes out as no change or "
      "inconclusive, and more runs (--runs) lower it.",
      c.candidate_runs, name(c.candidate), c.baseline_runs, name(c.baseline),
      spread_text(c.between_run_cv), within_text(view, c.candidate), name(c.candidate),
      within_text(view, c.baseline), name(c.baseline), spread_text(c.detectable_change));
}

std::string other_figures(const BenchComparison& c, const NameFormat& name) {
  std::string out = fmt::format(
      "Batch throughput: {:.2f}x the rows per second of {} (95% CI {}), {}.", c.throughput_ratio,
      name(c.baseline), range_text(c.throughput_ratio_ci95.lo, c.throughput_ratio_ci95.hi),
      bench_verdict_word(c.throughput_verdict, name));
  if (c.accuracy_delta) out += fmt::format(" Accuracy {}.", points_text(*c.accuracy_delta));
  const double r = c.compression_ratio;
  if (std::abs(r - 1.0) < 0.05) {
    out += " About the same size on disk.";
  } else if (r > 0) {
    out += fmt::format(" {} {} on disk.", ratio_text(r >= 1.0 ? r : 1.0 / r),
                       r >= 1.0 ? "smaller" : "larger");
  }
  return out + fmt::format(" Peak memory {:.2f}x that of {}.", c.memory_ratio, name(c.baseline));
}

BenchSummaryRow summary_row(const BenchView& view, const BenchModelView& mv) {
  const auto& m = *mv.model;
  return {m.accuracy ? percent_text(*m.accuracy) : "-",
          bench_latency(view, m.latency_ms.median),
          spread_text(m.latency_ms.between_run_cv),
          throughput_text(m.throughput_rows_per_s.median),
          bytes_text(m.size_bytes),
          fmt::format("{:.1f}", m.peak_memory_mb.median),
          significant_text(m.load_ms.median),
          significant_text(m.first_inference_ms.median)};
}

std::vector<std::string> run_headers(const BenchView& view) {
  return {"run",
          "position",
          fmt::format("latency median ({})", view.unit.name),
          "within-run spread",
          "load (ms)",
          "first inference (ms)",
          "peak RSS (MiB)",
          "huge pages"};
}

std::vector<std::string> run_cells(const BenchView& view, const BenchRunView& r) {
  const auto& run = *r.run;
  return {fmt::format("{}", run.run),
          fmt::format("{}", run.position),
          r.median_ms ? bench_latency(view, *r.median_ms) : "-",
          r.within_cv ? spread_text(*r.within_cv) : "-",
          significant_text(run.load_ms),
          significant_text(run.first_inference_ms),
          fmt::format("{:.1f}", static_cast<double>(run.peak_rss_bytes) / kMib),
          run.huge_pages};
}

namespace {

// "A" for model 0 ... "Z", then "27", "28", ... (1-based) beyond 26 models.
std::string model_letter(std::size_t index, std::size_t models) {
  if (models <= 26) return std::string(1, static_cast<char>('A' + index));
  return fmt::format("{}", index + 1);
}

std::string schedule_text(const submission::BenchDocument& doc) {
  std::string order;
  for (const std::size_t i : doc.settings.schedule) {
    if (!order.empty()) order += ' ';
    order += i < doc.models.size() ? model_letter(i, doc.models.size()) : "?";
  }
  std::string legend;
  for (std::size_t i = 0; i < doc.models.size(); ++i) {
    legend += fmt::format("{}{} = {}", legend.empty() ? "" : ", ",
                          model_letter(i, doc.models.size()), doc.models[i].name);
  }
  return order.empty() ? "(none)" : fmt::format("{} ({})", order, legend);
}

std::string text_or_none(const std::string& s) { return s.empty() ? "(none)" : s; }

}  // namespace

std::vector<std::pair<std::string, std::string>> settings_pairs(const BenchView& view) {
  const auto& s = view.doc->settings;
  return {{"runs per model", fmt::format("{}", s.runs)},
          {"quick", s.quick ? "yes" : "no"},
          {"seed", fmt::format("{}", s.seed)},
          {"threads", fmt::format("{}", s.threads)},
          {"data", text_or_none(s.data)},
          {"data set", text_or_none(s.data_name)},
          {"data sha256", text_or_none(s.data_sha256)},
          {"latency samples per run", fmt::format("{}", s.latency_samples)},
          {"warm-up per run, at most", fmt::format("{:g} s", s.warmup_max_s)},
          {"batch rows", fmt::format("{}", s.batch_rows)},
          {"batch calls per run", fmt::format("{}", s.batch_calls)},
          {"alpha", fmt::format("{:g}", s.alpha)},
          {"noise band", fmt::format("\xC2\xB1{}", spread_text(s.noise))},
          {"method", text_or_none(s.method)},
          {"schedule", schedule_text(*view.doc)},
          {"wall time", fmt::format("{:.1f} s", view.doc->wall_seconds)}};
}

std::vector<std::pair<std::string, std::string>> system_pairs(
    const submission::BenchDocument& doc) {
  if (doc.system_info.is_null() || doc.system_info.empty())
    return {{"system info", "not recorded"}};
  return display_pairs(doc.system_info, Block::kSystem);
}

std::string bench_title(const submission::BenchDocument& doc) {
  const auto name = [&](std::size_t i) { return shorten(doc.models[i].name, kMaxTitleNameChars); };
  if (doc.models.empty()) return "no models";
  if (doc.models.size() == 1) return name(0);
  if (doc.models.size() == 2) return fmt::format("{} vs {}", name(1), name(0));
  return fmt::format("{} models against {}", doc.models.size(), name(0));
}

std::string bench_meta(const submission::BenchDocument& doc) {
  std::vector<std::string> parts;
  if (!doc.created.empty()) parts.push_back("created " + doc.created);
  if (!doc.tool_version.empty()) parts.push_back("tinyperf " + doc.tool_version);
  if (doc.wall_seconds > 0) parts.push_back(fmt::format("{:.1f} s", doc.wall_seconds));
  if (doc.system_info.is_object() && doc.system_info.contains("processor")) {
    parts.push_back(json_text(doc.system_info.at("processor")));
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " \xC2\xB7 ") + p;
  return out;
}

std::string bench_methodology(const BenchView& view, const NameFormat& value) {
  const auto& s = view.doc->settings;
  return fmt::format(
      "Each model was measured in {} separate worker processes, started in a shuffled interleaved "
      "order (the schedule under Settings), each loading the file itself, warming up and timing "
      "{} blocks of batch-1 calls and {} batch calls of {} rows. A model's figures are the "
      "medians over its runs; the between-run spread is the robust cv of the run values "
      "(1.4826 \xC3\x97 MAD / median), the within-run spread the median over runs of each run's "
      "robust cv of its samples. Verdicts: {}{}",
      s.runs, s.latency_samples, s.batch_calls, s.batch_rows,
      s.method.empty() ? std::string("(method not recorded)") : value(s.method),
      s.method.ends_with('.') ? "" : ".");
}

}  // namespace tinyperf::report::detail
