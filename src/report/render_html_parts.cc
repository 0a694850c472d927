#include "render_html_parts.h"

#include <fmt/core.h>

#include "render_html_style.h"
#include "tinyperf/core/text.h"

namespace tinyperf::report::detail {

std::string html_head(std::string_view title) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<title>tinyperf report: {}</title>\n<style>{}</style></head>\n",
      html_escape(title), kReportCss);
}

std::string breakable(std::string_view text) {
  std::string out;
  for (const char c : html_escape(text)) {
    out += c;
    if (c == '_' || c == '.' || c == '-' || c == '/') out += "<wbr>";
  }
  return out;
}

std::string with_sub(const std::string& main, const std::string& sub) {
  return sub.empty()
             ? html_escape(main)
             : fmt::format("{}<span class=\"sub\">{}</span>", html_escape(main), html_escape(sub));
}

std::string definition_list(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out = "<dl class=\"kv\">\n";
  for (const auto& [key, text] : pairs) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", breakable(key), html_escape(text));
  }
  return out + "</dl>\n";
}

std::string warnings_section(const std::vector<std::string>& warnings) {
  std::string out = "<section id=\"warnings\"><h2>Warnings</h2>\n";
  if (warnings.empty()) return out + "<p>None.</p></section>\n";
  out += "<ul class=\"warnings\">\n";
  for (const auto& w : warnings) out += fmt::format("<li>{}</li>\n", html_escape(w));
  return out + "</ul></section>\n";
}

std::string figure(const std::string& svg_markup, const std::string& caption,
                   const std::string& missing) {
  if (svg_markup.empty()) return fmt::format("<p class=\"note\">{}</p>\n", html_escape(missing));
  return fmt::format("<figure>\n{}<figcaption>{}</figcaption></figure>\n", svg_markup,
                     html_escape(caption));
}

}  // namespace tinyperf::report::detail
