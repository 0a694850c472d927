// Pieces of the self-contained HTML pages (`run`'s report.html and `bench`'s): the head with the
// inline stylesheet and the Content-Security-Policy, and the blocks both pages show the same way.
// Every function escapes the text it is given (html_escape, tinyperf/core/text.h) unless it says
// it takes markup. Private to the report module.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinyperf::report::detail {

// "<!DOCTYPE html>" up to and including "</head>": UTF-8, viewport, a CSP meta tag that forbids
// every external load (no script, no network), <title>tinyperf report: `title`</title> and the
// page's inline stylesheet (kReportCss).
std::string html_head(std::string_view title);

// Escaped text that may wrap after '_', '.', '-' and '/' (model names, keys and paths have no
// spaces). The entities html_escape writes contain none of these characters.
std::string breakable(std::string_view text);

// `main` escaped, with `sub` (escaped) as a small grey line under it; `main` alone when `sub` is
// empty.
std::string with_sub(const std::string& main, const std::string& sub);

// A <dl class="kv"> of (key, value) pairs, keys breakable.
std::string definition_list(const std::vector<std::pair<std::string, std::string>>& pairs);

// <section id="warnings"> with one list item per warning, or "None.".
std::string warnings_section(const std::vector<std::string>& warnings);

// A <figure> of `svg_markup` (markup, inserted as it is) with `caption`; when `svg_markup` is
// empty, a note saying `missing` instead.
std::string figure(const std::string& svg_markup, const std::string& caption,
                   const std::string& missing);

}  // namespace tinyperf::report::detail
