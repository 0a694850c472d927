// Untrusted text (a JSON key or string, a CSV cell) made safe for a one-line error message.
#pragma once

#include <string>
#include <string_view>

namespace tinyperf {

// `text` in double quotes: printable ASCII kept (with " and \ backslash-escaped), every other
// byte as \xNN, cut after 40 bytes with "..." after the closing quote.
std::string quote_text(std::string_view text);

}  // namespace tinyperf
