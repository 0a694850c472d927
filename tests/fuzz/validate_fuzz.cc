// libFuzzer target for the submission validator: any bytes go through core's guarded JSON parser,
// and every document it accepts through validate_submission and the leaderboard's event logic.
// Properties checked beyond "no crash, no leak, no undefined behaviour" (ASan + UBSan):
// validation never modifies the document, is deterministic, never throws, keeps its error list
// bounded, and names every error with a JSON path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/leaderboard/leaderboard.h"
#include "tinyperf/submission/validate.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke the property
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  nlohmann::json doc;
  try {
    doc = tinyperf::parse_json(text, "fuzz input");
  } catch (const tinyperf::InputError&) {
    return 0;  // refused as not JSON: the expected outcome for most inputs
  }
  const std::string before = doc.dump();
  const auto first = tinyperf::submission::validate_submission(doc);
  const auto second = tinyperf::submission::validate_submission(doc);
  require(doc.dump() == before);
  require(first.errors == second.errors && first.format == second.format);
  require(first.errors.size() <= 1001);
  for (const auto& e : first.errors)
    require(!e.path.empty() && e.path[0] == '$' && !e.message.empty());
  const tinyperf::leaderboard::EventMetrics m = tinyperf::leaderboard::event_metrics(doc);
  for (const auto event : tinyperf::leaderboard::all_events()) {
    const auto q = tinyperf::leaderboard::qualify(m, event);
    require(q.qualifies == q.reason.empty());
  }
  return 0;
}
