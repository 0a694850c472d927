// Running another program and collecting what it prints: how tinyperf starts its worker processes
// (one run of a benchmark = one process, docs/bench.md). The child gets `input` on its stdin and
// its stdout and stderr are read whole (up to a limit) while it runs, so a chatty child cannot
// block on a full pipe. A stop flag ends the child: SIGTERM first, then SIGKILL after a grace
// period.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace tinyperf {

struct ProcessOptions {
  // Most bytes kept of each of stdout and stderr; more is read and dropped, and the output says it
  // was truncated. A worker's result is a few kilobytes of JSON plus its samples.
  std::size_t max_output_bytes = std::size_t{64} << 20;
  // Polled about every 50 ms while the child runs; may be null. When it becomes true the child's
  // process group (the child runs in a group of its own) gets SIGTERM and, if its output is still
  // open kill_grace_ms later, SIGKILL.
  const std::atomic<bool>* stop = nullptr;
  int kill_grace_ms = 2000;
};

struct ProcessOutput {
  std::string stdout_text;
  std::string stderr_text;
  bool stdout_truncated = false;
  bool stderr_truncated = false;
  // The exit status; 128 + N when the child was ended by signal N (as shells report it).
  int exit_code = 0;
  bool stopped = false;       // the stop flag ended the child
  double wall_seconds = 0.0;  // from spawn to reaped
};

// Runs argv[0] (a path; not searched on PATH) with the arguments argv[1..], `input` as its stdin
// and this process's environment, and waits for it. Throws IoError when it cannot be started (no
// such file, not executable) and InputError for an empty argv. Never throws for what the child
// does: its exit code says that.
ProcessOutput run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const ProcessOptions& options = {});

// The last non-empty line of `text` (a child's stderr), without its newline; "" when there is none.
std::string last_line(const std::string& text);

}  // namespace tinyperf
