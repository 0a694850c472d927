// The machine tinyperf runs on, as one seam (the role leveldb's Env plays for files and time).
// What tinyperf learns from the machine comes through an Env: the /proc, /sys and powercap files
// the harness reads (peak memory, RAPL energy counters, system information), the environment
// variables, and the default locations derived from them (results history, model cache, data
// sets). Code that takes an Env can be tested against a fake machine, a RootedEnv over a folder
// holding a small /proc and /sys tree and a fixed set of variables, instead of being handed a
// path string for each root it reads. Time is the other seam and has its own type (clock.h).
//
// Paths given to an Env are machine paths: absolute, as on the real machine ("/proc/self/status").
// Env::file_path says where such a path really is; error messages name that real path.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyperf {

class Env {
 public:
  virtual ~Env() = default;

  // The real machine: machine paths are the process's own paths and variables come from the
  // process's environment. Lives as long as the program; thread-safe.
  static const Env& system();

  // Where the machine path `path` (absolute) is in this process's file system.
  virtual std::string file_path(std::string_view path) const = 0;
  // The value of environment variable `name`; "" when it is unset (unset and empty are the same
  // to tinyperf).
  virtual std::string variable(std::string_view name) const = 0;

  // The whole file at machine path `path`. Throws IoError when it cannot be read and InputError
  // when it is larger than `max_bytes` (as read_text_file, file_io.h).
  std::string read_file(std::string_view path, std::size_t max_bytes) const;
  // Writes `text` to the file at `path` if it exists (never creating it); false when it is absent
  // or the write is refused. For kernel control files such as /proc/self/clear_refs.
  bool write_existing_file(std::string_view path, std::string_view text) const;
  // The entry names of the directory at `path`, sorted; std::nullopt when it is not a directory.
  // Throws IoError when the directory cannot be listed.
  std::optional<std::vector<std::string>> list_dir(std::string_view path) const;

  // Default locations; each is "" when none of the variables it is derived from is usable.
  // $XDG_DATA_HOME and $XDG_CACHE_HOME count only when absolute, as the XDG spec says.
  //
  // The results history: $TINYPERF_DB, else $XDG_DATA_HOME/tinyperf/history.db, else
  // $HOME/.local/share/tinyperf/history.db.
  std::string history_db() const;
  // Trained baseline models: $TINYPERF_CACHE_DIR, else $XDG_CACHE_HOME/tinyperf/models, else
  // $HOME/.cache/tinyperf/models.
  std::string model_cache_dir() const;
  // Where the Debian package dataset-fashion-mnist installs Fashion-MNIST:
  // file_path("/usr/share/datasets/fashion-mnist"). Never "".
  std::string fashion_mnist_dir() const;
};

// A fake machine: machine path P is <root>P in the process's file system, and the variables are
// exactly `variables` (nothing is read from the process's environment). For tests, and for reading
// a copy of another machine's /proc and /sys.
class RootedEnv final : public Env {
 public:
  using Variables = std::map<std::string, std::string, std::less<>>;
  explicit RootedEnv(std::string root, Variables variables = {});

  std::string file_path(std::string_view path) const override;
  std::string variable(std::string_view name) const override;

 private:
  std::string root_;  // without a trailing '/'
  Variables variables_;
};

}  // namespace tinyperf
