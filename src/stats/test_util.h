// Private to the stats tests: assertions on InputError messages.
#pragma once

#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf::stats::testing {

// Runs `fn`, expects an InputError whose message contains every one of `parts`.
template <class Fn>
void expect_input_error(Fn&& fn, std::initializer_list<const char*> parts) {
  try {
    fn();
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    for (const char* part : parts) {
      EXPECT_NE(message.find(part), std::string::npos)
          << "message \"" << message << "\" lacks \"" << part << "\"";
    }
  }
}

}  // namespace tinyperf::stats::testing
