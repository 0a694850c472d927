#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/data/dataset.h"

namespace tinyperf::data {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// Splits one line at commas (quoted commas are not supported: cells are numbers and plain names).
std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  for (std::size_t comma; (comma = line.find(',', start)) != std::string_view::npos;
       start = comma + 1) {
    cells.push_back(trim(line.substr(start, comma - start)));
  }
  cells.push_back(trim(line.substr(start)));
  return cells;
}

// Reads the text line by line, numbering lines from 1; blank lines are skipped.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {}
  bool next(std::string_view& line, std::size_t& number) {
    while (at_ < text_.size()) {
      const std::size_t end = std::min(text_.find('\n', at_), text_.size());
      line = text_.substr(at_, end - at_);
      at_ = end + 1;
      number = ++line_;
      if (!trim(line).empty()) return true;
    }
    return false;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0, line_ = 0;
};

struct Context {
  const std::string& path;
  const std::vector<std::string_view>& header;
};

float parse_feature(std::string_view cell, const Context& c, std::size_t line, std::size_t col) {
  if (cell.empty()) {
    throw InputError(
        fmt::format("{}:{}: missing value in column \"{}\"", c.path, line, c.header[col]));
  }
  float v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v)) {
    throw InputError(fmt::format("{}:{}: column \"{}\": \"{}\" is not a finite number", c.path,
                                 line, c.header[col], cell));
  }
  return v;
}

std::int32_t parse_label(std::string_view cell, const Context& c, std::size_t line,
                         std::size_t col) {
  if (cell.empty())
    throw InputError(
        fmt::format("{}:{}: missing label in column \"{}\"", c.path, line, c.header[col]));
  std::int32_t v = -1;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size() || v < 0) {
    throw InputError(fmt::format("{}:{}: label \"{}\" is not an integer >= 0", c.path, line, cell));
  }
  if (v > kMaxLabel) {
    throw InputError(
        fmt::format("{}:{}: label {} is above {}, the largest supported (at most {} "
                    "classes)",
                    c.path, line, v, kMaxLabel, kMaxLabel + 1));
  }
  return v;
}

std::size_t label_index(const std::vector<std::string_view>& header, const std::string& path,
                        const std::string& label_column) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == label_column) return i;
  }
  throw InputError(fmt::format(
      "{}: no column named \"{}\" in the header (set the label column name)", path, label_column));
}

}  // namespace

Dataset load_csv(const std::string& path, const CsvOptions& options) {
  const std::string text = read_text_file(path, kMaxDataBytes);
  Lines lines(text);
  std::string_view line;
  std::size_t number = 0;
  if (!lines.next(line, number))
    throw InputError(fmt::format("{}: empty CSV file (no header)", path));
  const std::vector<std::string_view> header = split(line);
  const std::size_t label_col = label_index(header, path, options.label_column);
  if (header.size() < 2) throw InputError(fmt::format("{}: the CSV has no feature columns", path));
  const Context context{path, header};
  Dataset ds;
  ds.name = path;
  ds.num_features = header.size() - 1;
  while (lines.next(line, number)) {
    const std::vector<std::string_view> cells = split(line);
    if (cells.size() != header.size()) {
      throw InputError(fmt::format("{}:{}: {} cells, the header has {}", path, number, cells.size(),
                                   header.size()));
    }
    for (std::size_t col = 0; col < cells.size(); ++col) {
      if (col == label_col) {
        ds.labels.push_back(parse_label(cells[col], context, number, col));
        ds.num_classes =
            std::max<std::size_t>(ds.num_classes, static_cast<std::size_t>(ds.labels.back()) + 1);
      } else {
        ds.features.push_back(parse_feature(cells[col], context, number, col));
      }
    }
  }
  if (ds.labels.empty())
    throw InputError(fmt::format("{}: the CSV has a header but no rows", path));
  ds.sha256 = sha256_hex(text);
  return ds;
}

}  // namespace tinyperf::data
