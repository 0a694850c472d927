// Untrusted text (names, keys and values read from files, file names, rows of the results store)
// made safe for where it is shown: a terminal, Markdown, HTML, or a one-line message. These are
// the only escaping helpers: every renderer and the CLI use them, none keeps its own.
//
// All functions take any bytes (not necessarily UTF-8) and never throw. Lengths are counted in
// characters (Unicode code points), never in bytes, and a cut never splits a UTF-8 sequence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tinyperf {

// For `max_chars`: keep the whole text.
inline constexpr std::size_t kWholeText = std::string_view::npos;

// Characters in `text`: every byte that is not a UTF-8 continuation byte counts one.
std::size_t char_count(std::string_view text);

// `text` cut to at most `max_chars` characters, the last of them "…" when cut (`max_chars` 0
// keeps it whole). For layout only (a column, a plot label): nothing else is changed or escaped.
std::string shorten(std::string_view text, std::size_t max_chars);

// `text` safe to print on a terminal:
// - control characters become '?': C0 (tab and newline included), DEL, and C1 (U+0080..U+009F,
//   e.g. U+009B, the one-character CSI), so no escape sequence reaches the terminal;
// - the bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) become
//   '?', so a name cannot make the rest of its line display reversed;
// - each byte that is not part of valid UTF-8 (stray continuation bytes, truncated or overlong
//   sequences, surrogates, beyond U+10FFFF) becomes U+FFFD;
// - longer than `max_chars` characters (counted after the above), the first `max_chars` are kept
//   and "…(+N more)" says how many characters were cut.
// Everything else, including valid non-ASCII text such as "µs", is kept as it is.
std::string terminal_safe(std::string_view text, std::size_t max_chars = kWholeText);

// terminal_safe(text, max_chars), then inert in GitHub-flavoured Markdown, both in running text
// and in a table cell: < > & become entities (no raw HTML, no entity of the document's own), and
// \ ` * _ { } [ ] # | ! ~ are backslash-escaped (an underscore between two letters or digits is
// kept, "mlp_int8"). With no line break left, a value can neither start a heading nor add a table
// row, and with '|' escaped it cannot add a column. Meant for values that follow other text on
// their line (a "- key: " prefix, a "| " cell start), as every renderer here places them.
std::string markdown_escape(std::string_view text, std::size_t max_chars = kWholeText);

// terminal_safe(text, max_chars), then & < > " ' as entities: safe as HTML or SVG element content
// and as an attribute value in either kind of quotes.
std::string html_escape(std::string_view text, std::size_t max_chars = kWholeText);

// `text` for a one-line error message, ASCII only: in double quotes, printable ASCII kept (with "
// and \ backslash-escaped), every other byte as \xNN, cut after 40 bytes with "..." after the
// closing quote.
std::string quote_text(std::string_view text);

}  // namespace tinyperf
