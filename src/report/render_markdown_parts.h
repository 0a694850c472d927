// Pieces of the Markdown reports (`run`'s report.md and `bench`'s). Private to the report module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinyperf::report::detail {

// Text from a document, made inert in Markdown (markdown_escape: no raw HTML, no markup, no line
// break) and cut to `max_chars` characters.
std::string md(std::string_view text, std::size_t max_chars = 200);

// "- key: value" lines, both escaped (values cut at 400 characters).
std::string md_bullets(const std::vector<std::pair<std::string, std::string>>& pairs);

// "## Warnings" and one escaped bullet per warning, or "None.".
std::string md_warnings(const std::vector<std::string>& warnings);

}  // namespace tinyperf::report::detail
