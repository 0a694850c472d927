#include "tinyperf/core/check.h"

#include <cstdio>
#include <cstdlib>

namespace tinyperf::detail {

void check_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "tinyperf: internal error: check failed: %s at %s:%d\n", condition, file,
               line);
  std::abort();
}

}  // namespace tinyperf::detail
