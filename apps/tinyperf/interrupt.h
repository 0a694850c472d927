// Ctrl-C for the long-running commands (run, bench): the first SIGINT asks the work to stop (the
// library polls g_stop_requested and throws workflow::Interrupted), a second one ends the process.
#pragma once

#include <signal.h>

#include <atomic>

namespace tinyperf::cli {

// Exit code of a command stopped by Ctrl-C (128 + SIGINT, as shells report it).
inline constexpr int kExitInterrupted = 130;

// Set by the SIGINT handler, polled by the work. A signal handler can reach only a global; a
// lock-free atomic is safe to store from it.
extern std::atomic<bool> g_stop_requested;

// Clears g_stop_requested and installs the handler for SIGINT for the lifetime of the object.
// SA_RESETHAND restores the default action after the first signal, so a second Ctrl-C ends the
// process at once.
class SigintGuard {
 public:
  SigintGuard();
  ~SigintGuard();
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  struct sigaction previous_ {};
};

}  // namespace tinyperf::cli
