#include "render_text_parts.h"

#include <algorithm>

#include "tinyperf/core/text.h"

namespace tinyperf::report::detail {
namespace {

constexpr std::size_t kMinNameWidth = 12;

std::string colour_of(std::string_view verdict) {
  if (verdict == "faster") return "\x1b[32m";
  if (verdict == "slower") return "\x1b[31m";
  if (verdict == "inconclusive") return "\x1b[33m";
  return "\x1b[2m";
}

}  // namespace

std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::size_t shown = char_count(text);
  const std::string fill(width > shown ? width - shown : 0, ' ');
  return left ? text + fill : fill + text;
}

void fit_columns(std::vector<Column>& cols) {
  std::size_t others = 0;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    auto& col = cols[c];
    col.width = std::max(char_count(col.head1), char_count(col.head2));
    for (const auto& s : col.cells) col.width = std::max(col.width, char_count(s));
    if (c > 0) others += col.width + col.gap;
  }
  const std::size_t room =
      kTextWidth > others + kMinNameWidth ? kTextWidth - others : kMinNameWidth;
  cols[0].width = std::min(cols[0].width, room);
  for (auto& s : cols[0].cells) s = shorten(s, cols[0].width);
}

std::string table_line(const std::vector<Column>& cols, std::size_t row,
                       std::optional<std::size_t> color_column) {
  const bool header = row == kHeader1 || row == kHeader2;
  std::string out;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const auto& col = cols[c];
    const std::string& text = !header ? col.cells[row] : row == kHeader1 ? col.head1 : col.head2;
    std::string padded = pad(text, col.width, col.left);
    if (!header && color_column == c && text != "-") padded = colour_of(text) + padded + "\x1b[0m";
    out += std::string(col.gap, ' ') + padded;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\n";
}

std::string wrap(const std::string& text, const std::string& first, const std::string& indent) {
  std::string out = first;
  std::size_t col = char_count(first);
  std::size_t start = 0;
  // Whether the current line holds no word yet (not a column count: a line can reach the width of
  // `first` or `indent` mid-text, and then its next word still needs a space).
  bool at_line_start = true;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!at_line_start && col + 1 + char_count(word) > kTextWidth) {
      out += "\n" + indent;
      col = indent.size();
    } else if (!at_line_start) {
      out += ' ';
      ++col;
    }
    at_line_start = false;
    out += word;
    col += char_count(word);
    start = end + 1;
  }
  return out + "\n";
}

}  // namespace tinyperf::report::detail
