#pragma once

#include <filesystem>
#include <string>

#ifndef TB_FIXTURE_PLUGIN_DIR
#error "TB_FIXTURE_PLUGIN_DIR must point at the built fixture plugins"
#endif

#include "temp_dir.hpp"

namespace tb::host::testing {

inline std::filesystem::path fixture_dir() { return TB_FIXTURE_PLUGIN_DIR; }

// The built fixture <name>.so (see tests/fixtures/plugins/CMakeLists.txt).
inline std::filesystem::path fixture(const std::string& name) {
  return fixture_dir() / (name + ".so");
}

}  // namespace tb::host::testing

#include <stdlib.h>

#include <stdexcept>
#include <system_error>

namespace tb::host::testing {

using temp_dir = ::tb::test::temp_dir;

}  // namespace tb::host::testing
