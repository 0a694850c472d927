#include "render_markdown_parts.h"

#include <fmt/core.h>

#include "tinyperf/core/text.h"

namespace tinyperf::report::detail {

std::string md(std::string_view text, std::size_t max_chars) {
  return markdown_escape(text, max_chars);
}

std::string md_bullets(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [key, text] : pairs) out += fmt::format("- {}: {}\n", md(key), md(text, 400));
  return out;
}

std::string md_warnings(const std::vector<std::string>& warnings) {
  std::string out = "## Warnings\n\n";
  if (warnings.empty()) return out + "None.\n\n";
  for (const auto& w : warnings) out += fmt::format("- {}\n", md(w, 400));
  return out + "\n";
}

}  // namespace tinyperf::report::detail
