#include "tinyperf/core/choice.h"

#include <string>

#include <fmt/format.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"

namespace tinyperf::detail {

void throw_unknown_choice(std::string_view field, std::string_view name,
                          std::span<const std::string_view> names) {
  std::string allowed;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) allowed += i + 1 == names.size() ? " or " : ", ";
    allowed += names[i];
  }
  throw InputError(fmt::format("{}: {} is not {}", field, quote_text(name), allowed),
                   std::string(field));
}

}  // namespace tinyperf::detail
