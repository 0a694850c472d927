// libFuzzer target for the submission validator and parser: any bytes go through core's guarded
// JSON parser, every document it accepts through validate_submission and parse_submission, and
// every valid one through to_json and the leaderboard's event logic.
// Properties checked beyond "no crash, no leak, no undefined behaviour" (ASan + UBSan):
// validation never modifies the document, is deterministic, never throws, keeps its error list
// bounded, and names every error with a JSON path; the parser refuses only with an InputError
// naming a JSON path, and what it reads from a valid document is still valid written back, and
// reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/leaderboard/leaderboard.h"
#include "tinyperf/submission/document.h"
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
  std::optional<tinyperf::submission::Submission> parsed;
  try {
    parsed = tinyperf::submission::parse_submission(doc);
  } catch (const tinyperf::InputError& e) {
    require(e.what()[0] == '$');
    return 0;
  }
  if (!first.valid()) return 0;
  const nlohmann::json written = tinyperf::submission::to_json(*parsed);
  require(tinyperf::submission::validate_submission(written).valid());
  require(tinyperf::submission::to_json(tinyperf::submission::parse_submission(written)) ==
          written);
  const tinyperf::leaderboard::EventMetrics m = tinyperf::leaderboard::event_metrics(*parsed);
  for (const auto event : tinyperf::leaderboard::all_events()) {
    const auto q = tinyperf::leaderboard::qualify(m, event);
    require(q.qualifies == q.reason.empty());
  }
  return 0;
}
