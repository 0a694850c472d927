// Number formatting and the verdict sentences shared by the HTML, Markdown and terminal reports.
// Everything returned here is plain text (unescaped): each renderer escapes it for its medium.
// Private to the report module.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render_model.h"

namespace tinyperf::report::detail {

// A latency in the view's unit without the unit, with the view's decimals ("4.52", "10.05").
std::string latency_text(const ReportView& view, double ms);
// "4.52 [4.47, 4.58]" (median and its 95 % interval) or "4.52" without interval; "-" when absent.
std::string median_ci_text(const ReportView& view, const VariantView& v);
// "2.21x".
std::string speedup_text(double speedup);
// "2.21x [2.15, 2.27]", or "2.21x" without interval.
std::string speedup_ci_text(const VersusBaseline& versus);
// "88.51%" for 0.8851.
std::string percent_text(double fraction);
// "-0.19 points" for -0.0019 (accuracy difference in percentage points, signed).
std::string points_text(double delta);
// "0.90" (MiB, two decimals below 10, else one).
std::string mib_text(double mib);
// "3.9x".
std::string ratio_text(double ratio);
// "182,400" (samples per second, grouped thousands).
std::string throughput_text(double per_second);
// "p < 0.001" or "p = 0.012".
std::string p_text(double p);
// "95 nJ" / "1.2 µJ" / "3.4 mJ" / "2.0 J" per inference.
std::string energy_text(double joules);
// "baseline", "optimized", "candidate".
std::string_view role_text(Role role);
// "faster", "slower", "no change", "inconclusive", or "-" without a verdict.
std::string verdict_text(const VariantView& v);
// The verdict class for styling: "faster", "slower", "no_change", "inconclusive", "none".
std::string_view verdict_key(const VariantView& v);

// How a sentence shows a model name (e.g. cut short and escaped for Markdown).
using NameFormat = std::function<std::string(std::string_view)>;

// One sentence comparing variant `v` with the baseline, e.g. "mlp_int8 is 2.21x faster than
// mlp_fp32 (95% CI 2.15-2.27x, p < 0.001), 3.9x smaller, accuracy -0.19 points (efficiency
// score 8.59)." Names pass
// through `name`; the rest is plain text.
std::string verdict_sentence(const ReportView& view, const VariantView& v, const NameFormat& name);

// The energy figures, one line per energy method (usually one line), e.g. "Energy per inference
// (estimated, not measured): mlp_fp32 12.1 µJ · mlp_int8 4.17 µJ". Names pass through `name`.
// Empty when no variant has energy_j.
std::vector<std::string> energy_lines(const ReportView& view, const NameFormat& name);

// The two methodology paragraphs (plain text), stating the view's actual settings; values taken
// from the document pass through `value`.
std::string methodology_measurement(const ReportView& view, const NameFormat& value);
std::string methodology_statistics(const ReportView& view);

// Which block of the document display_pairs lists (decides the order of the known keys).
enum class Block { kSystem, kTool, kWorkload, kSettings };

// The members of `obj` as (key, text) pairs for display: the block's known keys first in a
// reader's order (e.g. processor, cpu_count, memory_gb for the system), then the others
// alphabetically, without the keys in `skip`; nested objects flattened into dotted keys
// ("dataset.name", "baseline.recipe.epochs"); lists of more than 8 numbers left out (raw data,
// which the file keeps for recomputation).
std::vector<std::pair<std::string, std::string>> display_pairs(
    const nlohmann::json& obj, Block block, const std::vector<std::string_view>& skip = {});

// One block of the "System, workload and settings" section, ready for display.
struct DisplayBlock {
  std::string title;  // "System", "Tool", "Workload", "Settings"
  std::vector<std::pair<std::string, std::string>> pairs;
};
// The view's system_info, tool, workload and settings blocks in that order (empty ones left out);
// the system block without the build fields that the tool block shows (tool_version, git_commit,
// build_type, compiler, flags) when there is a tool block.
std::vector<DisplayBlock> system_blocks(const ReportView& view);

// A JSON value as text: strings as they are ("(none)" when empty), integers exactly, other
// numbers with 4 significant digits (no decimals from 1000 up), booleans as yes/no, lists joined
// with ", ", objects as "key value, ...". Used for system info, settings and scenarios.
std::string json_text(const nlohmann::json& value);

// The MLPerf-style scenario results (the document's "scenarios") as a table: one column per
// scenario (single_stream, multi_stream, server, offline first), one row per LoadGen figure that at
// least one scenario reports (result, scenario metric, latency percentiles in ns/µs/ms/s, rates,
// counts, the validity conditions, warnings). Cells are plain text, "-" where a scenario lacks
// the figure. Empty when `scenarios` is not an object or has no members.
struct ScenarioTable {
  std::vector<std::string> columns;  // scenario keys as in the file
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;  // label, one cell per column
};
ScenarioTable scenario_table(const nlohmann::json& scenarios);

}  // namespace tinyperf::report::detail
