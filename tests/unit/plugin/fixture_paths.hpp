#pragma once

#include <filesystem>
#include <string>

#ifndef TB_FIXTURE_PLUGIN_DIR
#error "TB_FIXTURE_PLUGIN_DIR must point at the built fixture plugins"
#endif

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

// A fresh directory under the system temp directory, removed with everything in it.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tb_plugin_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory from " + pattern);
    }
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tb::host::testing
