// Reading and writing whole files with the limits and messages every loader needs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tinyperf {

// Largest file read_text_file accepts by default: 64 MiB. Larger inputs are refused with an
// InputError rather than read into memory.
inline constexpr std::size_t kDefaultMaxFileBytes = std::size_t{64} << 20;

// Deepest JSON nesting parse_json accepts by default; deeper documents are refused (InputError)
// before they are built, so hostile input cannot exhaust the stack.
inline constexpr int kDefaultMaxJsonDepth = 256;

// Reads the whole file at `path`. Throws IoError when it cannot be opened or read (message names
// the path and the system's reason) and InputError when it is larger than `max_bytes`.
std::string read_text_file(const std::string& path, std::size_t max_bytes = kDefaultMaxFileBytes);

// Parses `text` as one JSON document. `source` names it in messages (usually the file path).
// Throws InputError for malformed or truncated JSON (with the byte offset), for nesting deeper
// than `max_depth`, and for an object that repeats a key (ambiguous input is not guessed at).
nlohmann::json parse_json(std::string_view text, const std::string& source,
                          int max_depth = kDefaultMaxJsonDepth);

// read_text_file + parse_json.
nlohmann::json read_json_file(const std::string& path,
                              std::size_t max_bytes = kDefaultMaxFileBytes);

// Writes `content` to `path` atomically: a temporary file in the same directory, flushed and
// renamed over the target, so a reader never sees a half-written file. Throws IoError.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace tinyperf
