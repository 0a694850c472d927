#include "interrupt.h"

namespace tinyperf::cli {

std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

namespace {
extern "C" void request_stop(int /*signal*/) { g_stop_requested.store(true); }
}  // namespace

SigintGuard::SigintGuard() {
  g_stop_requested.store(false);
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, &previous_);
}

SigintGuard::~SigintGuard() { sigaction(SIGINT, &previous_, nullptr); }

}  // namespace tinyperf::cli
