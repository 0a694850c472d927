// Validating submissions (docs/submission.md): the schema rules of schema/submission.v1.schema.json
// and schema/tinytorch-capstone.schema.json, implemented directly, plus the semantic rules JSON
// Schema cannot express (percentile ordering, improvements and latency statistics recomputed from
// the file's own numbers). A test checks every file in schema/examples/ against both this validator
// and an independent JSON Schema validator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/file_io.h"

namespace tinyperf::submission {

enum class SubmissionFormat {
  kUnknown,            // neither marker: always invalid
  kTinyperfV1,         // carries "schema_version" (what tinyperf writes)
  kTinytorchCapstone,  // carries "tinytorch_version" or "submission_type": "capstone_benchmark"
};

// "unknown", "tinyperf v1", "tinytorch capstone" (the words `tinyperf validate` prints).
std::string_view to_string(SubmissionFormat format);

// The format a document claims, from its markers only: an object with "schema_version" is v1
// (whatever the value; a wrong value is then a validation error); else one with
// "tinytorch_version", or with "submission_type": "capstone_benchmark", is the TinyTorch capstone
// format; anything else (including a non-object) is kUnknown.
SubmissionFormat detect_submission_format(const nlohmann::json& doc);

// One broken rule. `path` is a JSONPath into the document ("$", "$.optimized.metrics.accuracy",
// "$.baseline.samples.latency_ms[3]"); `message` says what is wrong with the value found there,
// e.g. "1.5 is outside [0, 1]". Values quoted from the document are cut short and escaped.
struct ValidationError {
  std::string path;
  std::string message;
  friend bool operator==(const ValidationError&, const ValidationError&) = default;
};

struct ValidationResult {
  SubmissionFormat format = SubmissionFormat::kUnknown;
  std::vector<ValidationError> errors;  // every rule broken, in document order; empty when valid
  bool valid() const { return errors.empty(); }
};

// Relative and absolute tolerance of every recomputation rule (improvements, latency statistics
// from samples, model_size_mb from size_bytes): |stated - recomputed| <= kAbsTol + kRelTol *
// |recomputed|, numpy.isclose's rule.
inline constexpr double kValidationRelTol = 1e-6;
inline constexpr double kValidationAbsTol = 1e-12;

// Applies every rule of the detected format to `doc` and returns all errors found (not only the
// first). Never modifies `doc`, never throws for any document content (a non-object, NaN or
// infinite numbers built in memory, hostile sizes are all reported as errors). An array holding
// many bad items reports the first few and then how many more, so the result stays small.
ValidationResult validate_submission(const nlohmann::json& doc);

// Largest submission file validation reads: 64 MiB (core's default file limit). A v1 file with a
// million raw samples per side is about 40 MB; anything larger is refused unread.
inline constexpr std::size_t kMaxSubmissionBytes = kDefaultMaxFileBytes;

// Reads, parses and validates the file at `path`. Throws IoError when it cannot be read and
// InputError when it is larger than `max_bytes` or not JSON (malformed, truncated, nested deeper
// than 256 levels, a repeated key, a number too large for a double); each message names the file.
// A document that parses but breaks rules is not an exception: see the result's errors.
ValidationResult validate_submission_file(const std::string& path,
                                          std::size_t max_bytes = kMaxSubmissionBytes);

}  // namespace tinyperf::submission
