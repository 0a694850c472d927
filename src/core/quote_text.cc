#include "tinyperf/core/quote_text.h"

#include <cstddef>

#include <fmt/core.h>

namespace tinyperf {

std::string quote_text(std::string_view text) {
  constexpr std::size_t kMaxQuotedChars = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMaxQuotedChars; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') out += '\\';
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  out += text.size() > kMaxQuotedChars ? "\"..." : "\"";
  return out;
}

}  // namespace tinyperf
