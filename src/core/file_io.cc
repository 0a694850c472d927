#include "tinyperf/core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf {
namespace {

std::string system_reason() { return std::strerror(errno); }

// Tracks nesting depth and repeated keys while nlohmann's SAX-driven parser builds the document.
// Returning false from the callback would silently drop values, so violations throw instead.
class ParseGuard {
 public:
  ParseGuard(const std::string& source, int max_depth) : source_(source), max_depth_(max_depth) {}

  bool operator()(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (depth > max_depth_) {
      throw InputError(fmt::format("{}: JSON nesting deeper than {} levels", source_, max_depth_));
    }
    if (event == Event::object_start) keys_.emplace_back();
    if (event == Event::object_end && !keys_.empty()) keys_.pop_back();
    if (event == Event::key && !keys_.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys_.back().insert(key).second) {
        throw InputError(fmt::format("{}: duplicate key \"{}\" in a JSON object", source_, key));
      }
    }
    return true;
  }

 private:
  const std::string& source_;
  int max_depth_;
  std::vector<std::set<std::string>> keys_;
};

}  // namespace

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw IoError(fmt::format("{}: is a directory, not a file", path));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw IoError(fmt::format("{}: cannot open: {}", path, system_reason()));
  std::string content;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    if (content.size() + got > max_bytes) {
      std::fclose(file);
      throw InputError(fmt::format("{}: larger than the {} MiB limit for this kind of file", path,
                                   max_bytes >> 20));
    }
    content.append(buffer, got);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw IoError(fmt::format("{}: read error", path));
  return content;
}

nlohmann::json parse_json(std::string_view text, const std::string& source, int max_depth) {
  ParseGuard guard(source, max_depth);
  try {
    return nlohmann::json::parse(text.begin(), text.end(), std::ref(guard));
  } catch (const nlohmann::json::exception& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 5: ..." or
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'".
    std::string what = e.what();
    const auto pos = what.find("] ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    throw InputError(fmt::format("{}: not valid JSON: {}", source, what));
  }
}

nlohmann::json read_json_file(const std::string& path, std::size_t max_bytes) {
  return parse_json(read_text_file(path, max_bytes), path);
}

void write_file_atomic(const std::string& path, std::string_view content) {
  const std::filesystem::path target(path);
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  // fmt rather than string operator+: g++ 12 reports a false -Wrestrict on the latter.
  std::string tmp = (dir / fmt::format(".{}.tmp.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0)
    throw IoError(fmt::format("{}: cannot create a temporary file: {}", path, system_reason()));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = system_reason();
      ::close(fd);
      ::unlink(tmp.c_str());
      throw IoError(fmt::format("{}: write failed: {}", path, reason));
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string reason = system_reason();
    ::unlink(tmp.c_str());
    throw IoError(fmt::format("{}: cannot write: {}", path, reason));
  }
}

}  // namespace tinyperf
