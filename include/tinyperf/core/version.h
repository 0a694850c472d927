// The build's identity, recorded in every output tinyperf writes.
#pragma once

#include <string>

namespace tinyperf {

struct BuildInfo {
  std::string version;  // semantic version of the tool, e.g. "0.1.0"
  std::string
      git_commit;  // short commit hash, "-dirty" appended for local changes; "unknown" outside git
  std::string build_type;  // CMake build type, e.g. "Release"
  std::string compiler;    // e.g. "GNU-12.2.0"
  std::string flags;       // notable extra flags (sanitizers); empty when none
};

// The information of the running binary; filled in at build time.
const BuildInfo& build_info();

}  // namespace tinyperf
