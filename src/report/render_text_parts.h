// The terminal tables of `run`'s and `bench`'s summaries: columns sized to their content within
// kTextWidth, the name column cut to what remains, and greedy word wrap for the sentences under
// them. Cells are taken as they are (the caller makes them terminal_safe). Private to the report
// module.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyperf::report::detail {

inline constexpr std::size_t kTextWidth = 100;  // columns of every terminal line
inline constexpr std::size_t kTextGap = 2;      // spaces between table columns

struct Column {
  std::string head1, head2;    // two header lines
  bool left = false;           // left-aligned (text) or right-aligned (numbers)
  std::size_t gap = kTextGap;  // spaces before the column (0 for the first)
  std::vector<std::string> cells;
  std::size_t width = 0;  // set by fit_columns
};

// `text` padded with spaces to `width` characters, on the right (`left`) or on the left.
std::string pad(const std::string& text, std::size_t width, bool left);

// Sets every column's width from its content; the first column (the names) gets what remains of
// kTextWidth, at least 12 characters, and its cells are cut with "…" to fit.
void fit_columns(std::vector<Column>& cols);

// One line of the table: the header (`row` = kHeader1 or kHeader2) or the cells of row `row`,
// trailing spaces removed. With `color_column`, that column's cells (other than "-") are wrapped
// in the ANSI colour of their verdict word (faster green, slower red, inconclusive yellow, others
// dim).
inline constexpr std::size_t kHeader1 = static_cast<std::size_t>(-1);
inline constexpr std::size_t kHeader2 = static_cast<std::size_t>(-2);
std::string table_line(const std::vector<Column>& cols, std::size_t row,
                       std::optional<std::size_t> color_column = std::nullopt);

// Greedy word wrap of `text` at kTextWidth columns: the first line starts with `first`,
// continuation lines with `indent`. Ends with a newline.
std::string wrap(const std::string& text, const std::string& first, const std::string& indent);

}  // namespace tinyperf::report::detail
