#include "tinyperf/core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf {
namespace {

std::string system_reason() { return std::strerror(errno); }

// Builds the document from nlohmann's SAX events, refusing nesting deeper than max_depth and a
// key repeated in one object. Linear in the input: nlohmann's callback parser (what this replaced)
// rescans an object's parent at every end of object, so 100,000 empty objects in one object took
// a minute to parse. Violations throw: a SAX handler that returns false stops with a generic error.
class DomBuilder {
 public:
  using Json = nlohmann::json;

  DomBuilder(const std::string& source, int max_depth) : source_(source), max_depth_(max_depth) {}

  Json take() { return std::move(root_); }

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool v) { return put(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return put(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return put(Json(v)); }
  bool number_float(Json::number_float_t v, const Json::string_t&) { return put(Json(v)); }
  bool string(Json::string_t& v) { return put(Json(std::move(v))); }
  bool binary(Json::binary_t& v) { return put(Json::binary(std::move(v))); }

  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& k) {
    check_depth();
    Json& object = *stack_.back();
    if (object.contains(k)) {
      throw InputError(fmt::format("{}: duplicate key \"{}\" in a JSON object", source_, k));
    }
    key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 5: ..." or
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'".
    std::string what = e.what();
    const auto pos = what.find("] ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    throw InputError(fmt::format("{}: not valid JSON: {}", source_, what));
  }

 private:
  // The open containers are the nesting: a value inside more than max_depth of them is refused,
  // as is a container opened inside more than max_depth.
  void check_depth() const {
    if (stack_.size() > static_cast<std::size_t>(max_depth_)) {
      throw InputError(fmt::format("{}: JSON nesting deeper than {} levels", source_, max_depth_));
    }
  }

  // Where the next value goes: the root, the end of the open array, or the open object's key.
  Json* place(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool put(Json&& value) {
    check_depth();
    place(std::move(value));
    return true;
  }

  bool open(Json&& container) {
    check_depth();
    stack_.push_back(place(std::move(container)));
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  const std::string& source_;
  int max_depth_;
  Json root_;
  std::vector<Json*> stack_;  // the open containers, innermost last
  Json::string_t key_;        // the key of the open object's next value
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
  DomBuilder builder(source, max_depth);
  nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  return builder.take();
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
