#include "tinyperf/core/env.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "tinyperf/core/check.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"

namespace tinyperf {
namespace {

namespace fs = std::filesystem;

class SystemEnv final : public Env {
 public:
  std::string file_path(std::string_view path) const override { return std::string(path); }
  std::string variable(std::string_view name) const override {
    const char* value = std::getenv(std::string(name).c_str());
    return value == nullptr ? std::string() : std::string(value);
  }
};

// <xdg>/<under> when $<xdg_variable> is absolute, else $HOME/<home_fallback>/<under>, else "".
std::string xdg_location(const Env& env, const char* xdg_variable, const char* home_fallback,
                         const char* under) {
  const std::string xdg = env.variable(xdg_variable);
  if (fs::path(xdg).is_absolute()) return (fs::path(xdg) / under).string();
  const std::string home = env.variable("HOME");
  if (!home.empty()) return (fs::path(home) / home_fallback / under).string();
  return {};
}

}  // namespace

const Env& Env::system() {
  static const SystemEnv env;
  return env;
}

std::string Env::read_file(std::string_view path, std::size_t max_bytes) const {
  return read_text_file(file_path(path), max_bytes);
}

bool Env::write_existing_file(std::string_view path, std::string_view text) const {
  const int fd = ::open(file_path(path).c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

std::optional<std::vector<std::string>> Env::list_dir(std::string_view path) const {
  const std::string dir = file_path(path);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) throw IoError(fmt::format("{}: cannot list the directory: {}", dir, ec.message()));
  std::sort(names.begin(), names.end());
  return names;
}

std::string Env::history_db() const {
  const std::string explicit_db = variable("TINYPERF_DB");
  if (!explicit_db.empty()) return explicit_db;
  return xdg_location(*this, "XDG_DATA_HOME", ".local/share", "tinyperf/history.db");
}

std::string Env::model_cache_dir() const {
  const std::string explicit_dir = variable("TINYPERF_CACHE_DIR");
  if (!explicit_dir.empty()) return explicit_dir;
  return xdg_location(*this, "XDG_CACHE_HOME", ".cache", "tinyperf/models");
}

std::string Env::fashion_mnist_dir() const {
  return file_path("/usr/share/datasets/fashion-mnist");
}

RootedEnv::RootedEnv(std::string root, Variables variables)
    : root_(std::move(root)), variables_(std::move(variables)) {
  while (!root_.empty() && root_.back() == '/') root_.pop_back();
}

std::string RootedEnv::file_path(std::string_view path) const {
  TP_CHECK(path.starts_with('/'));
  return root_ + std::string(path);
}

std::string RootedEnv::variable(std::string_view name) const {
  const auto it = variables_.find(name);
  return it == variables_.end() ? std::string() : it->second;
}

}  // namespace tinyperf
