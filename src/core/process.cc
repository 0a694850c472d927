#include "tinyperf/core/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

extern char** environ;

namespace tinyperf {
namespace {

// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read_end;
  Fd write_end;
};

void open_pipe(Pipe& p) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw IoError(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  p.read_end = Fd(fds[0]);
  p.write_end = Fd(fds[1]);
}

// Appends what can be read from `fd` to `out` (keeping at most `limit` bytes); false at end of
// file.
bool drain(int fd, std::string& out, std::size_t limit, bool& truncated) {
  char buffer[65536];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  const std::size_t room = out.size() < limit ? limit - out.size() : 0;
  const std::size_t keep = std::min(room, static_cast<std::size_t>(n));
  out.append(buffer, keep);
  if (keep < static_cast<std::size_t>(n)) truncated = true;
  return true;
}

}  // namespace

ProcessOutput run_process(const std::vector<std::string>& argv, const std::string& input,
                          const ProcessOptions& options) {
  if (argv.empty()) throw InputError("run_process: no program given");
  Pipe in, out, err;
  open_pipe(in);
  open_pipe(out);
  open_pipe(err);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read_end.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end.get(), STDERR_FILENO);
  // The child starts with default signal dispositions for SIGINT and SIGPIPE: a parent that
  // handles Ctrl-C itself decides when its workers stop.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  // Its own process group, so that stopping it reaches whatever it started too, and a Ctrl-C at
  // the terminal goes to the parent alone.
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const auto started = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw IoError(fmt::format("cannot start {}: {}", argv[0], std::strerror(rc)));
  }
  in.read_end.reset();
  out.write_end.reset();
  err.write_end.reset();
  ::fcntl(in.write_end.get(), F_SETFL, O_NONBLOCK);

  ProcessOutput result;
  std::size_t written = 0;
  if (input.empty()) in.write_end.reset();
  bool out_open = true, err_open = true;
  bool stop_sent = false;
  auto stop_time = started;
  while (out_open || err_open) {
    pollfd fds[3];
    nfds_t n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_open) fds[out_i = static_cast<int>(n++)] = {out.read_end.get(), POLLIN, 0};
    if (err_open) fds[err_i = static_cast<int>(n++)] = {err.read_end.get(), POLLIN, 0};
    if (in.write_end.get() >= 0)
      fds[in_i = static_cast<int>(n++)] = {in.write_end.get(), POLLOUT, 0};
    const int ready = ::poll(fds, n, 50);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) {
      if (out_i >= 0 && fds[out_i].revents)
        out_open = drain(out.read_end.get(), result.stdout_text, options.max_output_bytes,
                         result.stdout_truncated);
      if (err_i >= 0 && fds[err_i].revents)
        err_open = drain(err.read_end.get(), result.stderr_text, options.max_output_bytes,
                         result.stderr_truncated);
      if (in_i >= 0 && fds[in_i].revents) {
        const ssize_t w =
            ::write(in.write_end.get(), input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        // A child that closed its stdin early (EPIPE) or took everything: no more input.
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
          in.write_end.reset();
        }
      }
    }
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      const auto now = std::chrono::steady_clock::now();
      if (!stop_sent) {
        ::kill(-pid, SIGTERM);
        stop_sent = true;
        stop_time = now;
        result.stopped = true;
      } else if (now - stop_time > std::chrono::milliseconds(options.kill_grace_ms)) {
        ::kill(-pid, SIGKILL);
      }
    }
  }
  in.write_end.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

std::string last_line(const std::string& text) {
  std::size_t end = text.size();
  while (end > 0) {
    const std::size_t newline = text.rfind('\n', end - 1);
    const std::size_t from = newline == std::string::npos ? 0 : newline + 1;
    std::string line = text.substr(from, end - from);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) return line;
    if (newline == std::string::npos) break;
    end = newline;
  }
  return {};
}

}  // namespace tinyperf
