// The one place that knows which command-line flag sets which library settings field. The
// library names settings by their fields (InputError::field(), "max_duration_s"); what the CLI
// prints names them by their flags ("--max-duration").
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "cli.h"

namespace tinyperf::cli {
namespace {

struct FieldFlag {
  std::string_view field;  // as the options struct spells it
  std::string_view flag;   // the flag of every command that sets it
};

// Fields of LoadgenSettings, FindPeakOptions, TrainOptions, SessionOptions, QuantizeOptions,
// RunOptions, HistoryQuery and of the functions the commands call with a flag's value.
constexpr FieldFlag kFieldFlags[] = {
    {"target_qps", "--target-qps"},
    {"start_qps", "--target-qps"},
    {"target_latency_ns", "--latency-bound-ms"},
    {"min_duration_s", "--min-duration"},
    {"max_duration_s", "--max-duration"},
    {"min_query_count", "--min-queries"},
    {"max_query_count", "--max-queries"},
    {"samples_per_query", "--samples-per-query"},
    {"scenario", "--scenario"},
    {"find_peak", "--find-peak"},
    {"max_batch", "--batch-size"},
    {"batch_size", "--batch-size"},
    {"epochs", "--epochs"},
    {"learning_rate", "--lr"},
    {"optimizer", "--optimizer"},
    {"threads", "--threads"},
    {"data", "--data"},
    {"model_path", "--model"},
    {"out_dir", "--out"},
    {"cache_dir", "--cache-dir"},
    {"db", "--db"},
    {"max_runs", "--history-runs"},
    {"scope", "--scope"},
    {"sparsity", "--sparsity"},
    {"percentile", "--percentile"},
    {"calibration_samples", "--calibration"},
    {"calibration_method", "--calibration-method"},
    {"format", "--format"},
    {"group_by", "--group-by"},
    {"benchmark", "--benchmark"},
};

// Characters that continue a word around a field name: "history.db" or "--db" hold no word "db".
bool joins(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '/' ||
         c == '.';
}

bool whole_word_at(std::string_view text, std::size_t at, std::size_t length) {
  if (at > 0 && joins(text[at - 1])) return false;
  const std::size_t end = at + length;
  if (end == text.size()) return true;
  // A '.' ends a sentence ("lower min_duration_s.") unless a word goes on after it.
  if (text[end] == '.') return end + 1 == text.size() || !joins(text[end + 1]);
  return !joins(text[end]);
}

std::string replace_words(std::string_view text, std::string_view word, std::string_view by) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    if (!whole_word_at(text, at, word.size())) continue;
    out.append(text.substr(from, at - from)).append(by);
    from = at + word.size();
  }
  return out.append(text.substr(from));
}

}  // namespace

std::string_view flag_for_field(std::string_view field) {
  const auto* it = std::find_if(std::begin(kFieldFlags), std::end(kFieldFlags),
                                [&](const FieldFlag& f) { return f.field == field; });
  return it == std::end(kFieldFlags) ? std::string_view{} : it->flag;
}

std::string with_flag_names(std::string_view text, std::string_view field) {
  std::string out(text);
  for (const FieldFlag& f : kFieldFlags) {
    const bool unmistakable = f.field.find('_') != std::string_view::npos;
    if (unmistakable || f.field == field) out = replace_words(out, f.field, f.flag);
  }
  return out;
}

std::string error_text(const Error& e) { return with_flag_names(e.what(), e.field()); }

}  // namespace tinyperf::cli
