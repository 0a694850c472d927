#include "tinyperf/core/text.h"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>

namespace tinyperf {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // "…"

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The valid UTF-8 sequence at the start of `text`: its length in bytes (0 when not valid) and its
// code point.
struct Decoded {
  std::size_t length = 0;
  char32_t code_point = 0;
};

// A sequence of `length` bytes whose lead byte carries `bits`; overlong below `smallest`.
Decoded decode_sequence(std::string_view text, std::size_t length, char32_t bits,
                        char32_t smallest) {
  if (text.size() < length) return {};
  char32_t code_point = bits;
  for (std::size_t k = 1; k < length; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (!is_continuation(c)) return {};
    code_point = (code_point << 6) | (c & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < smallest || code_point > 0x10FFFF || surrogate) return {};
  return {length, code_point};
}

Decoded decode(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80) return {1, lead};
  if ((lead & 0xE0) == 0xC0) return decode_sequence(text, 2, lead & 0x1F, 0x80);
  if ((lead & 0xF0) == 0xE0) return decode_sequence(text, 3, lead & 0x0F, 0x800);
  if ((lead & 0xF8) == 0xF0) return decode_sequence(text, 4, lead & 0x07, 0x10000);
  return {};
}

// C0, DEL, C1, and the bidirectional embeddings, overrides and isolates.
bool is_neutralised(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// terminal_safe's text before the marker: at most `max_chars` characters, and how many more the
// input had.
struct Cut {
  std::string kept;
  std::size_t more = 0;
};

Cut safe_cut(std::string_view text, std::size_t max_chars) {
  Cut out;
  out.kept.reserve(std::min(text.size(), max_chars));
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++chars) {
    const Decoded d = decode(text.substr(i));
    if (chars < max_chars) {
      if (d.length == 0) {
        out.kept += kReplacement;
      } else if (is_neutralised(d.code_point)) {
        out.kept += '?';
      } else {
        out.kept += text.substr(i, d.length);
      }
    }
    i += d.length == 0 ? 1 : d.length;
  }
  out.more = chars > max_chars ? chars - max_chars : 0;
  return out;
}

std::string more_mark(std::size_t more) {
  return more == 0 ? std::string() : fmt::format("{}(+{} more)", kEllipsis, more);
}

bool alnum_at(std::string_view s, std::size_t i) {
  return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]));
}

}  // namespace

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += is_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  if (char_count(text) <= max_chars || max_chars == 0) return std::string(text);
  std::size_t chars = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(text[i]))) continue;
    if (chars == max_chars - 1) break;
    ++chars;
  }
  return std::string(text.substr(0, i)) + std::string(kEllipsis);
}

std::string terminal_safe(std::string_view text, std::size_t max_chars) {
  Cut cut = safe_cut(text, max_chars);
  return std::move(cut.kept) + more_mark(cut.more);
}

std::string markdown_escape(std::string_view text, std::size_t max_chars) {
  const Cut cut = safe_cut(text, max_chars);
  const std::string& s = cut.kept;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '_' && i > 0 && alnum_at(s, i - 1) && alnum_at(s, i + 1)) {
      out += c;
    } else {
      if (std::string_view("\\`*_{}[]#|!~").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out + more_mark(cut.more);
}

std::string html_escape(std::string_view text, std::size_t max_chars) {
  const Cut cut = safe_cut(text, max_chars);
  std::string out;
  out.reserve(cut.kept.size());
  for (const char c : cut.kept) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out + more_mark(cut.more);
}

std::string quote_text(std::string_view text) {
  constexpr std::size_t kMaxQuotedBytes = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMaxQuotedBytes; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') out += '\\';
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  out += text.size() > kMaxQuotedBytes ? "\"..." : "\"";
  return out;
}

}  // namespace tinyperf
