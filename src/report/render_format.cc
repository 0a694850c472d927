#include "render_format.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/core.h>

namespace tinyperf::report::detail {
namespace {

using nlohmann::json;

// "2.15-2.27x".
std::string ci_range_text(const stats::Interval& ci) {
  return fmt::format("{:.2f}-{:.2f}x", ci.lo, ci.hi);
}

std::string size_clause(const VersusBaseline& vs) {
  if (!vs.compression_ratio) return "";
  const double r = *vs.compression_ratio;
  if (std::abs(r - 1.0) < 0.05) return ", about the same size";
  return r > 1.0 ? fmt::format(", {} smaller", ratio_text(r))
                 : fmt::format(", {} larger", ratio_text(1.0 / r));
}

std::string accuracy_clause(const VersusBaseline& vs) {
  return vs.accuracy_delta ? fmt::format(", accuracy {}", points_text(*vs.accuracy_delta)) : "";
}

std::string efficiency_clause(const VersusBaseline& vs) {
  return vs.efficiency_score ? fmt::format(" (efficiency score {:.2f})", *vs.efficiency_score) : "";
}

// "is 2.21x faster than B (95% CI 2.15-2.27x, p < 0.001)" and the other verdicts.
std::string speed_clause(const VersusBaseline& vs, const std::string& base) {
  const std::string s = speedup_text(vs.speedup.value_or(0.0));
  if (!vs.verdict) {
    return vs.speedup ? fmt::format(
                            "has a speedup of {} over {} (no raw samples: no interval or "
                            "verdict)",
                            s, base)
                      : fmt::format("cannot be compared with {} on latency", base);
  }
  const std::string stats_part =
      fmt::format("95% CI {}, {}", ci_range_text(*vs.speedup_ci95), p_text(*vs.p_value));
  switch (*vs.verdict) {
    case stats::Verdict::kFaster:
      return fmt::format("is {} faster than {} ({})", s, base, stats_part);
    case stats::Verdict::kSlower:
      return fmt::format("is {} slower than {} (speedup {}, {})", speedup_text(1.0 / *vs.speedup),
                         base, s, stats_part);
    case stats::Verdict::kNoChange:
      return fmt::format("is as fast as {} within 1% (speedup {}, {})", base, s, stats_part);
    case stats::Verdict::kInconclusive:
      break;
  }
  return fmt::format("shows no clear latency difference from {}: inconclusive (speedup {}, {})",
                     base, s, stats_part);
}

template <class T>
std::string setting(const std::optional<T>& value, const NameFormat& format) {
  return value ? format(json_text(json(*value))) : std::string("?");
}

}  // namespace

std::string latency_text(const ReportView& view, double ms) {
  return fmt::format("{:.{}f}", in_unit(view, ms), view.unit.decimals);
}

std::string median_ci_text(const ReportView& view, const VariantView& v) {
  if (!v.latency_ms) return "-";
  const std::string median = latency_text(view, *v.latency_ms);
  if (!v.box || !v.box->median_ci95) return median;
  return fmt::format("{} [{}, {}]", median, latency_text(view, v.box->median_ci95->lo),
                     latency_text(view, v.box->median_ci95->hi));
}

std::string speedup_text(double speedup) { return fmt::format("{:.2f}x", speedup); }

std::string speedup_ci_text(const VersusBaseline& vs) {
  if (!vs.speedup) return "-";
  if (!vs.speedup_ci95) return speedup_text(*vs.speedup);
  return fmt::format("{} [{:.2f}, {:.2f}]", speedup_text(*vs.speedup), vs.speedup_ci95->lo,
                     vs.speedup_ci95->hi);
}

std::string percent_text(double fraction) { return fmt::format("{:.2f}%", fraction * 100.0); }

std::string points_text(double delta) {
  const double points = delta * 100.0;
  return fmt::format("{}{:.2f} points", points >= 0.0 ? "+" : "-", std::abs(points));
}

std::string mib_text(double mib) { return fmt::format("{:.{}f}", mib, mib >= 10 ? 1 : 2); }

std::string ratio_text(double ratio) {
  return fmt::format("{:.{}f}x", ratio, ratio >= 100 ? 0 : 1);
}

std::string throughput_text(double per_second) {
  const std::string digits = fmt::format("{:.0f}", per_second);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : fmt::format("p = {:.3f}", p); }

std::string energy_text(double joules) {
  if (joules >= 1.0 || joules == 0.0) return fmt::format("{:.2g} J", joules);
  if (joules >= 1e-3) return fmt::format("{:.3g} mJ", joules * 1e3);
  if (joules >= 1e-6) return fmt::format("{:.3g} \xC2\xB5J", joules * 1e6);
  return fmt::format("{:.3g} nJ", joules * 1e9);
}

std::string_view role_text(Role role) { return submission::to_string(role); }

std::string verdict_text(const VariantView& v) {
  if (v.role == Role::kBaseline) return "baseline";
  if (!v.versus || !v.versus->verdict) return "-";
  return *v.versus->verdict == stats::Verdict::kNoChange
             ? "no change"
             : std::string(stats::to_string(*v.versus->verdict));
}

std::string_view verdict_key(const VariantView& v) {
  if (!v.versus || !v.versus->verdict) return "none";
  return stats::to_string(*v.versus->verdict);
}

std::string verdict_sentence(const ReportView& view, const VariantView& v,
                             const NameFormat& format) {
  const std::string name = format(v.name);
  const std::string base = format(view.variants.front().name);
  if (!v.versus) return fmt::format("{} cannot be compared with {}.", name, base);
  return fmt::format("{} {}{}{}{}.", name, speed_clause(*v.versus, base), size_clause(*v.versus),
                     accuracy_clause(*v.versus), efficiency_clause(*v.versus));
}

namespace {

std::string energy_method_text(const std::string& method) {
  if (method == "estimate") return "estimated, not measured";
  if (method == "rapl") return "measured with the RAPL counters";
  return method.empty() ? "method not stated" : "method: " + method;
}

}  // namespace

std::vector<std::string> energy_lines(const ReportView& view, const NameFormat& name) {
  std::vector<std::string> methods;
  for (const auto& v : view.variants) {
    if (v.energy_j && std::find(methods.begin(), methods.end(), v.energy_method) == methods.end()) {
      methods.push_back(v.energy_method);
    }
  }
  std::vector<std::string> out;
  for (const auto& method : methods) {
    std::string items;
    for (const auto& v : view.variants) {
      if (!v.energy_j || v.energy_method != method) continue;
      std::string value = energy_text(*v.energy_j);
      const auto space = value.find(' ');
      if (space != std::string::npos)
        value.replace(space, 1, "\xC2\xA0");  // no break before the unit
      items += fmt::format("{}{} {}", items.empty() ? "" : " \xC2\xB7 ", name(v.name), value);
    }
    out.push_back(fmt::format("Energy per inference ({}): {}", energy_method_text(method), items));
  }
  return out;
}

std::string methodology_measurement(const ReportView& view, const NameFormat& f) {
  const submission::RunSettings s = view.settings.value_or(submission::RunSettings{});
  const submission::Workload w = view.workload.value_or(submission::Workload{});
  return fmt::format(
      "Each variant was timed over {} runs after {} warm-up runs ({} scenario, batch size {}, "
      "threads {}, {}), on the {} split of {} ({} samples). Latency is the wall-clock time of one "
      "inference call, kept in the file as raw per-run samples; accuracy is measured on the whole "
      "split; throughput comes from a separate batched run and is never derived from latency; "
      "model size counts the stored bytes (MiB = 2^20 bytes); peak memory is the value the tool "
      "recorded (peak_memory_mb). Energy, where shown, carries its method: an estimate is not a "
      "measurement.",
      setting(s.measurement_runs, f), setting(s.warmup_runs, f), setting(s.scenario, f),
      setting(s.batch_size, f), setting(s.threads, f),
      view.paired ? "variants interleaved in shuffled rounds"
                  : "variants measured one after the other",
      setting(w.split, f), setting(w.dataset_name, f), setting(w.num_samples, f));
}

std::string methodology_statistics(const ReportView& view) {
  return fmt::format(
      "Every latency figure here is recomputed from those raw samples: medians, type-7 "
      "percentiles, and a distribution-free 95% interval for the median from order statistics. "
      "Speedup is the baseline's median latency divided by the variant's; its 95% interval is a "
      "percentile bootstrap with 10,000 resamples ({}), and p comes from a two-sided "
      "Mann-Whitney U test. A variant is called faster or slower only when p < 0.05 and the whole "
      "interval lies outside 1 \xC2\xB1 0.01, no change when the interval lies inside that band, "
      "and inconclusive otherwise. Compression is the baseline's size over the variant's; the "
      "efficiency score is speedup \xC3\x97 compression / (1 + accuracy loss); the Pareto "
      "frontier holds the variants that no other variant beats on both accuracy and median "
      "latency.",
      view.paired ? "resampling paired rounds, as the runs were interleaved"
                  : "resampling each side independently");
}

namespace {

// A long list of numbers: raw data (samples, latencies), not something to read in a report.
bool is_raw_data(const json& value) {
  if (!value.is_array() || value.size() <= 8) return false;
  return std::all_of(value.begin(), value.end(), [](const json& x) { return x.is_number(); });
}

// Appends `value` under `key`, nested objects as dotted keys ("baseline.recipe.epochs"), without
// raw data.
void flatten(const std::string& key, const json& value,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (is_raw_data(value)) return;
  if (!value.is_object() || value.empty()) {
    out.emplace_back(key, json_text(value));
    return;
  }
  for (const auto& [sub, item] : value.items()) flatten(key + "." + sub, item, out);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> display_pairs(
    const json& obj, Block block, const std::vector<std::string_view>& skip) {
  static const std::vector<std::vector<std::string_view>> kOrder = {
      {"processor", "cpu_count", "memory_gb", "isa", "cpu_governor", "clocksource", "os", "kernel",
       "platform", "machine"},
      {"name", "version", "git_commit", "build_type", "compiler", "flags"},
      {"dataset", "task", "input_shape"},
      {"scenario", "measurement_runs", "warmup_runs", "min_duration_s", "batch_size", "threads",
       "interleaved", "seed"}};
  if (!obj.is_object()) return {{"value", json_text(obj)}};
  std::vector<std::string> keys;
  for (const auto key : kOrder[static_cast<std::size_t>(block)]) {
    if (obj.contains(key)) keys.emplace_back(key);
  }
  for (const auto& [key, value] : obj.items()) {  // nlohmann::json keeps keys sorted
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& key : keys) {
    if (std::find(skip.begin(), skip.end(), key) == skip.end()) flatten(key, obj.at(key), out);
  }
  return out;
}

namespace {

// A block as the key/value tables show it: the document's members ({} when absent).
template <class T>
json block_json(const std::optional<T>& block) {
  return block ? submission::to_json(*block) : json::object();
}

}  // namespace

std::vector<DisplayBlock> system_blocks(const ReportView& view) {
  const json system = block_json(view.system_info);
  const json tool = block_json(view.tool);
  const json workload = block_json(view.workload);
  const json settings = block_json(view.settings);
  std::vector<std::string_view> build_fields;
  if (!tool.empty())
    build_fields = {"tool_version", "git_commit", "build_type", "compiler", "flags"};
  const std::tuple<const char*, const json*, Block> blocks[] = {
      {"System", &system, Block::kSystem},
      {"Tool", &tool, Block::kTool},
      {"Workload", &workload, Block::kWorkload},
      {"Settings", &settings, Block::kSettings}};
  std::vector<DisplayBlock> out;
  for (const auto& [title, obj, block] : blocks) {
    if (obj->empty()) continue;
    out.push_back(
        {title,
         display_pairs(*obj, block,
                       block == Block::kSystem ? build_fields : std::vector<std::string_view>{})});
  }
  return out;
}

std::string json_text(const json& value) {
  if (value.is_string())
    return value.get_ref<const std::string&>().empty() ? "(none)" : value.get<std::string>();
  if ((value.is_array() || value.is_object()) && value.empty()) return "(none)";
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  if (value.is_number()) {
    const double x = value.get<double>();
    return std::abs(x) >= 1000.0 ? fmt::format("{:.0f}", x) : fmt::format("{:.4g}", x);
  }
  if (value.is_null()) return "-";
  std::string out;
  if (value.is_array()) {
    for (const auto& item : value) out += (out.empty() ? "" : ", ") + json_text(item);
    return out;
  }
  for (const auto& [key, item] : value.items()) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", key, json_text(item));
  }
  return out;
}

}  // namespace tinyperf::report::detail
