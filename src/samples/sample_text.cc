// Plain-text and CSV sample readers, and the message helpers every reader shares.
#include "sample_text.h"
#include "tinyperf/core/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <system_error>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::samples::detail {
namespace {

// A CSV record wider than this is refused: hostile input ("," repeated 64 Mi times) would otherwise
// become tens of millions of strings.
constexpr std::size_t kMaxCsvColumns = 4096;
// How much quoted file text and how many names an error message shows.
constexpr std::size_t kMaxListedNames = 12;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Strict parse of one cell: the whole trimmed text must be a finite decimal number. Returns the
// value, or throws InputError with `where` ("file: line 3") in front of the reason.
double parse_number(std::string_view cell, const std::string& where) {
  const std::string_view text = trim(cell);
  if (text.empty())
    throw InputError(fmt::format("{}: empty value where a number was expected", where));
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    throw InputError(fmt::format("{}: {} is out of the range of a double", where, shown(text)));
  }
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw InputError(fmt::format("{}: {} is not a number", where, shown(text)));
  }
  if (!std::isfinite(value)) {
    throw InputError(fmt::format("{}: {} is not a finite number (NaN and infinity are refused)",
                                 where, shown(text)));
  }
  return value;
}

bool is_number(std::string_view cell) {
  const std::string_view text = trim(cell);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size() &&
         std::isfinite(value);
}

// Splits text into lines (LF or CRLF), numbering them from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    auto end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    start_ = pos_;
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }
  // Offset of the last line returned by next().
  std::size_t start() const { return start_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t start_ = 0;
  std::size_t number_ = 0;
};

bool is_skipped_line(std::string_view line) {
  const std::string_view text = trim(line);
  return text.empty() || text.front() == '#';
}

std::vector<double> read_plain_values(std::string_view text, const std::string& path) {
  std::vector<double> values;
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (is_skipped_line(line)) continue;
    const std::string where = fmt::format("{}: line {}", path, lines.number());
    if (line.find(',') != std::string_view::npos && !is_number(line)) {
      throw InputError(fmt::format("{}: {} is not one number (a CSV file needs a header row)",
                                   where, shown(trim(line))));
    }
    values.push_back(parse_number(line, where));
  }
  require_some(values, path, "the file is empty or holds only blank lines and '#' comments");
  return values;
}

// RFC 4180 records, one at a time. Blank lines between records are skipped.
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  // Reads the next record into `cells` (reusing its storage); false at the end of the text.
  bool next(std::vector<std::string>& cells) {
    skip_blank_lines();
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    cells.clear();
    for (;;) {
      if (cells.size() == kMaxCsvColumns) {
        throw InputError(
            fmt::format("{}: line {}: more than {} columns", path_, record_line_, kMaxCsvColumns));
      }
      cells.push_back(at('"') ? quoted_cell() : plain_cell());
      if (!at(',')) break;
      ++pos_;
    }
    end_record();
    return true;
  }
  std::size_t line() const { return record_line_; }

  // Skips whole lines that begin with '#' (comments before the header).
  void skip_comment_lines() {
    for (skip_blank_lines(); at('#'); skip_blank_lines()) {
      const auto end = text_.find('\n', pos_);
      pos_ = end == std::string_view::npos ? text_.size() : end + 1;
      ++line_;
    }
  }

 private:
  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool at_line_end() const {
    return pos_ >= text_.size() || at('\n') ||
           (at('\r') && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }

  void skip_blank_lines() {
    while (pos_ < text_.size()) {
      auto end = text_.find('\n', pos_);
      if (end == std::string_view::npos) end = text_.size();
      if (!trim(text_.substr(pos_, end - pos_)).empty()) return;
      pos_ = end == text_.size() ? end : end + 1;
      ++line_;
    }
  }

  std::string plain_cell() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !at(',') && !at_line_end()) {
      if (at('"')) {
        throw InputError(
            fmt::format("{}: line {}: a quote inside an unquoted CSV field", path_, line_));
      }
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string quoted_cell() {
    const std::size_t start_line = line_;
    std::string cell;
    for (++pos_;; ++pos_) {
      if (pos_ >= text_.size()) {
        throw InputError(
            fmt::format("{}: line {}: quoted CSV field is never closed", path_, start_line));
      }
      const char c = text_[pos_];
      if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        cell += '"';
        ++pos_;
      } else if (c == '"') {
        ++pos_;
        break;
      } else {
        if (c == '\n') ++line_;
        cell += c;
      }
    }
    if (!at(',') && !at_line_end()) {
      throw InputError(
          fmt::format("{}: line {}: text after the closing quote of a CSV field", path_, line_));
    }
    return cell;
  }

  void end_record() {
    if (at('\r')) ++pos_;
    if (at('\n')) {
      ++pos_;
      ++line_;
    }
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 1;
};

// Index of the column the samples come from: `wanted` by name, else the first numeric cell of
// `first_row`.
std::size_t choose_column(const std::vector<std::string>& header,
                          const std::vector<std::string>& first_row, const std::string& wanted,
                          const std::string& path, std::size_t row_line) {
  if (!wanted.empty()) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (trim(header[i]) != trim(wanted)) continue;
      if (found)
        throw InputError(
            fmt::format("{}: column {} appears twice in the header", path, shown(wanted)));
      found = i;
    }
    if (!found) {
      throw InputError(
          fmt::format("{}: no column {}; columns: {}", path, shown(wanted), listed(header)));
    }
    return *found;
  }
  for (std::size_t i = 0; i < first_row.size() && i < header.size(); ++i) {
    if (is_number(first_row[i])) return i;
  }
  throw InputError(fmt::format("{}: line {}: no numeric column in the first data row; columns: {}",
                               path, row_line, listed(header)));
}

}  // namespace

SampleSet read_csv(std::string_view text, const std::string& path,
                   const SampleFileOptions& options) {
  CsvReader reader(text, path);
  reader.skip_comment_lines();
  std::vector<std::string> header;
  std::vector<std::string> row;
  if (!reader.next(header)) throw InputError(fmt::format("{}: no samples (empty CSV file)", path));
  if (!reader.next(row))
    throw InputError(fmt::format("{}: no samples (CSV header but no data rows)", path));
  const std::size_t column = choose_column(header, row, options.column, path, reader.line());
  const std::string name(trim(header[column]));
  SampleSet set{{}, options.unit, SampleFormat::kCsv, ""};
  do {
    const std::string where =
        fmt::format("{}: line {}, column {}", path, reader.line(), shown(name));
    if (column >= row.size()) throw InputError(fmt::format("{}: missing value", where));
    set.values.push_back(parse_number(row[column], where));
  } while (reader.next(row));
  set.source =
      fmt::format("{}: column {} ({})", path, shown(name), counted(set.values.size(), "value"));
  return set;
}

SampleSet read_text(std::string_view text, const std::string& path,
                    const SampleFileOptions& options) {
  SampleSet set{read_plain_values(text, path), options.unit, SampleFormat::kText, ""};
  set.source = fmt::format("{} ({})", path, counted(set.values.size(), "value"));
  return set;
}

// CSV when the first line that is neither blank nor a comment holds a cell that is not a number,
// and that line either has several cells or is followed by more lines (a header needs data). A lone
// line of junk is left to the plain-text reader, whose message ("line 1: ... is not a number")
// fits.
bool looks_like_csv(std::string_view text, const std::string& path) {
  LineReader lines(text);
  std::string_view line;
  bool found = false;
  while (!found && lines.next(line)) found = !is_skipped_line(line);
  if (!found) return false;
  CsvReader reader(text.substr(lines.start()), path);
  std::vector<std::string> cells;
  try {
    reader.next(cells);
  } catch (const InputError&) {
    return true;  // broken quoting: the CSV reader will report it with its line
  }
  const bool has_header =
      std::any_of(cells.begin(), cells.end(), [](const auto& c) { return !is_number(c); });
  std::string_view rest;
  bool more = false;
  while (!more && lines.next(rest)) more = !trim(rest).empty();
  return has_header && (cells.size() > 1 || more);
}

// Untrusted text made safe for a one-line message (core/text.h).
std::string shown(std::string_view text) { return quote_text(text); }

// "a, b, c" of at most kMaxListedNames names, each shown(), then "and N more".
std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kMaxListedNames; ++i) {
    out += (i == 0 ? "" : ", ") + shown(names[i]);
  }
  if (names.size() > kMaxListedNames)
    out += fmt::format(" and {} more", names.size() - kMaxListedNames);
  return out;
}

std::string counted(std::size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

void require_some(const std::vector<double>& values, const std::string& path,
                  std::string_view what) {
  if (values.empty()) throw InputError(fmt::format("{}: no samples ({})", path, what));
}

}  // namespace tinyperf::samples::detail
