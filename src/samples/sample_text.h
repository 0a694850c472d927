// Private to the report module: the plain-text and CSV readers behind load_samples, and the
// helpers every sample reader uses to keep its error messages one short, printable line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tinyperf/samples/sample_file.h"

namespace tinyperf::samples::detail {

// Untrusted text made safe for a one-line message: in double quotes, printable ASCII kept, other
// bytes as \xNN, cut after 40 characters (then "...").
std::string shown(std::string_view text);

// `names` each shown(), comma-separated; after 12 of them, "and N more".
std::string listed(const std::vector<std::string>& names);

// "1 value", "2 values": `n` and the noun, plural unless n == 1.
std::string counted(std::size_t n, const char* noun);

// Throws InputError "<path>: no samples (<why>)" when `values` is empty.
void require_some(const std::vector<double>& values, const std::string& path, std::string_view why);

// The auto-detection rule of load_samples for non-JSON text: true when the first line that is
// neither blank nor a '#' comment holds a non-numeric cell, and that line has several cells or is
// followed by more lines.
bool looks_like_csv(std::string_view text, const std::string& path);

// Plain text: one number per line in options.unit, blank and '#' lines skipped.
SampleSet read_text(std::string_view text, const std::string& path,
                    const SampleFileOptions& options);

// CSV with a header (RFC 4180), the column chosen as load_samples describes, values in
// options.unit.
SampleSet read_csv(std::string_view text, const std::string& path,
                   const SampleFileOptions& options);

}  // namespace tinyperf::samples::detail
